import { z } from 'zod';
import { HistoricActivitySchema, HistoricCountSchema } from '../../domain/historic-count.ts';
import { IsoDateSchema } from '../../domain/primitives.ts';
import { QuantityKindSchema, QuantityUnitSchema } from '../../domain/quantity.ts';
import { CountImportErrorSchema } from '../../import/historic-count-import.ts';

/**
 * Historic aggregate counts (issue 15): figures from before item-level records, typed one by one
 * or imported from a CSV or XLSX file (shared/import/historic-count-import.ts), listed with their
 * totals per activity, kind and unit. Team leads and administrators enter them (checked in main).
 */

/** A small file: a national series is tens to hundreds of rows. */
export const maxCountFileBytes = 4 * 1024 * 1024;

const PersonRefSchema = z.object({ id: z.string(), name: z.string() });

export const HistoricCountViewSchema = z.object({
  count: HistoricCountSchema,
  revision: z.number().int().min(1),
  createdAt: z.string(),
  createdBy: PersonRefSchema,
});
export type HistoricCountView = z.infer<typeof HistoricCountViewSchema>;

/** One (activity, kind, unit) sum: different kinds or units are never added together. */
export const HistoricTotalSchema = z.object({
  activity: HistoricActivitySchema,
  kind: QuantityKindSchema,
  unit: QuantityUnitSchema,
  amount: z.number(),
  counts: z.number().int(),
});
export type HistoricTotal = z.infer<typeof HistoricTotalSchema>;

export const ImportHistoricCountsInputSchema = z.object({
  fileName: z.string().min(1).max(255),
  format: z.enum(['csv', 'xlsx']),
  dataBase64: z.string().max(Math.ceil((maxCountFileBytes * 4) / 3) + 4),
  /** Check only: what would be imported, nothing stored. */
  dryRun: z.boolean(),
});

export const ImportHistoricCountsResultSchema = z.object({
  /** Stored (false on a dry run or when the file has errors: then nothing is). */
  imported: z.boolean(),
  rowCount: z.int(),
  /** What the file's counts add up to, per activity, kind and unit. */
  totals: z.array(HistoricTotalSchema),
  /** Every wrong row's field (at most the first 200); any at all and nothing is imported. */
  errors: z.array(CountImportErrorSchema),
  errorCount: z.int(),
});
export type ImportHistoricCountsResult = z.infer<typeof ImportHistoricCountsResultSchema>;

export const historicCountProcedures = {
  /** Creates (expectedRevision null) or corrects one count. */
  saveHistoricCount: {
    input: z.object({
      count: HistoricCountSchema,
      expectedRevision: z.number().int().min(1).nullable(),
    }),
    output: HistoricCountViewSchema,
  },
  /** Counts whose period overlaps [from, to], oldest first, with their totals. */
  listHistoricCounts: {
    input: z.object({
      from: IsoDateSchema.optional(),
      to: IsoDateSchema.optional(),
      limit: z.number().int().min(1).max(1000).default(500),
    }),
    output: z.object({
      counts: z.array(HistoricCountViewSchema),
      totals: z.array(HistoricTotalSchema),
    }),
  },
  importHistoricCounts: {
    input: ImportHistoricCountsInputSchema,
    output: ImportHistoricCountsResultSchema,
  },
} as const;
