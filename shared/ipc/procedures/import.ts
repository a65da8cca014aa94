import { z } from 'zod';
import { RecordIdSchema } from '../../domain/ids.ts';

/**
 * Import of existing intake records from CSV or XLSX (issue 15). The renderer sends the file the
 * person picked in parts (beginImport, then uploadImportPart in order), so neither side holds it
 * whole; main keeps it encrypted under a token, checks it (previewImport, again after a mapping
 * change), and stores nothing until the person confirms; confirming writes every event or none.
 */

/** The largest file taken: a register of about a million rows. */
export const maxImportFileBytes = 256 * 1024 * 1024;
/** One part of the file per call: well under any message limit, including the preview's. */
export const importPartBytes = 1024 * 1024;

export const BeginImportInputSchema = z.object({
  fileName: z.string().min(1).max(255),
  format: z.enum(['csv', 'xlsx']),
  size: z.int().min(1).max(maxImportFileBytes),
});

export const UploadImportPartInputSchema = z.object({
  token: RecordIdSchema,
  /** Where the part starts in the file: parts arrive in order. */
  offset: z.int().min(0).max(maxImportFileBytes),
  dataBase64: z.base64().max(Math.ceil((importPartBytes * 4) / 3) + 4),
});

export const ImportErrorSchema = z.object({
  row: z.int(),
  column: z.string(),
  message: z.string(),
  value: z.string().optional(),
  firstRow: z.int().optional(),
});

export const PreviewImportInputSchema = z.object({
  token: RecordIdSchema,
  /** File header → template column; missing: matched from the headers. */
  mapping: z.record(z.string().max(200), z.string().max(60)).optional(),
});

export const ImportPreviewSchema = z.object({
  token: RecordIdSchema,
  headers: z.array(z.string()),
  mapping: z.record(z.string(), z.string()),
  rowCount: z.int(),
  eventCount: z.int(),
  itemCount: z.int(),
  errorCount: z.int(),
  /** How many errors each column has. */
  errorsByColumn: z.record(z.string(), z.int()),
  /** The first errors of each column, in row order. */
  errors: z.array(ImportErrorSchema),
});
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

export const ImportResultSchema = z.object({
  eventCount: z.int(),
  itemCount: z.int(),
  /** The first records imported, to open from the result. */
  records: z.array(z.object({ id: RecordIdSchema, recordNumber: z.string().optional() })),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

const TokenSchema = z.object({ token: RecordIdSchema });

export const importProcedures = {
  beginImport: { input: BeginImportInputSchema, output: TokenSchema },
  uploadImportPart: {
    input: UploadImportPartInputSchema,
    output: z.object({ received: z.int() }),
  },
  previewImport: { input: PreviewImportInputSchema, output: ImportPreviewSchema },
  confirmImport: { input: TokenSchema, output: ImportResultSchema },
  cancelImport: { input: TokenSchema, output: z.object({ ok: z.literal(true) }) },
} as const;
