import { z } from 'zod';
import { AttachmentRefSchema } from './attachment.ts';
import { CorrectionSchema } from './correction.ts';
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
  duplicateIdIssues,
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
import { SealSchema } from './seal.ts';

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
      /** The items ticked one by one against the physical item (serial read off it). */
      itemsTicked: listOf(RecordIdSchema),
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
const destructionEventShape = {
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
  photos: listOf(AttachmentRefSchema, { count: 1, message: 'destructionPhotoRequired' }),
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
  correction: CorrectionSchema.optional(),
};

/**
 * Items or counts, each item once; "all match" only when every listed item was ticked against
 * the physical item (a destruction certified without that check is what lets guns reappear).
 */
function destructionIssues(event: {
  items: readonly object[];
  aggregateCounts: readonly unknown[];
  preDestructionVerification: { result: string; itemsTicked: readonly string[] };
}): DomainIssue[] {
  const issues: DomainIssue[] = [...duplicateIdIssues(event, ['items'])];
  if (event.items.length === 0 && event.aggregateCounts.length === 0) {
    issues.push({ path: ['items'], message: 'itemRequired' });
  }
  const ticked = new Set(event.preDestructionVerification.itemsTicked);
  if (
    event.preDestructionVerification.result === 'all_match' &&
    event.items.some((item) => {
      const id = (item as { id?: unknown }).id;
      return typeof id === 'string' && !ticked.has(id);
    })
  ) {
    issues.push({ path: ['preDestructionVerification', 'itemsTicked'], message: 'notAllTicked' });
  }
  return issues;
}

export const DestructionEventSchema = objectOf({
  ...destructionEventShape,
  /** Added by main when the record is sealed; required on every side that receives it. */
  seal: SealSchema.optional(),
}).superRefine((event, ctx) => reportIssues(ctx, destructionIssues(event)));

// A form never names the id: main draws it when it seals the record.
const { id: _id, ...destructionEventInput } = destructionEventShape;

/** A destruction as a form sends it: main gives it its id when it seals it. */
export const DestructionEventInputSchema = objectOf(destructionEventInput).superRefine(
  (event, ctx) => reportIssues(ctx, destructionIssues(event)),
);
export type DestructionEventInput = z.input<typeof DestructionEventInputSchema>;

/**
 * A destruction as printed for signing before it is sealed: its photos and the scan of the signed
 * certificate cannot exist yet, so they are not asked for; everything the paper shows is.
 */
export const DestructionToPrintSchema = objectOf({
  ...destructionEventInput,
  photos: listOf(AttachmentRefSchema),
  certificateFile: AttachmentRefSchema.optional(),
}).superRefine((event, ctx) => reportIssues(ctx, destructionIssues(event)));
export type DestructionToPrint = z.infer<typeof DestructionToPrintSchema>;

export type DestructionEvent = z.infer<typeof DestructionEventSchema>;
