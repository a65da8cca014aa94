import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DATABASE_FILE,
  openEncryptedDatabase,
  type Db,
} from '../../../../electron/store/encrypted-database.ts';
import {
  latestSchemaVersion,
  migrate,
  migrations,
} from '../../../../electron/store/migrations/index.ts';
import type { Migration } from '../../../../electron/store/migrations/migration.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

interface SchemaRow {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

/** What a schema is, minus SQLite's own bookkeeping (sqlite_sequence, autoindexes, rootpage). */
function schemaOf(db: Db): SchemaRow[] {
  return db
    .prepare(
      "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
    )
    .all() as SchemaRow[];
}

const namesOf = (rows: SchemaRow[], type: string) =>
  rows
    .filter((row) => row.type === type)
    .map((row) => row.name)
    .sort();

describe('migrate', () => {
  let dir: string;
  let remove: () => Promise<void>;
  let opened: Db[];
  let count: number;

  function freshDb(): Db {
    count += 1;
    const db = openEncryptedDatabase(path.join(dir, `${count}-${DATABASE_FILE}`), randomBytes(32), {
      create: true,
    });
    opened.push(db);
    return db;
  }

  beforeEach(async () => {
    ({ dir, remove } = await makeTempDir('migrations'));
    opened = [];
    count = 0;
  });
  afterEach(async () => {
    for (const db of opened) if (db.open) db.close();
    await remove();
  });

  it('lists migrations in strictly increasing version order', () => {
    const versions = migrations.map((migration) => migration.version);
    expect(versions.length).toBeGreaterThan(0);
    for (let i = 1; i < versions.length; i += 1) {
      expect(versions[i]).toBeGreaterThan(versions[i - 1] ?? 0);
    }
    expect(latestSchemaVersion).toBe(versions.at(-1));
  });

  it('brings an empty database to the latest version with the expected tables, indexes and triggers', () => {
    const db = freshDb();
    expect(migrate(db)).toEqual({ from: 0, to: latestSchemaVersion });
    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
    const schema = schemaOf(db);
    expect(namesOf(schema, 'table')).toEqual([
      'attachments',
      'audit_log',
      'campaigns',
      // Migration 70: sealed custody records, which items each concerns, where items are.
      'custody_item_events',
      'custody_records',
      'deferred_indexes',
      // Migration 140: historic aggregate counts, apart from item-level records.
      'historic_counts',
      'intake_events',
      // Migration 150: the people K14 counts (surrenderers, persons involved), by sex and age band.
      'intake_persons',
      'item_holdings',
      'item_texts',
      // Migration 130: what trace requests make of each weapon's trace status.
      'item_traces',
      'items',
      'locations',
      // Migration 160: month rollups of the dashboard figures, and which are current.
      'measure_rollup',
      'measure_rollup_built',
      'meta',
      'outbox',
      // Migration 180: the cursor of the centre's decisions about people.
      'people_feed',
      // Migration 210: the amendments the server listed for pulled records.
      'pulled_amendments',
      // Migration 190: reviews of final records, and every state each had.
      'record_review_history',
      'record_reviews',
      // Migration 90: the log of serial checks that found something.
      'serial_checks',
      // Migration 80: people's signing keys (public; this laptop's own wrapped by their passphrase).
      'signing_keys',
      'sync_deferred',
      'sync_issues',
      'sync_state',
      // Migration 130: trace requests.
      'trace_requests',
      'users',
      // Migration 120: watch lists of serials of interest, and their entries.
      'watch_list_entries',
      'watch_lists',
    ]);
    expect(namesOf(schema, 'index')).toEqual([
      'audit_log_by_entity',
      // Migration 70: custody records by kind and date, corrections, and each record's items.
      'custody_item_events_by_record',
      'custody_records_by_corrects',
      'custody_records_by_entity',
      // Migration 140: historic counts by the period they cover.
      'historic_counts_by_period',
      // Migration 60: a new record's prefill from its author's last record.
      'intake_events_by_author',
      'intake_events_by_context',
      'intake_events_by_date',
      // Migration 50: the records list's sort by item count, search and sort by record number
      // (with case reference and receipt number), and sort by last change.
      'intake_events_by_item_count',
      'intake_events_by_location',
      'intake_events_by_number',
      'intake_events_by_sort',
      'intake_events_by_updated',
      // Migration 160: drafts by date (how many a final-only figure leaves out).
      'intake_events_drafts_by_date',
      // Migration 150: the filter columns of a record, looked up by id, for the measures.
      'intake_events_for_measures',
      'intake_persons_by_event',
      'item_holdings_by_item',
      'item_holdings_by_location',
      'item_texts_by_item',
      'item_texts_by_text',
      // Migration 50: the items list newest first, and the search by make and model.
      // Migration 150: gone items (destroyed, lost, returned) by when, for K10's backlog.
      'items_by_custody_status',
      'items_by_date',
      'items_by_event',
      // Migration 70: by kind and the status an item has now (custody's, else its intake's).
      'items_by_kind_status',
      'items_by_make_model',
      'items_by_serial',
      // Migration 100: serials read backwards, to find one by its end.
      'items_by_serial_end',
      'items_by_type_month',
      // Migration 150: the item facts figures group and filter by, in intake date order.
      'items_for_measures',
      'items_in_conflict',
      'items_untouched_by_location',
      // Migration 160: a figure's rollup by month; which months to forget after a write.
      'measure_rollup_built_by_month',
      'measure_rollup_by_figure',
      'outbox_by_entity',
      'outbox_by_wire_id',
      // Migration 190: a record's review history; reviews by state (the filter, the tasks).
      'record_review_history_by_record',
      'record_reviews_by_state',
      'signing_keys_by_user',
      'sync_issues_open',
      // Migration 130: a weapon's trace requests, and the overdue list by status and date.
      'trace_requests_by_item',
      'trace_requests_by_status',
      // Migration 120: listed serials by their start and end, and by list.
      'watch_list_by_list',
      'watch_list_by_serial',
      'watch_list_by_serial_end',
    ]);
    expect(namesOf(schema, 'trigger')).toEqual([
      'audit_log_no_delete',
      'audit_log_no_replace',
      'audit_log_no_update',
      // Migration 160: every write that changes what a month counts forgets that month's rollups.
      'measure_rollup_custody_deleted',
      'measure_rollup_custody_inserted',
      'measure_rollup_custody_item_deleted',
      'measure_rollup_custody_item_inserted',
      'measure_rollup_custody_updated',
      'measure_rollup_intake_deleted',
      'measure_rollup_intake_inserted',
      'measure_rollup_intake_updated',
      'measure_rollup_item_deleted',
      'measure_rollup_item_inserted',
      'measure_rollup_item_updated',
      'measure_rollup_person_deleted',
      'measure_rollup_person_inserted',
      'measure_rollup_place_deleted',
      'measure_rollup_place_updated',
      'measure_rollup_trace_deleted',
      'measure_rollup_trace_inserted',
      'measure_rollup_trace_updated',
    ]);
    expect(namesOf(schema, 'view')).toEqual([]);
    // outbox ids are AUTOINCREMENT: SQLite keeps their high-water mark here.
    expect(
      db.prepare("SELECT name FROM sqlite_schema WHERE name = 'sqlite_sequence'").get(),
    ).toEqual({ name: 'sqlite_sequence' });
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('is a no-op on a database that is already up to date', () => {
    const db = freshDb();
    migrate(db);
    const before = schemaOf(db);
    expect(migrate(db)).toEqual({ from: latestSchemaVersion, to: latestSchemaVersion });
    expect(schemaOf(db)).toEqual(before);
  });

  it('ends with the same schema from every earlier version as from an empty database', () => {
    const reference = freshDb();
    migrate(reference);
    const expected = schemaOf(reference);
    for (let i = 0; i < migrations.length; i += 1) {
      const db = freshDb();
      migrate(db, migrations.slice(0, i));
      expect(db.pragma('user_version', { simple: true })).toBe(migrations[i - 1]?.version ?? 0);
      expect(migrate(db).to).toBe(latestSchemaVersion);
      expect(schemaOf(db), `starting at version ${migrations[i - 1]?.version ?? 0}`).toEqual(
        expected,
      );
    }
  });

  it('refuses a database newer than the app, with a message that says what to do', () => {
    const db = freshDb();
    migrate(db);
    const future = latestSchemaVersion + 10;
    db.pragma(`user_version = ${future}`);
    const before = schemaOf(db);
    expect(() => migrate(db)).toThrow(
      new RegExp(
        `schema version ${future}, newer than this app \\(${latestSchemaVersion}\\)\\. Update SALW Field`,
      ),
    );
    expect(db.pragma('user_version', { simple: true })).toBe(future);
    expect(schemaOf(db)).toEqual(before);
  });

  it('leaves a database at the last completed version when a migration fails midway', () => {
    const failing: Migration = {
      version: latestSchemaVersion + 10,
      description: 'fails halfway',
      up(db) {
        db.exec('CREATE TABLE half_done (id INTEGER PRIMARY KEY)');
        db.exec("INSERT INTO meta (key, value) VALUES ('half_done', 'yes')");
        db.exec('ALTER TABLE users ADD COLUMN half_done TEXT');
        throw new Error('disk pulled out mid-migration');
      },
    };
    const never: Migration = {
      version: latestSchemaVersion + 20,
      description: 'must not run after a failure',
      up(db) {
        db.exec('CREATE TABLE never_run (id INTEGER PRIMARY KEY)');
      },
    };
    const db = freshDb();
    migrate(db);
    const before = schemaOf(db);
    expect(() => migrate(db, [...migrations, failing, never])).toThrow(/mid-migration/);
    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
    expect(schemaOf(db)).toEqual(before);
    expect(db.prepare("SELECT count(*) AS n FROM meta WHERE key = 'half_done'").get()).toEqual({
      n: 0,
    });
    expect(db.inTransaction).toBe(false);
  });

  it('also rolls back a failing first migration on an empty database', () => {
    const db = freshDb();
    const failing: Migration = {
      version: 10,
      description: 'fails',
      up(inner) {
        inner.exec('CREATE TABLE half_done (id INTEGER PRIMARY KEY)');
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, [failing])).toThrow('boom');
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(schemaOf(db)).toEqual([]);
  });
});
