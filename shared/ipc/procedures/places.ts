import { z } from 'zod';
import { CampaignSchema } from '../../domain/campaign.ts';
import { RecordIdSchema } from '../../domain/ids.ts';
import { LocationSchema } from '../../domain/location.ts';
import { QuantityKindSchema, QuantityUnitSchema } from '../../domain/quantity.ts';

/**
 * Locations (A1) and campaigns (A2) as records of their own: a page each, edited with the same
 * revision check as an intake. Creating one stays `saveLocation` / `saveCampaign` (records.ts),
 * which the intake editor's quick add also uses.
 */

const PersonRefSchema = z.object({ id: z.string(), name: z.string() });

/** What the store knows about a place or campaign besides its fields. */
const referenceMeta = {
  /** The local revision: every save bumps it; an edit names the one it was based on. */
  revision: z.number().int().min(1),
  createdAt: z.string(),
  createdBy: PersonRefSchema,
  /** The last change this laptop knows of (a pulled change may carry no person here). */
  updatedAt: z.string(),
  updatedBy: PersonRefSchema.nullable(),
};

export const LocationRecordViewSchema = z.object({ location: LocationSchema, ...referenceMeta });
export type LocationRecordView = z.infer<typeof LocationRecordViewSchema>;

export const CampaignRecordViewSchema = z.object({ campaign: CampaignSchema, ...referenceMeta });
export type CampaignRecordView = z.infer<typeof CampaignRecordViewSchema>;

/**
 * One (kind, unit) line of what a campaign's records hold. Final records are evidence; drafts are
 * still being written and may change. Different kinds and units are never added together.
 */
export const CampaignTotalSchema = z.object({
  kind: QuantityKindSchema,
  unit: QuantityUnitSchema,
  final: z.number().min(0),
  draft: z.number().min(0),
});
export type CampaignTotal = z.infer<typeof CampaignTotalSchema>;

export const CampaignProgressSchema = z.object({
  /** Intake records that name the campaign. */
  records: z.object({ final: z.number().int().min(0), draft: z.number().int().min(0) }),
  /** In the order weapons, parts, ammunition, explosives; pieces, rounds, boxes, kg, tonnes. */
  totals: z.array(CampaignTotalSchema),
  /** Draft items with no quantity or unit typed yet: counted nowhere above. */
  uncounted: z.number().int().min(0),
});
export type CampaignProgress = z.infer<typeof CampaignProgressSchema>;

const expectedRevision = z.number().int().min(1);

export const placeProcedures = {
  getLocation: { input: z.object({ id: RecordIdSchema }), output: LocationRecordViewSchema },
  /**
   * Changes a location that exists; `expectedRevision` is the revision the form was opened on:
   * if the location changed since (another person, or a pull), CONFLICT.
   */
  updateLocation: {
    input: z.object({ location: LocationSchema, expectedRevision }),
    output: LocationRecordViewSchema,
  },
  getCampaign: { input: z.object({ id: RecordIdSchema }), output: CampaignRecordViewSchema },
  /** As updateLocation; team leads and administrators only (FORBIDDEN otherwise). */
  updateCampaign: {
    input: z.object({ campaign: CampaignSchema, expectedRevision }),
    output: CampaignRecordViewSchema,
  },
  /** What the campaign's intake records hold so far, by kind and unit, final and draft apart. */
  getCampaignProgress: {
    input: z.object({ id: RecordIdSchema }),
    output: CampaignProgressSchema,
  },
} as const;
