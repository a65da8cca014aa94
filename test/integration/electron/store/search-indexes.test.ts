import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newIntakeEventDraft } from '../../../../shared/domain/intake-event.ts';
import { newWeaponItemDraft } from '../../../../shared/domain/weapon-item.ts';
import {
  createDeviceDatabase,
  openDeviceDatabase,
} from '../../../../electron/store/device-database.ts';
import type { Db } from '../../../../electron/store/encrypted-database.ts';
import { listIntakes, writeIntake } from '../../../../electron/store/intake-repository.ts';
import {
  deferSearchIndexes,
  restoreSearchIndexes,
} from '../../../../electron/store/search-indexes.ts';
import { insertUser } from '../../../../electron/store/users-repository.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

const AT = '2026-03-01T08:00:00.000Z';

/** The indexes listed to be built again (deferred_indexes). */
function stillDeferred(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM deferred_indexes').get() as { n: number }).n;
}

function indexesOf(db: Db): Array<{ name: string; sql: string | null }> {
  return db
    .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name")
    .all() as Array<{ name: string; sql: string | null }>;
}

function writeSeizure(db: Db, serialNumber: string): string {
  const event = {
    ...newIntakeEventDraft(randomUUID()),
    context: 'seized' as const,
    occurredAt: '2026-02-27',
    revision: 1,
    weapons: [{ ...newWeaponItemDraft(randomUUID()), serialNumber }],
  };
  writeIntake(db, {
    event,
    revision: 1,
    status: 'draft',
    createdAt: AT,
    createdBy: 'officer',
    updatedAt: AT,
    updatedBy: 'officer',
    finalisedAt: null,
    finalisedBy: null,
  });
  return event.id;
}

describe('search indexes deferred during a first pull', () => {
  let dir: string;
  let remove: () => Promise<void>;
  let db: Db;
  const dek = randomBytes(32);
  const dbId = randomUUID();

  beforeEach(async () => {
    ({ dir, remove } = await makeTempDir('search-indexes'));
    db = createDeviceDatabase(dir, dek, dbId, AT);
    insertUser(db, { id: 'officer', name: 'Officer', role: 'field_officer', createdAt: AT }, null);
  });
  afterEach(async () => {
    if (db.open) db.close();
    await remove();
  });

  it('drops only the search indexes, answers every query meanwhile, and builds them back as they were', () => {
    const before = indexesOf(db);
    const deferred = deferSearchIndexes(db);
    const left = indexesOf(db).map((index) => index.name);
    const dropped = before.map((index) => index.name).filter((name) => !left.includes(name));
    expect(dropped).toEqual([
      // A record's history.
      'audit_log_by_entity',
      // The records list's filters and sorts: context, date, item count, location, the record
      // number search (with case reference and receipt number), the default sort, last change;
      // a new record's prefill from its author's last record.
      'intake_events_by_author',
      'intake_events_by_context',
      'intake_events_by_date',
      'intake_events_by_item_count',
      'intake_events_by_location',
      'intake_events_by_number',
      'intake_events_by_sort',
      'intake_events_by_updated',
      // Migration 160: drafts by date, for the drafts a final-only figure leaves out.
      'intake_events_drafts_by_date',
      // Migration 150: the measures' filter columns of a record.
      'intake_events_for_measures',
      // The marking search.
      'item_texts_by_text',
      // The items list newest first, by kind and status, the make and model search, the serial
      // search, and the counts by type and month.
      // Migration 150: gone items by when (the backlog), and the measures' item facts by date.
      'items_by_custody_status',
      'items_by_date',
      'items_by_kind_status',
      'items_by_make_model',
      'items_by_serial',
      // Migration 100: serials read backwards, to find one by its end.
      'items_by_serial_end',
      'items_by_type_month',
      'items_for_measures',
      // Migration 70: items in a custody conflict, and those still where they came in.
      'items_in_conflict',
      'items_untouched_by_location',
    ]);
    expect(deferred).toBe(dropped.length);
    expect(stillDeferred(db)).toBe(deferred);
    // Primary keys and unique indexes enforce invariants: never dropped.
    expect(left).toContain('outbox_by_wire_id');
    // Writes find a record's weapon and marking rows by these: a save during a pull stays quick.
    expect(left).toContain('items_by_event');
    expect(left).toContain('item_texts_by_item');
    expect(left).toContain('sqlite_autoindex_items_1');

    const found = writeSeizure(db, 'AK-47 123');
    writeSeizure(db, 'M70-9');
    expect(
      listIntakes(db, { serial: 'ak47123', limit: 50, offset: 0 }).rows.map((row) => row.id),
    ).toEqual([found]);

    restoreSearchIndexes(db);
    expect(indexesOf(db)).toEqual(before);
    expect(stillDeferred(db)).toBe(0);
    expect(
      listIntakes(db, { serial: 'ak47123', limit: 50, offset: 0 }).rows.map((row) => row.id),
    ).toEqual([found]);
  });

  it('builds them back when the database is next opened after a pull cut short', () => {
    const before = indexesOf(db);
    deferSearchIndexes(db);
    writeSeizure(db, 'AK-47 123');
    // A crash or a lock mid-pull: the database closes with the indexes still deferred.
    db.close();
    db = openDeviceDatabase(dir, dek, dbId);
    expect(indexesOf(db)).toEqual(before);
    expect(stillDeferred(db)).toBe(0);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
