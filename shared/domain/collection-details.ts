import { z } from 'zod';
import {
  AgeBandSchema,
  CollectionMethodSchema,
  DispositionRequestedSchema,
  IncentiveTypeSchema,
  SexSchema,
  SurrenderingPartyTypeSchema,
} from './enums.ts';
import { keyed } from './message-keys.ts';
import { BooleanSchema, textSchema } from './primitives.ts';

/**
 * A4 Collection details: a surrender, or an item found during a campaign. Names of surrendering
 * people are deliberately absent: amnesty laws often promise anonymity (Macedonia 2003), while
 * Roadmap Goal 2 only needs sex and age band.
 */
const collectionDetailsDraftShape = {
  collectionMethod: CollectionMethodSchema.optional(),
  surrenderingPartyType: SurrenderingPartyTypeSchema.optional(),
  anonymous: BooleanSchema.optional(),
  /**
   * The person's own answer to "was this handed in under a campaign?". The collection method
   * cannot tell: a walk-in at a station is either the police's open door or a campaign. When
   * true, the intake event must name the campaign (see intake-event.ts).
   */
  campaignBased: BooleanSchema.optional(),
  surrendererSex: SexSchema.optional(),
  surrendererAgeBand: AgeBandSchema.optional(),
  dispositionRequested: DispositionRequestedSchema.optional(),
  incentiveGiven: IncentiveTypeSchema.optional(),
  incentiveValue: textSchema(120).optional(),
  /** The receipt handed to the surrendering person. */
  receiptNumber: textSchema(60).optional(),
};

export const CollectionDetailsDraftSchema = z.object(
  collectionDetailsDraftShape,
  keyed('invalidObject'),
);
export type CollectionDetailsDraft = z.infer<typeof CollectionDetailsDraftSchema>;

export const CollectionDetailsFinalSchema = z.object(
  {
    ...collectionDetailsDraftShape,
    collectionMethod: CollectionMethodSchema,
    surrenderingPartyType: SurrenderingPartyTypeSchema,
    anonymous: BooleanSchema,
    campaignBased: BooleanSchema,
    dispositionRequested: DispositionRequestedSchema,
  },
  keyed('invalidObject'),
);
export type CollectionDetails = z.infer<typeof CollectionDetailsFinalSchema>;
