import { z } from 'zod';
import { AttachmentRefSchema } from './attachment.ts';
import {
  DestructionMethodSchema,
  SourceContextSchema,
  VerificationResultSchema,
  WeaponCategorySchema,
} from './enums.ts';
import { RecordIdSchema } from './ids.ts';
import { ItemRefSchema } from './item-ref.ts';
import { keyed } from './message-keys.ts';
import {
  BooleanSchema,
  IsoDateSchema,
  listOf,
  objectOf,
  reportIssues,
  requiredTextSchema,
  textSchema,
  TimestampSchema,
  type DomainIssue,
} from './primitives.ts';
import { QuantitySchema } from './quantity.ts';

/**
 * A count destroyed without item records (legacy or bulk ammunition). It keeps its source
 * context because Roadmap Goal 6 reports surplus apart from seized, found and surrendered.
 */
export const AggregateCountSchema = z.object(
  {
    sourceContext: SourceContextSchema,
    weaponCategory: WeaponCategorySchema.optional(),
    quantity: QuantitySchema,
  },
  keyed('invalidObject'),
);
export type AggregateCount = z.infer<typeof AggregateCountSchema>;

/** The count and serial check of the list against the physical items, before destruction. */
export const PreDestructionVerificationSchema = z
  .object(
    {
      verifiedBy: requiredTextSchema(120),
      verifiedAt: TimestampSchema.optional(),
      countChecked: BooleanSchema,
      serialsChecked: BooleanSchema,
      result: VerificationResultSchema,
      note: textSchema(1000).optional(),
    },
    keyed('invalidObject'),
  )
  .superRefine((verification, ctx) => {
    const issues: DomainIssue[] =
      verification.result === 'discrepancies_found' && !verification.note
        ? [{ path: ['note'], message: 'required' }]
        : [];
    reportIssues(ctx, issues);
  });
export type PreDestructionVerification = z.infer<typeof PreDestructionVerificationSchema>;

/** Independent verification is a MOSAIC 05.50 theme: EU, UNDP, OSCE and ministers attend. */
export const WitnessSchema = z.object(
  {
    name: requiredTextSchema(120),
    organisation: requiredTextSchema(120),
    role: requiredTextSchema(120),
  },
  keyed('invalidObject'),
);
export type Witness = z.infer<typeof WitnessSchema>;

/**
 * A13 Destruction event. Signed and certified, so immutable: a single complete schema. Item-level
 * lists are preferred; aggregate counts are allowed for bulk ammunition, and one of the two must
 * be there. "Destroyed" guns that reappear in crimes are why the trail and photos are required.
 */
export const DestructionEventSchema = objectOf({
  id: RecordIdSchema,
  destructionDate: IsoDateSchema,
  siteLocationId: RecordIdSchema,
  organisingAuthority: requiredTextSchema(120),
  method: DestructionMethodSchema,
  items: listOf(ItemRefSchema),
  aggregateCounts: listOf(AggregateCountSchema),
  preDestructionVerification: PreDestructionVerificationSchema,
  witnesses: listOf(WitnessSchema, { count: 1, message: 'witnessRequired' }),
  /** Photos only (video is not an accepted attachment type yet). */
  photos: listOf(AttachmentRefSchema, { count: 1, message: 'photoRequired' }),
  certificateNumber: requiredTextSchema(60),
  certificateSignatories: listOf(requiredTextSchema(120), { count: 1, message: 'required' }),
  /** A photo or scan of the signed certificate. */
  certificateFile: AttachmentRefSchema,
  postDestructionCheck: textSchema(1000).optional(),
  /** For example "EU Council Decision 2013/730/CFSP". */
  fundingSource: textSchema(200).optional(),
  publicEvent: BooleanSchema.optional(),
  /** For example International Gun Destruction Day, 9 July. */
  publicOccasion: textSchema(200).optional(),
}).superRefine((event, ctx) => {
  const issues: DomainIssue[] =
    event.items.length === 0 && event.aggregateCounts.length === 0
      ? [{ path: ['items'], message: 'itemRequired' }]
      : [];
  reportIssues(ctx, issues);
});
export type DestructionEvent = z.infer<typeof DestructionEventSchema>;
