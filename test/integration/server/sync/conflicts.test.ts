import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PushResponseSchema,
  type Mutation,
  type MutationResult,
} from '../../../../shared/sync/protocol.ts';
import { borderSeizure } from '../../../unit/shared/domain/fixtures.ts';
import {
  mutation,
  newRecordId,
  syncClient,
  withFreshItemIds,
} from '../../../support/sync-client.ts';
import {
  startSyncServer,
  syncBackends,
  type SyncServerHandle,
} from '../../../support/sync-server.ts';

const otherAuthor = {
  id: '0190a8e4-0000-7000-8000-0000000000bb',
  name: 'Boris Review',
  role: 'team_lead' as const,
};

describe.each(syncBackends)('conflicts and record rules (%s)', (backend) => {
  let server: SyncServerHandle;
  beforeAll(async () => {
    server = await startSyncServer({ backend });
  });
  afterAll(() => server.stop());

  /** A laptop that numbers its own mutations and returns the single result of each push. */
  async function laptop(name: string) {
    const client = syncClient(server.url, await server.enrollDevice(name));
    let next = 1;
    return async (
      partial: Omit<Partial<Mutation>, 'mutationId'> & { entityId: string },
    ): Promise<MutationResult> => {
      const response = await client.push([mutation({ ...partial, mutationId: next })]);
      next += 1;
      expect(response.status, response.text).toBe(200);
      const result = PushResponseSchema.parse(response.json).results[0];
      if (result === undefined) throw new Error('no result');
      return result;
    };
  }

  async function serverData(id: string) {
    const { rows } = await server.db.query<{
      data: Record<string, unknown> | null;
      server_rev: number;
      status: string;
      deleted: boolean;
    }>('SELECT data, server_rev, status, deleted FROM records WHERE id = $1', [id]);
    return rows[0];
  }

  /** A complete border seizure as a draft, at a border crossing the server knows. */
  async function borderDraft(push: Awaited<ReturnType<typeof laptop>>) {
    const locationId = newRecordId();
    const location = await push({
      entity: 'location',
      entityId: locationId,
      op: 'create',
      fields: { locationType: 'border_crossing_road', name: 'Batrovci', jurisdiction: 'RS' },
    });
    expect(location.outcome).toBe('applied');
    const { id: _id, status: _status, revision: _revision, ...fields } = borderSeizure();
    // Item ids are unique across every record, as a laptop makes them (it refuses a draft that
    // reuses another record's, and the server refuses to store one): each draft's items get
    // their own, or the second draft of this server would be refused.
    const items = withFreshItemIds(fields);
    const id = newRecordId();
    const created = await push({
      entityId: id,
      op: 'create',
      fields: { ...fields, ...items, locationId },
    });
    expect(created.outcome, created.message ?? '').toBe('applied');
    return id;
  }

  it('keeps the server value on a same-field edit by two devices and stores the other value', async () => {
    const a = await laptop('A');
    const b = await laptop('B');
    const id = newRecordId();
    await a({ entityId: id, op: 'create', fields: { notes: 'from A' } });
    await a({ entityId: id, baseRev: 1, fields: { notes: 'A again' } });
    const result = await b({
      entityId: id,
      baseRev: 1,
      fields: { notes: 'from B', recordingAgency: 'Police' },
      author: otherAuthor,
    });
    expect(result).toMatchObject({
      outcome: 'conflict',
      conflictFields: ['notes'],
      serverRev: 3,
      reason: null,
    });
    expect((result.serverState as { data: { notes: string } }).data.notes).toBe('A again');
    const stored = await serverData(id);
    expect(stored?.data).toMatchObject({ notes: 'A again', recordingAgency: 'Police' });
    const conflicts = await server.db.query<{
      field: string;
      device_value: unknown;
      server_value: unknown;
    }>('SELECT field, device_value, server_value FROM sync_conflicts WHERE record_id = $1', [id]);
    expect(conflicts.rows).toEqual([
      { field: 'notes', device_value: 'from B', server_value: 'A again' },
    ]);
  });

  it('refuses a change based on a revision the server never issued; the same change on an older one conflicts', async () => {
    const a = await laptop('A');
    const b = await laptop('B');
    const id = newRecordId();
    await a({ entityId: id, op: 'create', fields: { notes: 'from A' } });
    await a({ entityId: id, baseRev: 1, fields: { notes: 'A again' } });
    const ahead = await b({
      entityId: id,
      baseRev: 7,
      fields: { notes: 'from B' },
      author: otherAuthor,
    });
    expect(ahead).toMatchObject({ outcome: 'rejected', reason: 'unknown_revision', serverRev: 2 });
    expect((ahead.serverState as { data: { notes: string } }).data.notes).toBe('A again');
    expect((await serverData(id))?.data).toMatchObject({ notes: 'A again' });
    const older = await b({
      entityId: id,
      baseRev: 1,
      fields: { notes: 'from B' },
      author: otherAuthor,
    });
    expect(older).toMatchObject({ outcome: 'conflict', conflictFields: ['notes'] });
    expect((await serverData(id))?.data).toMatchObject({ notes: 'A again' });
  });

  it('merges edits of different fields and says so', async () => {
    const a = await laptop('A');
    const b = await laptop('B');
    const id = newRecordId();
    await a({ entityId: id, op: 'create', fields: { notes: 'n' } });
    await a({ entityId: id, baseRev: 1, fields: { notes: 'n2' } });
    const result = await b({ entityId: id, baseRev: 1, fields: { recordingOfficer: 'Insp. B' } });
    expect(result).toMatchObject({
      outcome: 'applied',
      merged: true,
      serverRev: 3,
      conflictFields: [],
    });
    expect((await serverData(id))?.data).toMatchObject({
      notes: 'n2',
      recordingOfficer: 'Insp. B',
      revision: 3,
    });
  });

  it('never makes a device conflict with its own earlier edits', async () => {
    const a = await laptop('A');
    const id = newRecordId();
    await a({ entityId: id, op: 'create', fields: { notes: '1' } });
    // Saved offline after the create: the laptop's base is still 0.
    expect(await a({ entityId: id, baseRev: 0, fields: { notes: '2' } })).toMatchObject({
      outcome: 'applied',
      merged: false,
    });
    expect(await a({ entityId: id, baseRev: 1, fields: { notes: '3' } })).toMatchObject({
      outcome: 'applied',
      serverRev: 3,
    });
  });

  it('treats identical values as no conflict and no change', async () => {
    const a = await laptop('A');
    const b = await laptop('B');
    const id = newRecordId();
    await a({ entityId: id, op: 'create', fields: {} });
    await a({ entityId: id, baseRev: 1, fields: { notes: 'same' } });
    const result = await b({ entityId: id, baseRev: 1, fields: { notes: 'same' } });
    expect(result).toMatchObject({ outcome: 'applied', serverRev: 2, conflictFields: [] });
  });

  it('finalises with the border rule, refuses updates that change a final record, accepts amendments', async () => {
    const a = await laptop('A');
    const b = await laptop('B');
    const id = await borderDraft(a);
    const { seizure } = borderSeizure();
    // At a border crossing the direction is required: finalising without it changes nothing.
    const refused = await a({
      entityId: id,
      op: 'finalise',
      fields: { seizure: { ...seizure, direction: undefined } },
    });
    expect(refused).toMatchObject({ outcome: 'rejected', reason: 'invalid_record' });
    expect(refused.message).toMatch(/seizure\.direction/);
    expect((await serverData(id))?.status).toBe('draft');

    expect(await a({ entityId: id, op: 'finalise', baseRev: 1, fields: {} })).toMatchObject({
      outcome: 'applied',
      serverRev: 2,
    });
    expect(await serverData(id)).toMatchObject({
      status: 'final',
      data: { status: 'final', revision: 2 },
    });

    const update = await b({ entityId: id, baseRev: 1, fields: { notes: 'changed later' } });
    expect(update).toMatchObject({
      outcome: 'conflict',
      reason: 'record_final',
      conflictFields: ['notes'],
    });
    const same = await b({ entityId: id, baseRev: 2, fields: { notes: borderSeizure().notes } });
    expect(same).toMatchObject({ outcome: 'applied', serverRev: 2 });

    const amend = await b({
      entityId: id,
      op: 'amend',
      baseRev: 2,
      fields: { notes: 'Amended: two compartments.' },
    });
    expect(amend).toMatchObject({ outcome: 'applied', serverRev: 3 });
    expect((await serverData(id))?.data).toMatchObject({
      status: 'final',
      notes: 'Amended: two compartments.',
    });
    const history = await server.db.query<{ op: string }>(
      'SELECT op FROM record_history WHERE record_id = $1 ORDER BY server_rev, id',
      [id],
    );
    expect(history.rows.map((row) => row.op)).toEqual([
      'create',
      'finalise',
      // Every raw change is kept: the refused update and the one that changed nothing.
      'update',
      'update',
      'amend',
    ]);

    const badAmend = await b({
      entityId: id,
      op: 'amend',
      baseRev: 3,
      fields: { weapons: [], parts: [], ammunition: [], explosives: [] },
    });
    expect(badAmend).toMatchObject({ outcome: 'rejected', reason: 'invalid_record' });
  });

  it('deletes only drafts, as tombstones, and refuses changes to a deleted record', async () => {
    const a = await laptop('A');
    const b = await laptop('B');
    const draft = newRecordId();
    await a({ entityId: draft, op: 'create', fields: { notes: 'mistake' } });
    expect(await a({ entityId: draft, op: 'delete', baseRev: 1 })).toMatchObject({
      outcome: 'applied',
      serverRev: 2,
    });
    expect(await serverData(draft)).toMatchObject({ deleted: true, data: null, server_rev: 2 });
    expect(await b({ entityId: draft, op: 'delete', baseRev: 1 })).toMatchObject({
      outcome: 'applied',
      serverRev: 2,
    });
    expect(await b({ entityId: draft, baseRev: 1, fields: { notes: 'late' } })).toMatchObject({
      outcome: 'rejected',
      reason: 'record_deleted',
    });

    const final = await borderDraft(a);
    await a({ entityId: final, op: 'finalise', baseRev: 1, fields: {} });
    expect(await a({ entityId: final, op: 'delete', baseRev: 2 })).toMatchObject({
      outcome: 'rejected',
      reason: 'not_deletable',
    });
    const location = newRecordId();
    await a({
      entity: 'location',
      entityId: location,
      op: 'create',
      fields: { locationType: 'other', name: 'Depot', jurisdiction: 'RS' },
    });
    expect(
      await a({ entity: 'location', entityId: location, op: 'delete', baseRev: 1 }),
    ).toMatchObject({ outcome: 'rejected', reason: 'unsupported_op' });
  });

  it('accepts the same attachment from two laptops and a re-sent create as an update', async () => {
    const a = await laptop('A');
    const b = await laptop('B');
    const sha256 = 'ab'.repeat(32);
    const fields = { sha256, mime: 'image/jpeg', size: 1234 };
    expect(await a({ entity: 'attachment', entityId: sha256, op: 'create', fields })).toMatchObject(
      { outcome: 'applied', serverRev: 1 },
    );
    expect(await b({ entity: 'attachment', entityId: sha256, op: 'create', fields })).toMatchObject(
      { outcome: 'applied', serverRev: 1, conflictFields: [] },
    );
    const campaign = newRecordId();
    const campaignFields = {
      name: 'Amnesty 2026',
      jurisdiction: 'RS',
      campaignType: 'voluntary_surrender_amnesty',
      startDate: '2026-01-01',
      leadAgency: 'MUP',
      status: 'active',
    };
    const lead = { author: otherAuthor };
    await a({
      entity: 'campaign',
      entityId: campaign,
      op: 'create',
      fields: campaignFields,
      ...lead,
    });
    // A campaign's status is its own field (not the server's record status).
    expect(
      await a({
        entity: 'campaign',
        entityId: campaign,
        op: 'create',
        baseRev: 1,
        fields: { ...campaignFields, status: 'closed' },
        ...lead,
      }),
    ).toMatchObject({ outcome: 'applied', serverRev: 2 });
    expect((await serverData(campaign))?.data).toMatchObject({ status: 'closed', id: campaign });
  });

  it("refuses, with a reason, what the author's role does not allow, whatever the laptop sent", async () => {
    const a = await laptop('Forged');
    const custody = {
      id: '0190a8e4-0000-7000-8000-0000000000cc',
      name: 'Dragan Custody',
      role: 'custody_officer' as const,
    };
    const intake = await a({
      entityId: newRecordId(),
      op: 'create',
      fields: { notes: 'recorded by the wrong role' },
      author: custody,
    });
    expect(intake).toMatchObject({ outcome: 'rejected', reason: 'forbidden', serverRev: null });
    expect(intake.message).toContain('custody_officer may not create a intake_event record');
    const campaign = await a({
      entity: 'campaign',
      entityId: newRecordId(),
      op: 'create',
      fields: { name: 'Not mine to open' },
    });
    expect(campaign).toMatchObject({ outcome: 'rejected', reason: 'forbidden' });
    // The same laptop's field officer records the intake; its team lead finalises nothing wrong.
    const ok = await a({ entityId: newRecordId(), op: 'create', fields: { notes: 'fine' } });
    expect(ok.outcome).toBe('applied');
  });
});
