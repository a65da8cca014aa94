import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  traceStatusOf,
  TraceRequestSchema,
  traceStepDateIssues,
  traceTransitions,
  type TraceRequestInput,
} from '../../../../shared/domain/trace-request.ts';

function draft(patch: Partial<TraceRequestInput> = {}): TraceRequestInput {
  return {
    id: randomUUID(),
    itemId: randomUUID(),
    intakeEventId: randomUUID(),
    weapon: { id: randomUUID(), serialNumber: 'M70-4411', markings: [], photos: [] },
    steps: [],
    ...patch,
  };
}

const sendable: Partial<TraceRequestInput> = {
  requestingAgency: 'Border Police, Belgrade',
  addresseeBasis: 'country_of_manufacture',
  addresseeCountry: 'DE',
  channel: 'iarms',
  illicitNature: 'Seized at the border, undeclared (Criminal Code art. 348).',
  intendedUse: 'Criminal investigation of the smuggling case.',
};

function messages(input: TraceRequestInput): string[] {
  const result = TraceRequestSchema.safeParse(input);
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.')}:${issue.message}`);
}

describe('trace request', () => {
  it('a draft may be almost empty; it is in status draft, routine by default', () => {
    const parsed = TraceRequestSchema.parse(draft());
    expect(traceStatusOf(parsed)).toBe('draft');
    expect(parsed.priority).toBe('routine');
  });

  it('is sent only with what the ITI asks: addressee, channel, illicit nature, intended use', () => {
    expect(messages(draft({ steps: [{ status: 'sent', on: '2026-11-02' }] }))).toEqual([
      'requestingAgency:required',
      'addresseeBasis:required',
      'addresseeCountry:required',
      'channel:required',
      'illicitNature:required',
      'intendedUse:required',
    ]);
    expect(messages(draft({ ...sendable, steps: [{ status: 'sent', on: '2026-11-02' }] }))).toEqual(
      [],
    );
  });

  it('needs a serial or a marking to trace by', () => {
    const input = draft({
      ...sendable,
      weapon: { id: randomUUID(), markings: [], photos: [] },
      steps: [{ status: 'sent', on: '2026-11-02' }],
    });
    expect(messages(input)).toEqual(['weapon.serialNumber:serialOrMarkingRequired']);
  });

  it('moves only along the allowed steps, never back in time', () => {
    expect(
      messages(draft({ ...sendable, steps: [{ status: 'answered', on: '2026-11-02' }] })),
    ).toContain('steps.0.status:traceStepNotAllowed');
    expect(
      messages(
        draft({
          ...sendable,
          steps: [
            { status: 'sent', on: '2026-11-02' },
            { status: 'acknowledged', on: '2026-11-01' },
          ],
        }),
      ),
    ).toEqual(['steps.1.on:traceStepBeforePrevious']);
    expect(
      messages(
        draft({
          ...sendable,
          steps: [
            { status: 'sent', on: '2026-11-02' },
            { status: 'refused', on: '2026-11-20' },
            { status: 'answered', on: '2026-11-21' },
          ],
        }),
      ),
    ).toContain('steps.2.status:traceStepNotAllowed');
    // Closed is the end: nothing follows it.
    expect(traceTransitions.closed).toEqual([]);
  });

  it('an answer says what it found and whether the point of diversion was established', () => {
    const steps = [
      { status: 'sent' as const, on: '2026-11-02' },
      { status: 'answered' as const, on: '2026-11-30' },
    ];
    expect(messages(draft({ ...sendable, steps }))).toEqual([
      'answer.summary:required',
      'answer.pointOfDiversionEstablished:required',
    ]);
    expect(
      messages(
        draft({
          ...sendable,
          steps,
          answer: { summary: 'Exported 1994 to X', pointOfDiversionEstablished: true },
        }),
      ),
    ).toEqual([]);
  });

  it('an urgent request says why; no step is dated after today', () => {
    expect(messages(draft({ priority: 'urgent' }))).toEqual(['urgencyReason:required']);
    expect(
      traceStepDateIssues({ steps: [{ status: 'sent', on: '2026-12-07' }] }, '2026-12-06'),
    ).toEqual([{ path: ['steps', 0, 'on'], message: 'dateInFuture' }]);
  });
});
