import { z } from 'zod';
import { JurisdictionSchema } from '../domain/country-code.ts';
import { IntakeContextSchema, LocationTypeSchema } from '../domain/enums.ts';
import { RecordIdSchema } from '../domain/ids.ts';
import { IsoDateSchema } from '../domain/primitives.ts';
import { ReviewFilterSchema } from '../domain/record-review.ts';

/**
 * What every measure (K1-K16, SDG 16.4.2; salw-domain.md (b)) is computed over. One filter for
 * the dashboard, the reports and the records a figure opens, so a figure and its records can
 * never disagree about what was asked.
 *
 * - The period is any range of days, both ends included. Calendar year and half-year (the IAFQ,
 *   Roadmap KPI and Roadmap narrative periods) are presets of it: `calendarYear`, `halfYear`.
 * - Jurisdiction, campaign, agency, location type and intake context describe the intake an item
 *   came in with (its place, its campaign, the recording agency). Measures about sites (stock
 *   checks, losses, storage standards, destruction counts without items) apply jurisdiction and
 *   location type to the site instead; each measure says which.
 * - `finalOnly` (the default, as in every official report) leaves draft intake records out and
 *   says how many it left out; off, drafts count like finals.
 */
export const MeasureFilterSchema = z
  .object({
    from: IsoDateSchema,
    to: IsoDateSchema,
    jurisdiction: JurisdictionSchema.optional(),
    campaignId: RecordIdSchema.optional(),
    /** The intake's recording agency, as typed (compared ignoring case and outer spaces). */
    agency: z.string().trim().min(1).max(120).optional(),
    locationType: LocationTypeSchema.optional(),
    context: IntakeContextSchema.optional(),
    finalOnly: z.boolean().default(true),
    /**
     * Only intake records standing so with their review (approved, has issues, answered...).
     * Counted from the rows, never from month rollups (they keep no review state); measures of
     * sites, which have no intake, count nothing under it, as under a campaign.
     */
    reviewState: ReviewFilterSchema.optional(),
  })
  .refine((filter) => filter.from <= filter.to, {
    message: 'The period ends before it starts.',
    path: ['to'],
  });
export type MeasureFilter = z.infer<typeof MeasureFilterSchema>;

/**
 * Whether the filter names what only intake records have (a campaign, an agency, a review
 * state): storage sites and destructions have none, so a map under it shows intake records only.
 */
export function filtersIntakeOnly(filter: MeasureFilter): boolean {
  return (
    filter.campaignId !== undefined ||
    filter.agency !== undefined ||
    filter.reviewState !== undefined
  );
}
export type MeasureFilterInput = z.input<typeof MeasureFilterSchema>;

export interface Period {
  readonly from: string;
  readonly to: string;
}

/** The calendar year (IAFQ, Roadmap annual KPI reports). */
export function calendarYear(year: number): Period {
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/** January-June or July-December (Roadmap semi-annual narrative reports). */
export function halfYear(year: number, half: 1 | 2): Period {
  return half === 1
    ? { from: `${year}-01-01`, to: `${year}-06-30` }
    : { from: `${year}-07-01`, to: `${year}-12-31` };
}
