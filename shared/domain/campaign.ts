import { z } from 'zod';
import { JurisdictionSchema } from './country-code.ts';
import { CampaignStatusSchema, CampaignTypeSchema, IncentiveTypeSchema } from './enums.ts';
import { RecordIdSchema } from './ids.ts';
import { keyed } from './message-keys.ts';
import {
  IsoDateSchema,
  objectOf,
  reportIssues,
  requiredTextSchema,
  textSchema,
  type DomainIssue,
} from './primitives.ts';
import { QuantitySchema } from './quantity.ts';

/**
 * A2 Campaign: a weapons collection programme (amnesty, legalisation, weapons for development,
 * buy-back, DDR, or the police's ongoing "open door").
 */
export const CampaignSchema = objectOf({
  id: RecordIdSchema,
  name: requiredTextSchema(120),
  jurisdiction: JurisdictionSchema,
  campaignType: CampaignTypeSchema,
  /** Law or decree; amnesty and legalisation windows can differ (Montenegro 2015-17). */
  legalBasis: textSchema(200).optional(),
  startDate: IsoDateSchema,
  /** Open-ended amnesties exist. */
  endDate: IsoDateSchema.optional(),
  amnestyEndDate: IsoDateSchema.optional(),
  legalizationEndDate: IsoDateSchema.optional(),
  incentiveType: IncentiveTypeSchema.optional(),
  leadAgency: requiredTextSchema(120),
  /** UNDP, OSCE, EU (Council Decision ref)…: donor reports need them. */
  partnersDonors: z.array(requiredTextSchema(120), keyed('invalidList')).optional(),
  targetDescription: textSchema(500).optional(),
  /** Kind-aware, so a target in weapons is never compared with a total in tonnes. */
  targetQuantity: QuantitySchema.optional(),
  outreachChannels: textSchema(500).optional(),
  status: CampaignStatusSchema,
}).superRefine((campaign, ctx) => {
  // ISO dates compare correctly as strings.
  const issues: DomainIssue[] = (['endDate', 'amnestyEndDate', 'legalizationEndDate'] as const)
    .filter((field) => {
      const end = campaign[field];
      return end !== undefined && end < campaign.startDate;
    })
    .map((field) => ({ path: [field], message: 'endBeforeStart' }));
  reportIssues(ctx, issues);
});
export type Campaign = z.infer<typeof CampaignSchema>;
