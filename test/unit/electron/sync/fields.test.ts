import { describe, expect, it } from 'vitest';
import { changedTopLevelFields, pickFields } from '../../../../electron/sync/fields.ts';

describe('changedTopLevelFields', () => {
  it('lists the fields whose value changed, never id, revision or an intake status', () => {
    const before = { id: 'e1', status: 'draft', revision: 1, notes: 'a', weapons: [{ id: 'w' }] };
    const after = { id: 'e1', status: 'final', revision: 2, notes: 'b', weapons: [{ id: 'w' }] };
    expect(changedTopLevelFields('intake_event', before, after)).toEqual(['notes']);
  });

  it('counts a cleared field and every field of a new record', () => {
    expect(
      changedTopLevelFields('intake_event', { notes: 'a', context: 'x' }, { context: 'x' }),
    ).toEqual(['notes']);
    expect(
      changedTopLevelFields('location', null, { id: 'l', name: 'S', jurisdiction: 'RS' }),
    ).toEqual(['jurisdiction', 'name']);
  });

  it("treats a campaign's status as its own field", () => {
    expect(
      changedTopLevelFields(
        'campaign',
        { status: 'planned', name: 'x' },
        { status: 'active', name: 'x' },
      ),
    ).toEqual(['status']);
  });

  it('ignores key order inside values (the server stores JSONB)', () => {
    expect(
      changedTopLevelFields(
        'intake_event',
        { seizure: { a: 1, b: 2 } },
        { seizure: { b: 2, a: 1 } },
      ),
    ).toEqual([]);
  });
});

describe('pickFields', () => {
  it('takes the listed fields with their whole value, a cleared one as null', () => {
    const state = { id: 'e1', status: 'draft', revision: 3, notes: 'n', weapons: [{ id: 'w' }] };
    expect(pickFields('intake_event', state, ['notes', 'occurredAt'])).toEqual({
      notes: 'n',
      occurredAt: null,
    });
    expect(pickFields('intake_event', state, null)).toEqual({ notes: 'n', weapons: [{ id: 'w' }] });
  });
});
