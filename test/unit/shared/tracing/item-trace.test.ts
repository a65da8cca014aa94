import { describe, expect, it } from 'vitest';
import { traceStatusValues, type TraceStatus } from '../../../../shared/domain/enums.ts';
import type { TraceStep } from '../../../../shared/domain/trace-request.ts';
import { effectiveTraceStatus, traceFromRequests } from '../../../../shared/tracing/item-trace.ts';

const sent: TraceStep = { status: 'sent', on: '2026-01-10' };

describe('a weapon trace status from its requests', () => {
  it('no request sent (drafts do not count): nothing from requests', () => {
    expect(traceFromRequests([{ steps: [] }])).toEqual({
      traceStatus: null,
      originEstablishedOn: null,
    });
  });

  it('sent, then pending once acknowledged, then established on the day the answer came', () => {
    expect(traceFromRequests([{ steps: [sent] }]).traceStatus).toBe('international_request_sent');
    const acknowledged = [sent, { status: 'acknowledged', on: '2026-02-01' } as const];
    expect(traceFromRequests([{ steps: acknowledged }]).traceStatus).toBe('pending');
    const answered = {
      steps: [...acknowledged, { status: 'answered', on: '2026-07-15' } as const],
      answer: { summary: 'Sold 1998 to a dealer', pointOfDiversionEstablished: true },
    };
    expect(traceFromRequests([answered])).toEqual({
      traceStatus: 'origin_established_by_trace',
      originEstablishedOn: '2026-07-15',
    });
    // An earlier period is recomputed as it stood then: in the first half-year, still pending.
    expect(traceFromRequests([answered], '2026-06-30').traceStatus).toBe('pending');
  });

  it('refused, closed or answered without the diversion: unsuccessful, unless another is open', () => {
    const refused = { steps: [sent, { status: 'refused', on: '2026-03-01' } as const] };
    const noDiversion = {
      steps: [sent, { status: 'answered', on: '2026-03-02' } as const],
      answer: { summary: 'No record', pointOfDiversionEstablished: false },
    };
    expect(traceFromRequests([refused, noDiversion]).traceStatus).toBe('unsuccessful');
    expect(traceFromRequests([refused, { steps: [sent] }]).traceStatus).toBe(
      'international_request_sent',
    );
  });

  it('the earliest establishing answer dates the origin', () => {
    const answered = (on: string) => ({
      steps: [sent, { status: 'partially_answered', on } as const],
      answer: { summary: 'Last legal owner found', pointOfDiversionEstablished: true },
    });
    expect(traceFromRequests([answered('2026-05-01'), answered('2026-04-01')])).toEqual({
      traceStatus: 'origin_established_by_trace',
      originEstablishedOn: '2026-04-01',
    });
  });

  it('an origin established by other means stands unless a trace established it', () => {
    const all: Array<TraceStatus | null> = [...traceStatusValues, null];
    for (const typed of all) {
      expect(effectiveTraceStatus(typed, 'origin_established_by_trace')).toBe(
        'origin_established_by_trace',
      );
      expect(
        effectiveTraceStatus(
          'origin_established_other',
          typed === 'origin_established_by_trace' ? null : typed,
        ),
      ).toBe('origin_established_other');
      expect(effectiveTraceStatus(typed, null)).toBe(typed);
    }
    expect(effectiveTraceStatus('not_attempted', 'pending')).toBe('pending');
  });
});
