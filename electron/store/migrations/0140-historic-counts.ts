import type { Migration } from './migration.ts';

/**
 * Historic aggregate counts (issue 15): figures from before item-level records ("857 weapons
 * destroyed in 2015"), each one kind in one unit, kept in a table of their own so nothing that
 * lists or counts items ever picks them up. The period, activity and (kind, unit) are columns for
 * reports that group by them; the record itself is data_json.
 */
export const historicCountsSchema: Migration = {
  version: 140,
  description: 'historic aggregate counts, apart from item-level records',
  up(db) {
    db.exec(`
      CREATE TABLE historic_counts (
        id TEXT PRIMARY KEY,
        activity TEXT NOT NULL,
        period_from TEXT NOT NULL,
        period_to TEXT NOT NULL,
        quantity_kind TEXT NOT NULL,
        quantity_unit TEXT NOT NULL,
        amount REAL NOT NULL,
        data_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL REFERENCES users(id),
        revision INTEGER NOT NULL,
        server_rev INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX historic_counts_by_period ON historic_counts(period_from, period_to);
    `);
  },
};
