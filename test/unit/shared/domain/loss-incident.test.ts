import { describe, expect, it } from 'vitest';
import { LossIncidentInputSchema } from '../../../../shared/domain/loss-incident.ts';

const incident = {
  incidentKind: 'theft',
  occurredAt: '2025-04-01T22:00:00+02:00',
  items: [{ kind: 'weapon', id: '0190f1e2-7c3a-7b1e-9a4e-2f3b4c5d6e7f' }],
  circumstances: 'The padlock of cage 3 was found cut.',
  iarmsNotified: false,
};

function issuesOf(value: unknown): Array<[string, string]> {
  const result = LossIncidentInputSchema.safeParse(value);
  return result.success
    ? []
    : result.error.issues.map((issue) => [issue.path.join('.'), issue.message]);
}

describe('LossIncidentInputSchema', () => {
  it('takes an incident iARMS was not told of', () => {
    expect(issuesOf(incident)).toEqual([]);
  });

  it('asks when iARMS was notified, once it says it was', () => {
    expect(issuesOf({ ...incident, iarmsNotified: true })).toEqual([
      ['iarmsNotifiedOn', 'required'],
    ]);
    expect(issuesOf({ ...incident, iarmsNotified: true, iarmsNotifiedOn: '2025-04-03' })).toEqual(
      [],
    );
  });

  it('names an item listed twice', () => {
    expect(issuesOf({ ...incident, items: [...incident.items, ...incident.items] })).toEqual([
      ['items.1.id', 'duplicateId'],
    ]);
  });
});
