import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newIntakeEventDraft } from '../../../../shared/domain/intake-event.ts';
import { newWeaponItemDraft } from '../../../../shared/domain/weapon-item.ts';
import type { PulledRecord } from '../../../../shared/sync/protocol.ts';
import {
  auditEntriesFor,
  AuditReceiptSchema,
  verifyAuditChain,
} from '../../../../electron/store/audit-log.ts';
import { createDeviceDatabase } from '../../../../electron/store/device-database.ts';
import type { Db } from '../../../../electron/store/encrypted-database.ts';
import { appendOutbox } from '../../../../electron/store/outbox.ts';
import { prepareIntake } from '../../../../electron/store/pulled-intake.ts';
import {
  applyServerPage,
  applyServerRecord,
  settleDeferred,
} from '../../../../electron/store/sync-repository.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

const AT = '2026-03-01T08:00:00.000Z';
const officer = { id: randomUUID(), name: 'Officer Marić' };

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** A seizure as the server sends it: its own keys (id, status, revision) ride in `data`. */
function pulledSeizure(id: string, serverRev: number, notes: string): PulledRecord {
  const { id: _id, status: _status, revision: _revision, ...fields } = newIntakeEventDraft(id);
  return {
    entity: 'intake_event',
    id,
    version: serverRev,
    serverRev,
    deleted: false,
    status: 'draft',
    data: {
      ...fields,
      context: 'seized',
      occurredAt: '2026-02-27',
      notes,
      weapons: [{ ...newWeaponItemDraft(randomUUID()), serialNumber: 'AK-47 123' }],
    },
    createdBy: officer,
    updatedBy: officer,
    receivedAt: AT,
  };
}

function storedJson(db: Db, id: string): string {
  return (
    db.prepare('SELECT data_json FROM intake_events WHERE id = ?').get(id) as { data_json: string }
  ).data_json;
}

describe('applyServerRecord audit entries', () => {
  let dir: string;
  let remove: () => Promise<void>;
  let db: Db;
  const dbId = randomUUID();

  beforeEach(async () => {
    ({ dir, remove } = await makeTempDir('sync-repository'));
    db = createDeviceDatabase(dir, randomBytes(32), dbId, AT);
  });
  afterEach(async () => {
    if (db.open) db.close();
    await remove();
  });

  it('audits a record new here by a receipt of what it stored, and a later change in full', () => {
    const id = randomUUID();
    expect(applyServerRecord(db, dbId, pulledSeizure(id, 1, 'Two rifles.'), AT)).toBe('applied');
    const firstJson = storedJson(db, id);
    const [receipt] = auditEntriesFor(db, 'intake_event', id);
    expect(receipt).toMatchObject({ action: 'sync.received', userId: officer.id, before: null });
    // The entry binds the stored state by its digest instead of holding a second copy of it.
    const digest = AuditReceiptSchema.parse(receipt?.after);
    expect(digest).toEqual({ serverRev: 1, storedSha256: sha256(firstJson) });

    expect(applyServerRecord(db, dbId, pulledSeizure(id, 2, 'Three rifles.'), AT)).toBe('applied');
    const [, change] = auditEntriesFor(db, 'intake_event', id);
    // The state the receipt named is not lost: it is this change's `before`, digest and all.
    expect(sha256(JSON.stringify(change?.before))).toBe(digest.storedSha256);
    expect(change?.before).toMatchObject({ notes: 'Two rifles.' });
    expect(change?.after).toMatchObject({ notes: 'Three rifles.' });
    expect(JSON.stringify(change?.after)).toBe(storedJson(db, id));
    expect(verifyAuditChain(db, dbId)).toEqual({ ok: true, entries: 2 });
  });

  it('applies a page around a record with unsent changes, keeping its change aside until they are sent', () => {
    const [mine, theirs] = [randomUUID(), randomUUID()];
    applyServerRecord(db, dbId, pulledSeizure(mine, 1, 'As first synced.'), AT);
    // An edit made here and not yet sent.
    appendOutbox(db, {
      entity: 'intake_event',
      entityId: mine,
      op: 'update',
      baseRevision: 1,
      payload: {},
      changedFields: ['notes'],
      createdAt: AT,
      createdBy: officer.id,
    });
    const page = [
      pulledSeizure(mine, 2, 'Edited on the server.'),
      pulledSeizure(theirs, 1, 'New.'),
    ];
    expect(applyServerPage(db, dbId, page, AT)).toEqual(['deferred', 'applied']);
    expect(JSON.parse(storedJson(db, mine))).toMatchObject({ notes: 'As first synced.' });
    expect(
      db.prepare('SELECT server_rev FROM sync_deferred WHERE entity_id = ?').get(mine),
    ).toEqual({
      server_rev: 2,
    });

    // A later page with the record again, still unsent: the newer change replaces the one aside,
    // here as a page read on the worker thread brings it (validated, its raw data dropped).
    const again = pulledSeizure(mine, 3, 'Edited again.');
    expect(
      applyServerPage(db, dbId, [{ ...again, data: null }], AT, [
        prepareIntake(again, 1) ?? undefined,
      ]),
    ).toEqual(['deferred']);
    // Sent and acknowledged: what was kept aside is applied and leaves sync_deferred.
    db.prepare('DELETE FROM outbox WHERE entity_id = ?').run(mine);
    settleDeferred(db, dbId, mine, AT);
    expect(JSON.parse(storedJson(db, mine))).toMatchObject({ notes: 'Edited again.' });
    expect(db.prepare('SELECT count(*) AS n FROM sync_deferred').get()).toEqual({ n: 0 });
  });

  it('drops a change kept aside when a page brings the record once nothing is unsent', () => {
    const id = randomUUID();
    db.prepare(
      'INSERT INTO sync_deferred (entity_id, server_rev, change_json) VALUES (?, ?, ?)',
    ).run(id, 1, JSON.stringify(pulledSeizure(id, 1, 'Kept aside.')));
    expect(applyServerPage(db, dbId, [pulledSeizure(id, 2, 'Newer.')], AT)).toEqual(['applied']);
    expect(db.prepare('SELECT count(*) AS n FROM sync_deferred').get()).toEqual({ n: 0 });
    expect(JSON.parse(storedJson(db, id))).toMatchObject({ notes: 'Newer.' });
  });

  it('knows each person a page names once, under the newest name the page gives them', () => {
    const colleague = { id: randomUUID(), name: 'Officer Kovač' };
    const byColleague = (notes: string, name = colleague.name): PulledRecord => ({
      ...pulledSeizure(randomUUID(), 1, notes),
      updatedBy: { id: colleague.id, name },
    });
    const page = [
      byColleague('One.'),
      byColleague('Two.'),
      byColleague('Three.', 'Officer Kovač-Horvat'),
    ];
    expect(applyServerPage(db, dbId, page, AT)).toEqual(['applied', 'applied', 'applied']);
    const people = db
      .prepare('SELECT id, name, role FROM users WHERE id IN (?, ?) ORDER BY name')
      .all(officer.id, colleague.id);
    expect(people).toEqual([
      { id: colleague.id, name: 'Officer Kovač-Horvat', role: 'remote' },
      { id: officer.id, name: 'Officer Marić', role: 'remote' },
    ]);
  });
});
