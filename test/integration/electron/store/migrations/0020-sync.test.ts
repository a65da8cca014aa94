import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DATABASE_FILE,
  openEncryptedDatabase,
  type Db,
} from '../../../../../electron/store/encrypted-database.ts';
import { initialSchema } from '../../../../../electron/store/migrations/0010-initial-schema.ts';
import { migrate, migrations } from '../../../../../electron/store/migrations/index.ts';
import { makeTempDir } from '../../../../support/temp-dir.ts';

/** This migration's step alone: later ones have tests of their own. */
const upTo20 = migrations.filter((migration) => migration.version <= 20);

/** A database at version 10 with one record of each kind, as a laptop had it before sync. */
function seedVersion10(db: Db): void {
  migrate(db, [initialSchema]);
  db.exec(`
    INSERT INTO users VALUES ('u1', 'Amina', 'team_lead', '2024-01-01T00:00:00Z', NULL);
    INSERT INTO locations (id, location_type, name, jurisdiction, data_json, created_at, created_by)
      VALUES ('l1', 'police_station', 'Station', 'BA', '{"id":"l1"}', '2024-01-01T00:00:00Z', 'u1');
    INSERT INTO campaigns (id, name, status, data_json, created_at, created_by)
      VALUES ('c1', 'Spring', 'active', '{"id":"c1"}', '2024-01-01T00:00:00Z', 'u1');
    INSERT INTO intake_events (id, status, context, occurred_on, location_id, campaign_id, revision,
        created_at, created_by, updated_at, updated_by, data_json)
      VALUES ('e1', 'draft', 'seized', '2024-02-01', 'l1', 'c1', 3, '2024-01-01T00:00:00Z', 'u1',
        '2024-01-02T00:00:00Z', 'u1', '{"id":"e1"}');
    INSERT INTO weapon_items (id, intake_event_id, position, serial_number, serial_normalised)
      VALUES ('w1', 'e1', 0, 'AK-1', 'AK1');
    INSERT INTO marking_texts VALUES ('w1', 'serial', 'AK-1', 'AK1');
    INSERT INTO outbox (entity, entity_id, op, base_revision, payload_json, created_at, created_by)
      VALUES ('intake_event', 'e1', 'update', 2, '{"id":"e1"}', '2024-01-02T00:00:00Z', 'u1');
  `);
}

describe('migration 0020 (sync)', () => {
  let dir: string;
  let remove: () => Promise<void>;
  let db: Db;

  beforeEach(async () => {
    ({ dir, remove } = await makeTempDir('migration-0020'));
    db = openEncryptedDatabase(path.join(dir, DATABASE_FILE), randomBytes(32), { create: true });
  });
  afterEach(async () => {
    if (db.open) db.close();
    await remove();
  });

  it('keeps every record, weapon item and marking through the intake table rebuild', () => {
    seedVersion10(db);
    expect(migrate(db, upTo20)).toEqual({ from: 10, to: 20 });
    expect(
      db.prepare('SELECT id, revision, server_rev, location_id FROM intake_events').all(),
    ).toEqual([{ id: 'e1', revision: 3, server_rev: 0, location_id: 'l1' }]);
    expect(db.prepare('SELECT id FROM weapon_items').all()).toEqual([{ id: 'w1' }]);
    expect(db.prepare('SELECT text_as_read FROM marking_texts').all()).toEqual([
      { text_as_read: 'AK-1' },
    ]);
    // Weapon items still belong to their record (the foreign key survived the rename).
    expect(() =>
      db
        .prepare(
          "INSERT INTO weapon_items (id, intake_event_id, position) VALUES ('w2', 'nope', 0)",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('lets a record name a location or campaign that has not arrived yet', () => {
    seedVersion10(db);
    migrate(db, upTo20);
    db.prepare(
      `INSERT INTO intake_events (id, status, context, location_id, campaign_id, revision, created_at,
         created_by, updated_at, updated_by, data_json)
       VALUES ('e2', 'draft', '', 'later-location', 'later-campaign', 1, 'x', 'u1', 'x', 'u1', '{}')`,
    ).run();
    expect(db.prepare('SELECT count(*) AS n FROM intake_events').get()).toEqual({ n: 2 });
  });

  it('resets queued changes to base revision 0 with all fields, and gives references revisions', () => {
    seedVersion10(db);
    migrate(db, upTo20);
    expect(
      db.prepare('SELECT base_revision, changed_fields_json, wire_id FROM outbox').all(),
    ).toEqual([{ base_revision: 0, changed_fields_json: null, wire_id: null }]);
    expect(db.prepare('SELECT revision, server_rev FROM locations').get()).toEqual({
      revision: 1,
      server_rev: 0,
    });
    expect(db.prepare('SELECT revision, server_rev FROM campaigns').get()).toEqual({
      revision: 1,
      server_rev: 0,
    });
    expect(db.prepare('SELECT count(*) AS n FROM sync_state').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT credential, next_mutation_id FROM sync_state').get()).toEqual({
      credential: null,
      next_mutation_id: 1,
    });
  });

  it('rolls back whole and turns foreign keys back on when the rebuild fails', () => {
    seedVersion10(db);
    const broken = {
      ...migrations[1]!,
      up(inner: Db) {
        migrations[1]!.up(inner);
        // A dangling reference the check must catch.
        inner.exec("UPDATE weapon_items SET intake_event_id = 'missing'");
      },
    };
    expect(() => migrate(db, [initialSchema, broken])).toThrow(/broken references/);
    expect(db.pragma('user_version', { simple: true })).toBe(10);
    expect(db.prepare('SELECT intake_event_id FROM weapon_items').get()).toEqual({
      intake_event_id: 'e1',
    });
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });
});
