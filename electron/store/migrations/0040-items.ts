import { itemsOfIntake } from '../../../shared/records/intake-items.ts';
import type { Migration } from './migration.ts';
import { insertItemRows } from '../item-rows.ts';

/**
 * Items become first-class (issue 13): weapons, parts, ammunition lots and explosive items each
 * get a row in `items` with the columns lists, custody and reports filter and group by, and the
 * texts read off them (markings, headstamps, lot numbers) in `item_texts` for the serial search.
 * They replace weapon_items and marking_texts, which held weapons only: every stored intake
 * event's items (all four kinds, from its JSON, which stays the record of what was written) are
 * written into the new tables here.
 *
 * No foreign key from items to intake_events: a record's rows are rebuilt with it, and a pull
 * writes them in the same transaction as their record.
 */
export const itemsSchema: Migration = {
  version: 40,
  description: 'items of every kind as rows of their own',
  up(db) {
    db.exec(`
      CREATE TABLE items (
        id TEXT PRIMARY KEY,
        intake_event_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('weapon', 'part', 'ammunition', 'explosive')),
        position INTEGER NOT NULL,
        item_type TEXT,
        category TEXT,
        serial_number TEXT,
        serial_normalised TEXT,
        manufacturer TEXT,
        model TEXT,
        calibre TEXT,
        quantity_amount REAL,
        quantity_unit TEXT,
        marking_condition TEXT,
        lifecycle_status TEXT,
        trace_status TEXT,
        location_id TEXT,
        intake_context TEXT,
        occurred_on TEXT,
        record_status TEXT NOT NULL CHECK (record_status IN ('draft', 'final'))
      ) STRICT;
      CREATE INDEX items_by_event ON items(intake_event_id);
      CREATE INDEX items_by_serial ON items(serial_normalised);
      CREATE INDEX items_by_kind ON items(kind, lifecycle_status, occurred_on);
      CREATE INDEX items_by_type_month ON items(item_type, occurred_on);

      CREATE TABLE item_texts (
        item_id TEXT NOT NULL,
        text_kind TEXT NOT NULL,
        text_as_read TEXT NOT NULL,
        text_normalised TEXT NOT NULL
      ) STRICT;
      CREATE INDEX item_texts_by_item ON item_texts(item_id);
      CREATE INDEX item_texts_by_text ON item_texts(text_normalised);
    `);
    // In pages: the statement reading the records cannot stay open while rows are written.
    const page = db.prepare(
      'SELECT rowid, data_json, status FROM intake_events WHERE rowid > ? ORDER BY rowid LIMIT 1000',
    );
    for (let after = 0; ;) {
      const events = page.all(after) as Array<{
        rowid: number;
        data_json: string;
        status: 'draft' | 'final';
      }>;
      for (const event of events) {
        const data = JSON.parse(event.data_json) as Record<string, unknown>;
        insertItemRows(db, itemsOfIntake(data, event.status));
      }
      const last = events.at(-1);
      if (last === undefined) break;
      after = last.rowid;
    }
    db.exec(`
      DELETE FROM deferred_indexes WHERE name LIKE 'weapon_items%' OR name LIKE 'marking_texts%';
      DROP TABLE marking_texts;
      DROP TABLE weapon_items;
    `);
  },
};
