import type { Migration } from './migration.ts';

/**
 * The log of serial checks that found something (issue 15): who checked which serial, when, for
 * which record, and what matched. Evidence that a weapon seen before was noticed; one row per
 * record and serial, however often the check runs while the person types.
 */
export const serialChecksSchema: Migration = {
  version: 90,
  description: 'log of serial checks with a hit',
  up(db) {
    db.exec(`
      CREATE TABLE serial_checks (
        id TEXT PRIMARY KEY,
        checked_at TEXT NOT NULL,
        user_id TEXT NOT NULL,
        intake_event_id TEXT NOT NULL DEFAULT '',
        serial_as_typed TEXT NOT NULL,
        serial_normalised TEXT NOT NULL,
        matches_json TEXT NOT NULL,
        UNIQUE (intake_event_id, serial_normalised)
      ) STRICT;
    `);
  },
};
