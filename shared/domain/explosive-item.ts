import { z } from 'zod';
import { AttachmentListSchema } from './attachment.ts';
import { ExplosiveSafetyStatusSchema, ExplosiveTypeSchema } from './enums.ts';
import { RecordIdSchema } from './ids.ts';
import { keyed } from './message-keys.ts';
import { alwaysOnObjects, reportIssues, textSchema, TimestampSchema } from './primitives.ts';
import {
  ExplosivesQuantityDraftSchema,
  ExplosivesQuantitySchema,
  positiveAmountIssues,
} from './quantity.ts';

/**
 * A10 Explosive or explosive ordnance item. The Roadmap covers firearms, ammunition AND
 * explosives, so they are first-class, in pieces or kg ("160 bombs / mines", "620 kg explosive").
 */
const explosiveItemDraftShape = {
  id: RecordIdSchema,
  eoType: ExplosiveTypeSchema.optional(),
  quantity: ExplosivesQuantityDraftSchema.optional(),
  safetyStatus: ExplosiveSafetyStatusSchema.optional(),
  eodTeamNotifiedAt: TimestampSchema.optional(),
  description: textSchema(500).optional(),
  photos: AttachmentListSchema,
};

export const ExplosiveItemDraftSchema = z.object(explosiveItemDraftShape, keyed('invalidObject'));
export type ExplosiveItemDraft = z.infer<typeof ExplosiveItemDraftSchema>;

export const ExplosiveItemFinalSchema = z
  .object(
    {
      ...explosiveItemDraftShape,
      eoType: ExplosiveTypeSchema,
      quantity: ExplosivesQuantitySchema,
      safetyStatus: ExplosiveSafetyStatusSchema,
    },
    keyed('invalidObject'),
  )
  .superRefine(
    (item, ctx) => reportIssues(ctx, positiveAmountIssues(item.quantity)),
    alwaysOnObjects,
  );
export type ExplosiveItem = z.infer<typeof ExplosiveItemFinalSchema>;
