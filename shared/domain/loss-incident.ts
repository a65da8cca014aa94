import { type z } from 'zod';
import { CorrectionSchema } from './correction.ts';
import { LossIncidentKindSchema } from './enums.ts';
import { RecordIdSchema } from './ids.ts';
import { ItemRefSchema } from './item-ref.ts';
import {
  BooleanSchema,
  duplicateIdIssues,
  type DomainIssue,
  IsoDateSchema,
  listOf,
  objectOf,
  reportIssues,
  requiredTextSchema,
  textSchema,
  TimestampSchema,
} from './primitives.ts';
import { SealSchema } from './seal.ts';

const lossIncidentShape = {
  id: RecordIdSchema,
  incidentKind: LossIncidentKindSchema,
  /** When it was lost or stolen, as far as known. */
  occurredAt: TimestampSchema,
  /** The site it went missing from (none: with a person away from any site). */
  siteLocationId: RecordIdSchema.optional(),
  /** What went missing; a lot may be missing in part. */
  items: listOf(ItemRefSchema, { count: 1, message: 'itemRequired' }),
  circumstances: requiredTextSchema(2000),
  policeReference: textSchema(120).optional(),
  /** INTERPOL iARMS has no public interface: the notification is made there and recorded here. */
  iarmsNotified: BooleanSchema,
  iarmsNotifiedOn: IsoDateSchema.optional(),
  iarmsReference: textSchema(120).optional(),
  correction: CorrectionSchema.optional(),
};

/**
 * Each item once; a notification to iARMS says when it was made, since "notified" without a date
 * cannot be checked against iARMS later.
 */
function incidentIssues(incident: {
  items: readonly object[];
  iarmsNotified: boolean;
  iarmsNotifiedOn?: string | undefined;
}): DomainIssue[] {
  const issues = duplicateIdIssues(incident, ['items']);
  if (incident.iarmsNotified && incident.iarmsNotifiedOn === undefined) {
    issues.push({ path: ['iarmsNotifiedOn'], message: 'required' });
  }
  return issues;
}

/**
 * A12 loss or theft incident: the items are lost or stolen from then on, and the record says
 * whether INTERPOL iARMS was notified. Sealed like every custody record.
 */
export const LossIncidentSchema = objectOf({
  ...lossIncidentShape,
  seal: SealSchema.optional(),
}).superRefine((incident, ctx) => reportIssues(ctx, incidentIssues(incident)));
export type LossIncident = z.infer<typeof LossIncidentSchema>;

// A form never names the id: main draws it when it seals the record.
const { id: _id, ...lossIncidentInput } = lossIncidentShape;

export const LossIncidentInputSchema = objectOf(lossIncidentInput).superRefine((incident, ctx) =>
  reportIssues(ctx, incidentIssues(incident)),
);
export type LossIncidentInput = z.input<typeof LossIncidentInputSchema>;
