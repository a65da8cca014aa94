import { z } from 'zod';
import { CountryCodeSchema } from './country-code.ts';
import { SourceContextSchema, WeaponCategorySchema } from './enums.ts';
import { RecordIdSchema, Sha256Schema } from './ids.ts';
import { key, keyed } from './message-keys.ts';
import {
  IsoDateSchema,
  objectOf,
  reportIssues,
  textSchema,
  TimestampSchema,
  type DomainIssue,
} from './primitives.ts';
import { QuantitySchema } from './quantity.ts';

/**
 * A historic aggregate count (issue 15; salw-domain.md A13 "items[] or aggregate_counts"):
 * "857 weapons and 188 parts destroyed in 2015", as a report or register gave it, before the team
 * kept item-level records. Kept apart from item-level records: it lists no items, it is never
 * counted as one, and a report says which of its figures come from such counts. One count is one
 * kind in one unit; two counts are never added across kinds or units.
 */

/** What the figure counts: weapons that came into the state's hands, or that were destroyed. */
export const historicActivityValues = ['collected_or_seized', 'destroyed'] as const;
export const HistoricActivitySchema = z.enum(historicActivityValues, keyed('invalidOption'));
export type HistoricActivity = z.infer<typeof HistoricActivitySchema>;

/** Which file and row an imported count came from. */
export const CountProvenanceSchema = objectOf({
  fileName: textSchema(255),
  sha256: Sha256Schema,
  importedAt: TimestampSchema,
  row: z.int(keyed('invalidNumber')).min(1, key('invalidNumber')),
});

export const HistoricCountSchema = objectOf({
  id: RecordIdSchema,
  activity: HistoricActivitySchema,
  /** The period the figure covers: a year is 1 January to 31 December. */
  periodFrom: IsoDateSchema,
  periodTo: IsoDateSchema,
  jurisdiction: CountryCodeSchema.optional(),
  /** Seized, found, surrendered or surplus, where the source says (Roadmap Goal 6 asks it). */
  sourceContext: SourceContextSchema.optional(),
  weaponCategory: WeaponCategorySchema.optional(),
  quantity: QuantitySchema,
  /** What the count is of, in the source's words ("hand grenades M75", "AK-pattern rifles"). */
  description: textSchema(300).optional(),
  /** Where the figure comes from (a report, a register, a decision): required, it is evidence. */
  source: textSchema(500).refine((text) => text.trim() !== '', key('required')),
  note: textSchema(2000).optional(),
  importedFrom: CountProvenanceSchema.optional(),
}).superRefine((count, ctx) => reportIssues(ctx, historicCountIssues(count)));
export type HistoricCount = z.infer<typeof HistoricCountSchema>;

function historicCountIssues(count: { periodFrom: string; periodTo: string }): DomainIssue[] {
  return count.periodTo < count.periodFrom
    ? [{ path: ['periodTo'], message: 'endBeforeStart' }]
    : [];
}

/** Checks needing the clock: a count cannot cover days that have not come yet. */
export function historicCountDateIssues(
  record: Record<string, unknown>,
  today: string,
): DomainIssue[] {
  const to = record.periodTo;
  return typeof to === 'string' && to > today
    ? [{ path: ['periodTo'], message: 'dateInFuture' }]
    : [];
}
