import { z } from 'zod';
import { ReviewFilterSchema } from '../../domain/record-review.ts';
import { RecordIdSchema } from '../../domain/ids.ts';

/**
 * Exports of everything the laptop holds (issue 16): XLSX (one sheet per record type and per list
 * inside it, joined by id), a zip of CSVs (one per table, photos optionally beside them), or
 * GeoJSON of every record with coordinates. Main asks where to write (the desktop's save dialog),
 * writes as a stream, and records the export in the audit log; the page follows its progress and
 * may cancel it.
 */
export const exportFormats = ['xlsx', 'csv_zip', 'geojson'] as const;
export const ExportFormatSchema = z.enum(exportFormats);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;

export const ExportOptionsSchema = z.object({
  format: ExportFormatSchema,
  /** Only final intake records; the drafts left out are counted. */
  finalOnly: z.boolean(),
  /** Surrenderers' and involved persons' details: team leads and administrators only. */
  includePersonalData: z.boolean(),
  /** Photos in the zip of CSVs. */
  includePhotos: z.boolean(),
  /** Only intake records standing so with their review (other record types are not reviewed here). */
  reviewState: ReviewFilterSchema.optional(),
});
export type ExportOptions = z.infer<typeof ExportOptionsSchema>;

export const ExportStateSchema = z.enum(['running', 'done', 'cancelled', 'failed']);

/**
 * Why an export failed, for the page to say in the person's language what to do: the folder
 * refused it (no permission, a read-only drive, the folder gone, the file open elsewhere, a folder
 * where the file should be), the disk filled up, or something else.
 */
export const exportFailureValues = [
  'not_permitted',
  'read_only',
  'folder_missing',
  'in_use',
  'name_is_folder',
  'disk_full',
  'other',
] as const;
export const ExportFailureSchema = z.enum(exportFailureValues);
export type ExportFailure = z.infer<typeof ExportFailureSchema>;

export const ExportJobSchema = z.object({
  jobId: RecordIdSchema,
  state: ExportStateSchema,
  fileName: z.string(),
  /** Where the file is (or will be, once done). */
  path: z.string(),
  done: z.int(),
  total: z.int(),
  /** Rows per table (features per record type for GeoJSON), once done. */
  rows: z.record(z.string(), z.int()),
  draftsLeftOut: z.int(),
  photos: z.int(),
  /** Why it failed (the page says it in words, with what to do); nothing was kept. */
  failure: ExportFailureSchema.optional(),
});
export type ExportJob = z.infer<typeof ExportJobSchema>;

const JobIdSchema = z.object({ jobId: RecordIdSchema });

export const exportProcedures = {
  /** Null when the person closed the save dialog without choosing. */
  startExport: { input: ExportOptionsSchema, output: ExportJobSchema.nullable() },
  getExport: { input: JobIdSchema, output: ExportJobSchema },
  cancelExport: { input: JobIdSchema, output: ExportJobSchema },
} as const;
