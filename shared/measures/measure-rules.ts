import type { TraceStatus } from '../domain/enums.ts';
import { type traceOutcomeValues, UNKNOWN } from './measure-results.ts';

/**
 * The people an intake record counts for K14 (Roadmap Goal 2: data by sex and age band), with
 * `unknown` for whatever is not recorded, never left out.
 *
 * - A surrender (context `surrendered` with collection details) counts ONE surrenderer, whoever
 *   handed in: a household or community handover is one person at the counter, and an anonymous
 *   one is a person whose sex and age are unknown.
 * - A seizure or find counts each person listed as involved (none listed: nobody).
 */
export interface IntakePerson {
  readonly role: 'surrenderer' | 'person_involved';
  readonly sex: string;
  readonly ageBand: string;
}

type Json = Record<string, unknown>;

function valueOr(value: unknown): string {
  return typeof value === 'string' && value !== '' ? value : UNKNOWN;
}

function objectOrNull(value: unknown): Json | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : null;
}

export function personsOfIntake(event: Json): IntakePerson[] {
  const collection = objectOrNull(event.collection);
  if (event.context === 'surrendered') {
    if (collection === null) return [];
    return [
      {
        role: 'surrenderer',
        sex: valueOr(collection.surrendererSex),
        ageBand: valueOr(collection.surrendererAgeBand),
      },
    ];
  }
  const seizure = objectOrNull(event.seizure);
  const involved = Array.isArray(seizure?.personsInvolved) ? seizure.personsInvolved : [];
  return involved.map((entry) => {
    const person = objectOrNull(entry) ?? {};
    return { role: 'person_involved', sex: valueOr(person.sex), ageBand: valueOr(person.ageBand) };
  });
}

/**
 * The SDG 16.4.2 trace outcome each (effective) trace status falls under; a weapon with no status
 * was never traced. A national check or an unsuccessful trace tried without establishing the
 * origin: "insufficient information". The store turns this table into its SQL.
 */
export const traceOutcomeByStatus = {
  origin_established_by_trace: 'established',
  origin_established_other: 'established',
  pending: 'pending',
  international_request_sent: 'pending',
  unsuccessful: 'insufficient_information',
  national_check_done: 'insufficient_information',
  not_attempted: 'never_attempted',
} as const satisfies Record<TraceStatus, (typeof traceOutcomeValues)[number]>;

export function traceOutcomeOf(status: string | null): (typeof traceOutcomeValues)[number] {
  // Own keys only: a malformed status such as 'constructor' must find nothing.
  return status !== null && Object.hasOwn(traceOutcomeByStatus, status)
    ? traceOutcomeByStatus[status as TraceStatus]
    : 'never_attempted';
}

/** K10 ageing: under 90 days, 90 to 365 days, over a year (from intake to the period's end). */
export const backlogAgeLimits = { under90: 90, upTo365: 365 } as const;

/** Days from intake to the end of the period, in the K10 ageing buckets. */
export function backlogAgeOf(days: number): 'under_90_days' | '90_to_365_days' | 'over_1_year' {
  if (days < backlogAgeLimits.under90) return 'under_90_days';
  if (days <= backlogAgeLimits.upTo365) return '90_to_365_days';
  return 'over_1_year';
}
