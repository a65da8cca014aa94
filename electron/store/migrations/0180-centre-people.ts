import type { Migration } from './migration.ts';

/**
 * People and roles from the centre (issue 17, item 2). The centre's decisions about a person of
 * this laptop are kept on their user row: when the centre set their role (the role column then
 * holds the centre's role, and a local change of it is refused: the centre's decision wins) and
 * when the centre deactivated them (they can no longer unlock; their records stay). The cursor of
 * the centre's decisions feed is its own one-row table, apart from the records' pull cursor.
 */
export const centrePeopleSchema: Migration = {
  version: 180,
  description: 'roles and deactivation decided at the centre',
  up(db) {
    db.exec(`
      ALTER TABLE users ADD COLUMN role_set_by_centre_at TEXT;
      ALTER TABLE users ADD COLUMN deactivated_at TEXT;

      CREATE TABLE people_feed (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        after_rev INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      INSERT INTO people_feed (id) VALUES (1);
    `);
  },
};
