import { describe, expect, it } from 'vitest';
import { fieldsSharedWith } from '../../../../server/sync/push-store.ts';
import { storedSeizure } from '../../../support/sync-client.ts';

const id = '0190c3a4-7d2e-7a1b-9c3d-4e5f60718293';
const { stored, fields: asStored } = storedSeizure(id);
const record = { entity: 'intake_event' as const, data: stored };

describe('fieldsSharedWith (a history row takes its fields from the record only when they are the same JSON)', () => {
  it('shares a create whose fields are the stored record without the server keys, in any key order', () => {
    expect(fieldsSharedWith(asStored, record)).toEqual(['id', 'revision', 'status']);
    const reordered = Object.fromEntries(Object.entries(asStored).reverse());
    expect(fieldsSharedWith(reordered, record)).toEqual(['id', 'revision', 'status']);
  });

  it('keeps fields that differ from the record: an emptied field, a server key, a partial change, other values', () => {
    expect(fieldsSharedWith({ ...asStored, recordingAgency: null }, record)).toBeNull();
    expect(fieldsSharedWith({ ...asStored, id }, record)).toBeNull();
    expect(fieldsSharedWith({ notes: asStored.notes }, record)).toBeNull();
    expect(fieldsSharedWith({ ...asStored, notes: 'Found under a seat' }, record)).toBeNull();
    expect(fieldsSharedWith({ ...asStored, weapons: [{}] }, record)).toBeNull();
  });

  it('never shares with a tombstone or a record this batch did not write', () => {
    expect(fieldsSharedWith(asStored, { entity: 'intake_event', data: null })).toBeNull();
    expect(fieldsSharedWith(asStored, undefined)).toBeNull();
  });

  it("drops only a campaign's id and revision: its status is its own field", () => {
    const campaign = { id, revision: 2, name: 'Amnesty 2026', status: 'active' };
    expect(
      fieldsSharedWith(
        { name: 'Amnesty 2026', status: 'active' },
        { entity: 'campaign', data: campaign },
      ),
    ).toEqual(['id', 'revision']);
  });
});
