import { describe, expect, it } from 'vitest';
import { decideMutation, type RecordState } from '../../../../server/sync/decide-mutation.ts';
import { mutation } from '../../../support/sync-client.ts';

const id = '0190a8e4-0000-7000-8000-000000000001';
const draft: RecordState = {
  id,
  entity: 'intake_event',
  serverRev: 3,
  deleted: false,
  status: 'draft',
  data: {
    id,
    status: 'draft',
    revision: 3,
    notes: 'server',
    recordingAgency: 'Police',
    weapons: [],
  },
};
const none = {
  otherChangedFields: new Set<string>(),
  record: { lookup: () => undefined, today: '2026-06-01' },
};

describe('decideMutation', () => {
  it("checks the author's role against the record type for the action, a re-sent create as an update", () => {
    const as = (role: 'field_officer' | 'custody_officer' | 'team_lead') => ({
      id: '0190a8e4-0000-7000-8000-0000000000dd',
      name: 'Someone',
      role,
    });
    const finalise = (role: Parameters<typeof as>[0]) =>
      decideMutation(
        draft,
        mutation({ mutationId: 1, entityId: id, op: 'finalise', baseRev: 3, author: as(role) }),
        none,
      );
    expect(finalise('custody_officer')).toMatchObject({ outcome: 'rejected', reason: 'forbidden' });
    expect(finalise('field_officer').reason).not.toBe('forbidden');
    const location = { ...draft, entity: 'location' as const, status: 'draft' as const };
    // Anyone may add a place, but a location is never finalised.
    expect(
      decideMutation(
        location,
        mutation({ mutationId: 1, entityId: id, entity: 'location', op: 'finalise', baseRev: 3 }),
        none,
      ),
    ).toMatchObject({ outcome: 'rejected', reason: 'unsupported_op' });
  });

  it('refuses a change based on a revision the server never issued, instead of applying it', () => {
    const ahead = decideMutation(
      draft,
      mutation({ mutationId: 1, entityId: id, baseRev: 4, fields: { notes: 'over newer edits' } }),
      none,
    );
    expect(ahead).toMatchObject({ outcome: 'rejected', reason: 'unknown_revision', next: null });
    expect(ahead.message).toContain('revision 4');
    const unknownRecord = decideMutation(
      undefined,
      mutation({ mutationId: 1, entityId: id, op: 'create', baseRev: 2, fields: {} }),
      none,
    );
    expect(unknownRecord).toMatchObject({ outcome: 'rejected', reason: 'unknown_revision' });
    // The revision it holds, or any before it, is a base the server issued.
    for (const baseRev of [0, 3]) {
      expect(
        decideMutation(
          draft,
          mutation({ mutationId: 1, entityId: id, baseRev, fields: { notes: 'x' } }),
          none,
        ).outcome,
      ).toBe('applied');
    }
  });

  it('never takes id, revision or an intake status from the device', () => {
    const decision = decideMutation(
      draft,
      mutation({
        mutationId: 1,
        entityId: id,
        baseRev: 3,
        fields: { status: 'final', revision: 99, notes: 'x' },
      }),
      none,
    );
    expect(decision.next?.status).toBe('draft');
    expect(decision.next?.data).toMatchObject({ status: 'draft', revision: 4, notes: 'x' });
    expect(decision.changedFields).toEqual(['notes']);
  });

  it('conflicts only on fields other devices changed to a different value', () => {
    const decision = decideMutation(
      draft,
      mutation({
        mutationId: 1,
        entityId: id,
        baseRev: 1,
        fields: { notes: 'mine', recordingAgency: 'Police', recordingOfficer: 'Me' },
      }),
      { ...none, otherChangedFields: new Set(['notes', 'recordingAgency']) },
    );
    expect(decision).toMatchObject({
      outcome: 'conflict',
      conflictFields: ['notes'],
      changedFields: ['recordingOfficer'],
    });
    expect(decision.conflicts).toEqual([
      { field: 'notes', deviceValue: 'mine', serverValue: 'server', kind: 'field' },
    ]);
    expect(decision.next?.data).toMatchObject({ notes: 'server', recordingOfficer: 'Me' });
  });

  it('compares values by content, not key order', () => {
    const withObject: RecordState = {
      ...draft,
      data: { ...draft.data, collection: { anonymous: true, campaignBased: false } },
    };
    const decision = decideMutation(
      withObject,
      mutation({
        mutationId: 1,
        entityId: id,
        baseRev: 1,
        fields: { collection: { campaignBased: false, anonymous: true } },
      }),
      { ...none, otherChangedFields: new Set(['collection']) },
    );
    expect(decision).toMatchObject({ outcome: 'applied', next: null, conflictFields: [] });
  });

  it('treats a field sent as null as emptied: removed from the record, equal to an absent one', () => {
    const cleared = decideMutation(
      draft,
      mutation({ mutationId: 1, entityId: id, baseRev: 3, fields: { notes: null } }),
      none,
    );
    expect(cleared.outcome).toBe('applied');
    expect(cleared.changedFields).toEqual(['notes']);
    expect(cleared.next?.data).not.toHaveProperty('notes');

    const alreadyAbsent = decideMutation(
      draft,
      mutation({ mutationId: 2, entityId: id, baseRev: 1, fields: { recordingOfficer: null } }),
      { ...none, otherChangedFields: new Set(['recordingOfficer']) },
    );
    expect(alreadyAbsent).toMatchObject({ outcome: 'applied', next: null, conflictFields: [] });
  });

  it('refuses ops that do not apply to the entity or the record', () => {
    const location = mutation({ mutationId: 1, entityId: id, entity: 'location', op: 'amend' });
    expect(decideMutation(undefined, location, none)).toMatchObject({
      outcome: 'rejected',
      reason: 'unsupported_op',
    });
    expect(
      decideMutation(undefined, mutation({ mutationId: 1, entityId: id }), none),
    ).toMatchObject({ reason: 'not_found' });
    const tombstone: RecordState = { ...draft, deleted: true, data: null };
    expect(
      decideMutation(tombstone, mutation({ mutationId: 1, entityId: id }), none),
    ).toMatchObject({ reason: 'record_deleted' });
    const final: RecordState = { ...draft, status: 'final' };
    expect(
      decideMutation(final, mutation({ mutationId: 1, entityId: id, op: 'delete' }), none),
    ).toMatchObject({ reason: 'not_deletable' });
  });
});

describe('decideMutation: the record number is written once', () => {
  const numbered: RecordState = {
    ...draft,
    data: { ...draft.data, recordNumber: 'K7QX9-00042' } as RecordState['data'],
  };

  it('refuses a change that would alter a record number already given, whatever the op', () => {
    for (const op of ['update', 'finalise'] as const) {
      const changed = decideMutation(
        numbered,
        mutation({
          mutationId: 1,
          entityId: id,
          op,
          baseRev: 3,
          fields: { recordNumber: 'AAAAA-00001' },
        }),
        none,
      );
      expect(changed).toMatchObject({ outcome: 'rejected', reason: 'invalid_record', next: null });
      expect(changed.message).toContain('K7QX9-00042');
    }
    const cleared = decideMutation(
      numbered,
      mutation({ mutationId: 2, entityId: id, baseRev: 3, fields: { recordNumber: null } }),
      none,
    );
    expect(cleared.outcome).toBe('rejected');
  });

  it('takes the same number again as no change', () => {
    const same = decideMutation(
      numbered,
      mutation({
        mutationId: 1,
        entityId: id,
        baseRev: 3,
        fields: { recordNumber: 'K7QX9-00042', notes: 'x' },
      }),
      none,
    );
    expect(same.outcome).toBe('applied');
    expect(same.changedFields).toEqual(['notes']);
  });

  it('gives a final record written before numbers its number, without taking other changes', () => {
    const final: RecordState = {
      ...draft,
      status: 'final',
      data: { ...draft.data, status: 'final' } as RecordState['data'],
    };
    const given = decideMutation(
      final,
      mutation({
        mutationId: 1,
        entityId: id,
        baseRev: 3,
        fields: { recordNumber: 'K7QX9-00007' },
      }),
      { ...none, record: { ...none.record, lookup: () => undefined } },
    );
    // Not a change to the evidence (no record_final conflict): the number is checked like any
    // final record (this bare record lacks items, so the final form's rules refuse it instead).
    expect(given.reason).not.toBe('record_final');
    expect(given.message).toContain('itemRequired');
    const withMore = decideMutation(
      final,
      mutation({
        mutationId: 2,
        entityId: id,
        baseRev: 3,
        fields: { recordNumber: 'K7QX9-00007', notes: 'slipped in' },
      }),
      none,
    );
    expect(withMore).toMatchObject({
      outcome: 'conflict',
      reason: 'record_final',
      conflictFields: ['notes'],
    });
  });
});
