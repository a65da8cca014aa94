import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../../../electron/store/audit-log.ts';
import {
  DATABASE_FILE,
  openEncryptedDatabase,
  type Db,
} from '../../../../../electron/store/encrypted-database.ts';
import { listIntakes } from '../../../../../electron/store/intake-repository.ts';
import { migrate, migrations } from '../../../../../electron/store/migrations/index.ts';
import { takeRecordNumber } from '../../../../../electron/store/record-numbers.ts';
import { makeTempDir } from '../../../../support/temp-dir.ts';

const upTo40 = migrations.filter((migration) => migration.version <= 40);
const upTo50 = migrations.filter((migration) => migration.version <= 50);

function event(id: string, status: 'draft' | 'final', extra: Record<string, unknown> = {}) {
  return {
    id,
    status,
    revision: 2,
    context: 'surrendered',
    occurredAt: '2025-05-02',
    weapons: [
      {
        id: `${id}-w`,
        weaponType: 'rifle',
        manufacturer: 'Zastava',
        model: 'M48',
        markings: [],
        photos: [],
      },
    ],
    parts: [],
    ammunition: [
      { id: `${id}-a`, quantity: { kind: 'ammunition', unit: 'rounds', amount: 120 }, photos: [] },
    ],
    explosives: [],
    photos: [],
    ...extra,
  };
}

/** Records as a laptop held them before numbers: two of its own (one final), one from elsewhere. */
const records = [
  {
    id: 'mine-later',
    status: 'draft',
    by: 'u1',
    at: '2025-05-03T09:00:00Z',
    serverRev: 0,
    data: event('mine-later', 'draft', { agencyCaseRef: 'KT 9/25' }),
  },
  {
    id: 'mine-first',
    status: 'final',
    by: 'u1',
    at: '2025-05-02T09:00:00Z',
    serverRev: 4,
    data: event('mine-first', 'final', { collection: { receiptNumber: 'PR-17' } }),
  },
  {
    id: 'pulled',
    status: 'final',
    by: 'r1',
    at: '2025-05-01T09:00:00Z',
    serverRev: 2,
    data: event('pulled', 'final'),
  },
] as const;

describe('migration 0050 (record numbers, search and sort columns)', () => {
  let dir: string;
  let remove: () => Promise<void>;
  let db: Db;
  const dbId = 'db-under-test';

  beforeEach(async () => {
    ({ dir, remove } = await makeTempDir('migration-0050'));
    db = openEncryptedDatabase(path.join(dir, DATABASE_FILE), randomBytes(32), { create: true });
    migrate(db, upTo40);
    db.exec(`
      INSERT INTO meta VALUES ('db_id', '${dbId}');
      INSERT INTO users VALUES ('u1', 'Amina', 'field_officer', '2024-01-01T00:00:00Z', NULL);
      INSERT INTO users VALUES ('r1', 'Marko (other laptop)', 'remote', '2024-01-01T00:00:00Z', NULL);
    `);
    const insert = db.prepare(
      `INSERT INTO intake_events (id, status, context, occurred_on, revision, server_rev, created_at,
         created_by, updated_at, updated_by, data_json)
       VALUES (?, ?, 'surrendered', '2025-05-02', 2, ?, ?, ?, ?, ?, ?)`,
    );
    for (const record of records) {
      insert.run(
        record.id,
        record.status,
        record.serverRev,
        record.at,
        record.by,
        record.at,
        record.by,
        JSON.stringify(record.data),
      );
    }
  });
  afterEach(async () => {
    if (db.open) db.close();
    await remove();
  });

  const stored = (id: string) =>
    JSON.parse(
      (
        db.prepare('SELECT data_json FROM intake_events WHERE id = ?').get(id) as {
          data_json: string;
        }
      ).data_json,
    ) as Record<string, unknown>;

  it("numbers this laptop's records oldest first, leaves pulled ones to their laptop, loses nothing", () => {
    migrate(db, upTo50);
    const prefix = (
      db.prepare("SELECT value FROM meta WHERE key = 'record_number_prefix'").get() as {
        value: string;
      }
    ).value;
    expect(prefix).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(stored('mine-first')).toEqual({ ...records[1].data, recordNumber: `${prefix}-00001` });
    expect(stored('mine-later')).toEqual({ ...records[0].data, recordNumber: `${prefix}-00002` });
    expect(stored('pulled')).toEqual(records[2].data);
    // The next record saved here continues the sequence.
    expect(db.transaction(() => takeRecordNumber(db))()).toBe(`${prefix}-00003`);
  });

  it('tells the server each number (an outbox change of that field alone) and keeps it in history', () => {
    migrate(db, upTo50);
    const outbox = db
      .prepare(
        'SELECT entity_id, op, base_revision, changed_fields_json, created_by FROM outbox ORDER BY mutation_id',
      )
      .all();
    expect(outbox).toEqual([
      {
        entity_id: 'mine-first',
        op: 'update',
        base_revision: 4,
        changed_fields_json: '["recordNumber"]',
        created_by: 'u1',
      },
      {
        entity_id: 'mine-later',
        op: 'update',
        base_revision: 0,
        changed_fields_json: '["recordNumber"]',
        created_by: 'u1',
      },
    ]);
    const audit = db.prepare('SELECT entity_id, action FROM audit_log ORDER BY seq').all();
    expect(audit).toEqual([
      { entity_id: 'mine-first', action: 'intake.numbered' },
      { entity_id: 'mine-later', action: 'intake.numbered' },
    ]);
    expect(verifyAuditChain(db, dbId).ok).toBe(true);
  });

  it('fills the columns the search and sort read, for every record', () => {
    migrate(db, upTo50);
    const columns = db
      .prepare('SELECT id, case_ref, receipt_number, item_count FROM intake_events ORDER BY id')
      .all();
    expect(columns).toEqual([
      { id: 'mine-first', case_ref: null, receipt_number: 'pr-17', item_count: 2 },
      { id: 'mine-later', case_ref: 'kt 9/25', receipt_number: null, item_count: 2 },
      { id: 'pulled', case_ref: null, receipt_number: null, item_count: 2 },
    ]);
    // Today's list reads tables of later migrations too (reviews, 190): brought up to date first.
    migrate(db, migrations);
    const search = (text: string) =>
      listIntakes(db, { search: text, limit: 10, offset: 0 }).rows.map((row) => row.id);
    expect(search('pr-17')).toEqual(['mine-first']);
    expect(search('-00002')).toEqual(['mine-later']);
  });
});
