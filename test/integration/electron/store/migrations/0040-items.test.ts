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

const upTo30 = migrations.filter((migration) => migration.version <= 30);
const upTo40 = migrations.filter((migration) => migration.version <= 40);

/** A surrender as a laptop stored it before items had rows: every kind, in its JSON only. */
const surrender = {
  id: 'e1',
  status: 'final',
  revision: 4,
  context: 'surrendered',
  occurredAt: '2025-05-02',
  locationId: 'l1',
  weapons: [
    {
      id: 'w1',
      category: 'small_arm',
      weaponType: 'assault_rifle',
      manufacturer: 'Zastava',
      model: 'M70',
      calibre: '7.62x39mm',
      serialNumber: 'AK-47 123',
      markingCondition: 'intact',
      traceStatus: 'national_check_done',
      markings: [{ id: 'm1', markingKind: 'serial', textAsRead: 'AK-47 123' }],
      photos: [],
    },
  ],
  parts: [
    {
      id: 'p1',
      partType: 'barrel',
      serialNumber: 'B-9',
      markingText: 'ZCZ 1987',
      quantity: { kind: 'parts', unit: 'pieces', amount: 3 },
      photos: [],
    },
  ],
  ammunition: [
    {
      id: 'a1',
      ammoClass: 'small_arms_cartridge',
      calibre: '7.62x39mm',
      headstampText: 'IK 81',
      lotBatchNumber: 'L-22',
      quantity: { kind: 'ammunition', unit: 'rounds', amount: 500 },
      photos: [],
    },
  ],
  explosives: [
    {
      id: 'x1',
      eoType: 'hand_grenade',
      quantity: { kind: 'explosives', unit: 'pieces', amount: 2 },
      safetyStatus: 'EOD_required',
      photos: [],
    },
  ],
  photos: [],
};

describe('migration 0040 (items as rows of their own)', () => {
  let dir: string;
  let remove: () => Promise<void>;
  let db: Db;

  beforeEach(async () => {
    ({ dir, remove } = await makeTempDir('migration-0040'));
    db = openEncryptedDatabase(path.join(dir, DATABASE_FILE), randomBytes(32), { create: true });
    migrate(db, upTo30);
    db.exec(`
      INSERT INTO users VALUES ('u1', 'Amina', 'team_lead', '2024-01-01T00:00:00Z', NULL);
      INSERT INTO intake_events (id, status, context, occurred_on, location_id, revision, created_at,
          created_by, updated_at, updated_by, data_json)
        VALUES ('e1', 'final', 'surrendered', '2025-05-02', 'l1', 4, '2025-05-02T10:00:00Z', 'u1',
          '2025-05-02T10:00:00Z', 'u1', '${JSON.stringify(surrender)}');
      INSERT INTO weapon_items (id, intake_event_id, position, serial_number, serial_normalised)
        VALUES ('w1', 'e1', 0, 'AK-47 123', 'AK47123');
      INSERT INTO marking_texts VALUES ('w1', 'serial', 'AK-47 123', 'AK47123');
    `);
  });
  afterEach(async () => {
    if (db.open) db.close();
    await remove();
  });

  it("moves every item of every kind out of the intake's JSON into a row, losing no field", () => {
    migrate(db, upTo40);
    const items = db
      .prepare(
        `SELECT id, kind, item_type, category, serial_number, serial_normalised, manufacturer,
           model, calibre, quantity_amount, quantity_unit, marking_condition, lifecycle_status,
           trace_status, location_id, intake_context, occurred_on, record_status
         FROM items ORDER BY kind, id`,
      )
      .all();
    const common = {
      location_id: 'l1',
      intake_context: 'surrendered',
      occurred_on: '2025-05-02',
      record_status: 'final',
      lifecycle_status: 'in_custody',
    };
    expect(items).toEqual([
      {
        ...common,
        id: 'a1',
        kind: 'ammunition',
        item_type: 'small_arms_cartridge',
        category: null,
        serial_number: null,
        serial_normalised: null,
        manufacturer: null,
        model: null,
        calibre: '7.62x39mm',
        quantity_amount: 500,
        quantity_unit: 'rounds',
        marking_condition: null,
        trace_status: null,
      },
      {
        ...common,
        id: 'x1',
        kind: 'explosive',
        item_type: 'hand_grenade',
        category: null,
        serial_number: null,
        serial_normalised: null,
        manufacturer: null,
        model: null,
        calibre: null,
        quantity_amount: 2,
        quantity_unit: 'pieces',
        marking_condition: null,
        trace_status: null,
      },
      {
        ...common,
        id: 'p1',
        kind: 'part',
        item_type: 'barrel',
        category: null,
        serial_number: 'B-9',
        serial_normalised: 'B9',
        manufacturer: null,
        model: null,
        calibre: null,
        quantity_amount: 3,
        quantity_unit: 'pieces',
        marking_condition: null,
        trace_status: null,
      },
      {
        ...common,
        id: 'w1',
        kind: 'weapon',
        item_type: 'assault_rifle',
        category: 'small_arm',
        serial_number: 'AK-47 123',
        serial_normalised: 'AK47123',
        manufacturer: 'Zastava',
        model: 'M70',
        calibre: '7.62x39mm',
        quantity_amount: 1,
        quantity_unit: 'pieces',
        marking_condition: 'intact',
        trace_status: 'national_check_done',
      },
    ]);
    expect(
      db
        .prepare(
          'SELECT item_id, text_kind, text_as_read FROM item_texts ORDER BY item_id, text_kind',
        )
        .all(),
    ).toEqual([
      { item_id: 'a1', text_kind: 'headstamp', text_as_read: 'IK 81' },
      { item_id: 'a1', text_kind: 'lot', text_as_read: 'L-22' },
      { item_id: 'p1', text_kind: 'marking', text_as_read: 'ZCZ 1987' },
      { item_id: 'w1', text_kind: 'serial', text_as_read: 'AK-47 123' },
    ]);
    // The record itself is untouched; the weapons-only tables are gone.
    expect(
      JSON.parse(
        (db.prepare('SELECT data_json FROM intake_events').get() as { data_json: string })
          .data_json,
      ),
    ).toEqual(surrender);
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all();
    expect(tables).not.toContain('weapon_items');
    expect(tables).not.toContain('marking_texts');
  });
});
