import { z } from 'zod';
import { AttachmentListSchema } from './attachment.ts';
import { CountryCodeSchema } from './country-code.ts';
import { AmmoClassSchema, AmmoConditionSchema } from './enums.ts';
import { RecordIdSchema } from './ids.ts';
import { keyed } from './message-keys.ts';
import {
  alwaysOnObjects,
  reportIssues,
  requiredTextSchema,
  textSchema,
  YearSchema,
} from './primitives.ts';
import {
  AmmunitionQuantityDraftSchema,
  AmmunitionQuantitySchema,
  positiveAmountIssues,
} from './quantity.ts';
import { asReadTextSchema, normaliseMarkingText } from './serial-number.ts';

/**
 * A9 Ammunition lot: one row per homogeneous lot, counted in rounds, boxes, kg or tonnes, never
 * added across units. The headstamp is the key to ammunition tracing, so it is kept as read and
 * normalised for search like a serial.
 */
const ammunitionLotDraftShape = {
  id: RecordIdSchema,
  ammoClass: AmmoClassSchema.optional(),
  calibre: textSchema(60).optional(),
  headstampText: asReadTextSchema(100).optional(),
  lotBatchNumber: asReadTextSchema(60).optional(),
  countryOfManufacture: CountryCodeSchema.optional(),
  yearOfManufacture: YearSchema.optional(),
  /** ITI and ISACS call for marking of the smallest packaging unit. */
  packagingMarks: asReadTextSchema(500).optional(),
  quantity: AmmunitionQuantityDraftSchema.optional(),
  condition: AmmoConditionSchema.optional(),
  /** UN hazard division and compatibility group (IATG), e.g. '1.4S'. */
  hazardClass: textSchema(10).optional(),
  photos: AttachmentListSchema,
};

function withNormalisedHeadstamp<T extends { headstampText?: string | undefined }>(lot: T) {
  return {
    ...lot,
    headstampTextNormalised:
      lot.headstampText === undefined ? undefined : normaliseMarkingText(lot.headstampText),
  };
}

export const AmmunitionLotDraftSchema = z
  .object(ammunitionLotDraftShape, keyed('invalidObject'))
  .transform(withNormalisedHeadstamp);
export type AmmunitionLotDraft = z.infer<typeof AmmunitionLotDraftSchema>;

export const AmmunitionLotFinalSchema = z
  .object(
    {
      ...ammunitionLotDraftShape,
      ammoClass: AmmoClassSchema,
      calibre: requiredTextSchema(60),
      quantity: AmmunitionQuantitySchema,
    },
    keyed('invalidObject'),
  )
  .superRefine((lot, ctx) => reportIssues(ctx, positiveAmountIssues(lot.quantity)), alwaysOnObjects)
  .transform(withNormalisedHeadstamp);
export type AmmunitionLot = z.infer<typeof AmmunitionLotFinalSchema>;
