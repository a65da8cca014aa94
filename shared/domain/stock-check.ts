import { z } from 'zod';
import { CorrectionSchema } from './correction.ts';
import { StockDiscrepancyKindSchema } from './enums.ts';
import { RecordIdSchema } from './ids.ts';
import { keyed } from './message-keys.ts';
import { listOf, objectOf, requiredTextSchema, textSchema, TimestampSchema } from './primitives.ts';
import { SealSchema } from './seal.ts';

/** One item counted: a weapon is there or not (amount 1); a lot is counted in its own unit. */
export const StockLineSchema = z.object(
  {
    itemId: RecordIdSchema,
    amount: z.number(keyed('invalidNumber')).min(0),
  },
  keyed('invalidObject'),
);
export type StockLine = z.infer<typeof StockLineSchema>;

/** Something found that no record places at this site (an item or a box with no record). */
export const UnlistedFindSchema = z.object(
  {
    description: requiredTextSchema(300),
    serialNumber: textSchema(100).optional(),
  },
  keyed('invalidObject'),
);

export const StockDiscrepancySchema = z.object(
  {
    kind: StockDiscrepancyKindSchema,
    itemId: RecordIdSchema.optional(),
    expectedAmount: z.number().optional(),
    foundAmount: z.number().optional(),
    description: textSchema(300).optional(),
  },
  keyed('invalidObject'),
);
export type StockDiscrepancy = z.infer<typeof StockDiscrepancySchema>;

/** What a person records of a count: what was found, by whom, when. */
const stockCheckInputShape = {
  siteLocationId: RecordIdSchema,
  checkedAt: TimestampSchema,
  countedBy: requiredTextSchema(120),
  /** Items found, typed or scanned (a barcode scanner types like a keyboard), with the count. */
  found: listOf(StockLineSchema),
  unlistedFinds: listOf(UnlistedFindSchema),
  note: textSchema(1000).optional(),
  correction: CorrectionSchema.optional(),
};

/**
 * A12 stock check (PSSM): the site's expected list, as its records gave it when the check was
 * sealed, against what was found, with every discrepancy. Main computes `expected` and
 * `discrepancies`, so neither can be typed to hide a missing item. Sealed like every custody record.
 */
export const StockCheckSchema = objectOf({
  id: RecordIdSchema,
  ...stockCheckInputShape,
  expected: listOf(StockLineSchema),
  discrepancies: listOf(StockDiscrepancySchema),
  seal: SealSchema.optional(),
});
export type StockCheck = z.infer<typeof StockCheckSchema>;

export const StockCheckInputSchema = objectOf(stockCheckInputShape);
export type StockCheckInput = z.input<typeof StockCheckInputSchema>;
