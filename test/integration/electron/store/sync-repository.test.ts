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
import { applyServerRecord } from '../../../../electron/store/sync-repository.ts';
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
});
