import type { Migration } from './migration.ts';

/**
 * Watch lists (issue 15): serials of interest imported from a file (a national register of lost
 * and stolen firearms, for example). Kept per laptop, not synced: each list is imported as a whole
 * from its source and replaced as a whole when the source publishes a new one. Each serial is
 * stored as listed, in its search form and that form read backwards, both indexed, so the serial
 * check finds a listed serial by its start or its end the way it finds an item's.
 */
export const watchListSchema: Migration = {
  version: 120,
  description: 'watch lists of serials of interest',
  up(db) {
    db.exec(`
      CREATE TABLE watch_lists (
        name TEXT PRIMARY KEY,
        file_name TEXT NOT NULL DEFAULT '',
        imported_at TEXT NOT NULL,
        imported_by TEXT NOT NULL
      ) STRICT;

      CREATE TABLE watch_list_entries (
        id INTEGER PRIMARY KEY,
        list_name TEXT NOT NULL REFERENCES watch_lists(name) ON DELETE CASCADE,
        row_number INTEGER NOT NULL,
        serial TEXT NOT NULL,
        serial_normalised TEXT NOT NULL,
        serial_reversed TEXT NOT NULL,
        make TEXT,
        model TEXT,
        calibre TEXT,
        reason TEXT NOT NULL CHECK (reason IN ('lost', 'stolen', 'wanted', 'other')),
        reference TEXT,
        listed_on TEXT,
        imported_at TEXT NOT NULL,
        imported_by TEXT NOT NULL
      ) STRICT;

      CREATE INDEX watch_list_by_serial ON watch_list_entries(serial_normalised);
      CREATE INDEX watch_list_by_serial_end ON watch_list_entries(serial_reversed);
      CREATE INDEX watch_list_by_list ON watch_list_entries(list_name);
    `);
  },
};
