import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  appendAuditEntry,
  auditEntriesFor,
  genesisHash,
  verifyAuditChain,
  type AuditEntryInput,
} from '../../../../electron/store/audit-log.ts';
import { createDeviceDatabase } from '../../../../electron/store/device-database.ts';
import type { Db } from '../../../../electron/store/encrypted-database.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

const entry = (index: number): AuditEntryInput => ({
  at: new Date(Date.UTC(2026, 2, 1, 8, index)).toISOString(),
  userId: '0d9b3c3e-6f7a-4e0c-9a51-2b8a9d1c0e11',
  action: 'intake.updated',
  entity: 'intake_event',
  entityId: `event-${index % 2}`,
  before: index === 1 ? null : { serial: `AK-${index - 1}` },
  after: { serial: `AK-${index}`, note: 'Zastava M70, čitljiv serijski broj' },
});

describe('audit log', () => {
  let remove: () => Promise<void>;
  let db: Db;
  const dbId = randomUUID();

  /** What an attacker holding the key can do: remove the app's guard rails, then edit. */
  const dropTriggers = () =>
    db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');

  beforeEach(async () => {
    let dir: string;
    ({ dir, remove } = await makeTempDir('audit'));
    db = createDeviceDatabase(dir, randomBytes(32), dbId, new Date().toISOString());
    for (let index = 1; index <= 5; index += 1) appendAuditEntry(db, dbId, entry(index));
  });
  afterEach(async () => {
    db.close();
    await remove();
  });

  it('numbers entries 1, 2, 3 … and verifies the whole chain', () => {
    expect(appendAuditEntry(db, dbId, entry(6))).toBe(6);
    expect(verifyAuditChain(db, dbId)).toEqual({ ok: true, entries: 6 });
  });

  it('gives back who, when, what, before and after for one record', () => {
    const history = auditEntriesFor(db, 'intake_event', 'event-1');
    expect(history.map((item) => item.seq)).toEqual([1, 3, 5]);
    expect(history[1]).toEqual({ seq: 3, ...entry(3) });
  });

  it('starts the chain from a hash bound to the database id', () => {
    const first = db.prepare('SELECT prev_hash FROM audit_log WHERE seq = 1').get() as {
      prev_hash: string;
    };
    expect(first.prev_hash).toBe(genesisHash(dbId));
    expect(genesisHash(randomUUID())).not.toBe(genesisHash(dbId));
    // The same entries verified as if they belonged to another database break at the first one.
    expect(verifyAuditChain(db, randomUUID())).toEqual({
      ok: false,
      entries: 0,
      brokenAt: 1,
      reason: 'relinked',
    });
  });

  it('refuses UPDATE and DELETE from ordinary code (append-only triggers)', () => {
    expect(() => db.prepare("UPDATE audit_log SET after_json = '{}' WHERE seq = 2").run()).toThrow(
      /append-only/,
    );
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 5').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO audit_log (seq, at, action, entity, entity_id, prev_hash, hash)
           VALUES (2, 'x', 'x', 'x', 'x', 'x', 'x')
           ON CONFLICT (seq) DO UPDATE SET after_json = 'null'`,
        )
        .run(),
    ).toThrow(/append-only/);
    expect(verifyAuditChain(db, dbId)).toEqual({ ok: true, entries: 5 });
  });

  // Regression (a bug found by this test, since fixed in the working tree by the
  // audit_log_no_replace trigger): INSERT OR REPLACE over an existing seq deletes the old row by
  // conflict resolution, which fires DELETE triggers only with PRAGMA recursive_triggers on (it is
  // off), so ordinary code could overwrite an entry past both original triggers.
  it('refuses INSERT OR REPLACE over an existing entry from ordinary code', () => {
    const overwrite = () =>
      db
        .prepare(
          `INSERT OR REPLACE INTO audit_log
             (seq, at, user_id, action, entity, entity_id, before_json, after_json, prev_hash, hash)
           SELECT seq, at, user_id, action, entity, entity_id, before_json, '{"serial":"forged"}',
                  prev_hash, hash
           FROM audit_log WHERE seq = 2`,
        )
        .run();
    expect(overwrite).toThrow(/append-only/);
  });

  it("reports an edited entry at its seq with reason 'edited'", () => {
    dropTriggers();
    db.prepare(`UPDATE audit_log SET after_json = '{"serial":"AK-999"}' WHERE seq = 3`).run();
    expect(verifyAuditChain(db, dbId)).toEqual({
      ok: false,
      entries: 2,
      brokenAt: 3,
      reason: 'edited',
    });
  });

  it("reports an edit of any hashed field, not only the payload, as 'edited'", () => {
    dropTriggers();
    for (const [column, value] of [
      ['at', '2020-01-01T00:00:00.000Z'],
      ['user_id', null],
      ['action', 'intake.viewed'],
      ['entity_id', 'event-9'],
      ['before_json', null],
    ] as const) {
      db.exec('SAVEPOINT edit');
      db.prepare(`UPDATE audit_log SET ${column} = ? WHERE seq = 4`).run(value);
      expect(verifyAuditChain(db, dbId), column).toMatchObject({
        ok: false,
        brokenAt: 4,
        reason: 'edited',
      });
      db.exec('ROLLBACK TO edit; RELEASE edit');
    }
    expect(verifyAuditChain(db, dbId).ok).toBe(true);
  });

  it("reports a deleted middle entry at its seq with reason 'missing'", () => {
    dropTriggers();
    db.prepare('DELETE FROM audit_log WHERE seq = 3').run();
    expect(verifyAuditChain(db, dbId)).toEqual({
      ok: false,
      entries: 2,
      brokenAt: 3,
      reason: 'missing',
    });
  });

  it("reports a deleted first entry as 'missing' at seq 1", () => {
    dropTriggers();
    db.prepare('DELETE FROM audit_log WHERE seq = 1').run();
    expect(verifyAuditChain(db, dbId)).toMatchObject({ ok: false, brokenAt: 1, reason: 'missing' });
  });

  it("reports a deletion hidden by re-numbering the later entries as 'relinked'", () => {
    dropTriggers();
    db.prepare('DELETE FROM audit_log WHERE seq = 2').run();
    for (const seq of [3, 4, 5]) {
      db.prepare('UPDATE audit_log SET seq = ? WHERE seq = ?').run(seq - 1, seq);
    }
    expect(
      (db.prepare('SELECT seq FROM audit_log ORDER BY seq').all() as Array<{ seq: number }>).map(
        (row) => row.seq,
      ),
    ).toEqual([1, 2, 3, 4]);
    expect(verifyAuditChain(db, dbId)).toEqual({
      ok: false,
      entries: 1,
      brokenAt: 2,
      reason: 'relinked',
    });
  });

  it('keeps the entry and the change together: a rolled-back transaction leaves no entry', () => {
    expect(() =>
      db.transaction(() => {
        appendAuditEntry(db, dbId, entry(6));
        throw new Error('the save failed');
      })(),
    ).toThrow('the save failed');
    expect(verifyAuditChain(db, dbId)).toEqual({ ok: true, entries: 5 });
    expect(appendAuditEntry(db, dbId, entry(6))).toBe(6);
  });
});
