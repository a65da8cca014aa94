import { z } from 'zod';
import { AttachmentListSchema } from './attachment.ts';
import { PartTypeSchema } from './enums.ts';
import { RecordIdSchema } from './ids.ts';
import { keyed } from './message-keys.ts';
import { alwaysOnObjects, reportIssues } from './primitives.ts';
import { PartsQuantityDraftSchema, PartsQuantitySchema, positiveAmountIssues } from './quantity.ts';
import { asReadTextSchema, normaliseMarkingText } from './serial-number.ts';

/**
 * A8 Parts and components, counted apart from weapons ("623 weapon parts", "1,070 components").
 * One row per homogeneous batch; a serialised part usually gets its own row.
 */
const partDraftShape = {
  id: RecordIdSchema,
  partType: PartTypeSchema.optional(),
  serialNumber: asReadTextSchema(100).optional(),
  markingText: asReadTextSchema(200).optional(),
  quantity: PartsQuantityDraftSchema.optional(),
  photos: AttachmentListSchema,
};

function withNormalisedText<
  T extends { serialNumber?: string | undefined; markingText?: string | undefined },
>(part: T) {
  return {
    ...part,
    serialNumberNormalised:
      part.serialNumber === undefined ? undefined : normaliseMarkingText(part.serialNumber),
    markingTextNormalised:
      part.markingText === undefined ? undefined : normaliseMarkingText(part.markingText),
  };
}

export const PartDraftSchema = z
  .object(partDraftShape, keyed('invalidObject'))
  .transform(withNormalisedText);
export type PartDraft = z.infer<typeof PartDraftSchema>;

export const PartFinalSchema = z
  .object(
    { ...partDraftShape, partType: PartTypeSchema, quantity: PartsQuantitySchema },
    keyed('invalidObject'),
  )
  .superRefine(
    (part, ctx) => reportIssues(ctx, positiveAmountIssues(part.quantity)),
    alwaysOnObjects,
  )
  .transform(withNormalisedText);
export type Part = z.infer<typeof PartFinalSchema>;
