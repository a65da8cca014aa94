import type { TraceStatus } from '../domain/enums.ts';
import type { TraceAnswer, TraceStep } from '../domain/trace-request.ts';

/**
 * A weapon's trace status as its trace requests make it (salw-domain.md B2): the SDG 16.4.2
 * numerator counts a weapon whose origin was established, and when. Computed "as of" a day, so a
 * report for an earlier period counts what was known then, and a late answer moves the weapon into
 * the period it arrived in, never back into one already reported.
 */

/** What the derivation reads of a request: its dated steps and its answer. */
export interface TraceRequestFacts {
  readonly steps: readonly TraceStep[];
  readonly answer?: TraceAnswer | undefined;
}

export interface TraceFromRequests {
  /** null: no request had been sent by then (drafts do not count). */
  readonly traceStatus: TraceStatus | null;
  /** The day the first answer establishing the point of diversion arrived. */
  readonly originEstablishedOn: string | null;
}

const answeredSteps = new Set(['answered', 'partially_answered']);

/**
 * Precedence, strongest first: an answer that established the point of diversion; a request still
 * open (pending once the other side has acknowledged or answered in part, otherwise "request
 * sent"); every request ended without establishing it (refused, answered without it, closed).
 */
export function traceFromRequests(
  requests: readonly TraceRequestFacts[],
  asOf?: string,
): TraceFromRequests {
  let established: string | null = null;
  let pending = false;
  let sent = false;
  let ended = false;
  for (const request of requests) {
    const steps = asOf === undefined ? request.steps : request.steps.filter((s) => s.on <= asOf);
    const last = steps.at(-1);
    if (last === undefined) continue;
    const answer = steps.find((step) => answeredSteps.has(step.status));
    if (answer !== undefined && request.answer?.pointOfDiversionEstablished === true) {
      if (established === null || answer.on < established) established = answer.on;
      continue;
    }
    if (last.status === 'acknowledged' || last.status === 'partially_answered') pending = true;
    else if (last.status === 'sent') sent = true;
    else ended = true;
  }
  if (established !== null) {
    return { traceStatus: 'origin_established_by_trace', originEstablishedOn: established };
  }
  const traceStatus: TraceStatus | null = pending
    ? 'pending'
    : sent
      ? 'international_request_sent'
      : ended
        ? 'unsuccessful'
        : null;
  return { traceStatus, originEstablishedOn: null };
}

/**
 * The status shown and counted: what the requests say, except that an origin established by other
 * means (intelligence, a national record: typed on the weapon) stands unless a trace established
 * it. With no request sent, the weapon's own typed status (a national check done, or a record
 * from before trace requests existed). The store mirrors this in SQL (EFFECTIVE_TRACE_SQL).
 */
export function effectiveTraceStatus(
  typed: TraceStatus | null | undefined,
  fromRequests: TraceStatus | null,
): TraceStatus | null {
  if (fromRequests === 'origin_established_by_trace') return fromRequests;
  if (typed === 'origin_established_other') return typed;
  return fromRequests ?? typed ?? null;
}

/** How the origin was established, for the SDG 16.4.2 disaggregation. */
export function establishedBy(status: TraceStatus | null): 'trace' | 'other_means' | null {
  if (status === 'origin_established_by_trace') return 'trace';
  if (status === 'origin_established_other') return 'other_means';
  return null;
}
