import { type z } from 'zod';
import { CorrectionSchema } from './correction.ts';
import { SealSchema } from './seal.ts';
import { CustodyDecisionKindSchema } from './enums.ts';
import { RecordIdSchema } from './ids.ts';
import { ItemRefSchema } from './item-ref.ts';
import {
  duplicateIdIssues,
  listOf,
  objectOf,
  reportIssues,
  requiredTextSchema,
  textSchema,
  TimestampSchema,
} from './primitives.ts';

/**
 * A decision about items that moves nothing (design principle 4): "for destruction", "evidence
 * hold", "return to the owner", or the release of a hold. Who decided (a prosecutor, a court, the
 * commission), when, on what authority and why; sealed like every custody record.
 */
const custodyDecisionShape = {
  id: RecordIdSchema,
  items: listOf(ItemRefSchema, { count: 1, message: 'itemRequired' }),
  decision: CustodyDecisionKindSchema,
  decidedAt: TimestampSchema,
  decidedBy: requiredTextSchema(120),
  /** An order or case reference, for example a prosecutor's decision number. */
  authorityReference: textSchema(120).optional(),
  reason: requiredTextSchema(1000),
  correction: CorrectionSchema.optional(),
};

export const CustodyDecisionSchema = objectOf({
  ...custodyDecisionShape,
  /** Added by main when the record is sealed; required on every side that receives it. */
  seal: SealSchema.optional(),
}).superRefine((decision, ctx) => reportIssues(ctx, duplicateIdIssues(decision, ['items'])));

// A form never names the id: main draws it when it seals the record.
const { id: _id, ...custodyDecisionShapeInput } = custodyDecisionShape;

/** A decision as a form sends it: main gives it its id when it seals it. */
export const CustodyDecisionInputSchema = objectOf(custodyDecisionShapeInput).superRefine(
  (decision, ctx) => reportIssues(ctx, duplicateIdIssues(decision, ['items'])),
);
export type CustodyDecisionInput = z.input<typeof CustodyDecisionInputSchema>;
export type CustodyDecision = z.infer<typeof CustodyDecisionSchema>;
