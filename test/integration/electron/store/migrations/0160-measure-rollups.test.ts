import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DATABASE_FILE,
  openEncryptedDatabase,
  type Db,
} from '../../../../../electron/store/encrypted-database.ts';
import { migrate, migrations } from '../../../../../electron/store/migrations/index.ts';
import { makeTempDir } from '../../../../support/temp-dir.ts';

const upTo150 = migrations.filter((migration) => migration.version <= 150);

/**
 * Migration 160 gives every stored item its intake's campaign and folded agency (the rollups and
 * the campaign and agency filters read them off the items' index), and starts with no rollup.
 */
describe('migration 160: month rollups of the measures', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let db: Db;
  beforeEach(async () => {
    temp = await makeTempDir('migration-160');
    db = openEncryptedDatabase(path.join(temp.dir, DATABASE_FILE), randomBytes(32), {
      create: true,
    });
  });
  afterEach(async () => {
    db.close();
    await temp.remove();
  });

  it("copies each record's campaign and agency onto its items", () => {
    migrate(db, upTo150);
    db.prepare(
      "INSERT INTO users (id, name, role, created_at) VALUES ('u', 'Ana', 'administrator', 'x')",
    ).run();
    const event = db.prepare(
      `INSERT INTO intake_events (id, status, context, occurred_on, revision, created_at,
         created_by, updated_at, updated_by, data_json, campaign_id, recording_agency)
       VALUES (?, 'final', 'surrendered', '2025-01-02', 1, 'x', 'u', 'x', 'u', '{}', ?, ?)`,
    );
    event.run('in-campaign', 'campaign-1', 'pu čačak');
    event.run('walk-in', null, null);
    const item = db.prepare(
      `INSERT INTO items (id, intake_event_id, kind, position, occurred_on, record_status,
         intake_context)
       VALUES (?, ?, 'weapon', 0, '2025-01-02', 'final', 'surrendered')`,
    );
    item.run('w1', 'in-campaign');
    item.run('w2', 'in-campaign');
    item.run('w3', 'walk-in');

    migrate(db);

    expect(
      db.prepare('SELECT id, campaign_id, recording_agency FROM items ORDER BY id').all(),
    ).toEqual([
      { id: 'w1', campaign_id: 'campaign-1', recording_agency: 'pu čačak' },
      { id: 'w2', campaign_id: 'campaign-1', recording_agency: 'pu čačak' },
      { id: 'w3', campaign_id: null, recording_agency: null },
    ]);
    expect(db.prepare('SELECT count(*) FROM measure_rollup_built').pluck().get()).toBe(0);
  });
});
