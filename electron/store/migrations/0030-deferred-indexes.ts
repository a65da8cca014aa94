import type { Migration } from './migration.ts';

/**
 * deferred_indexes: the record tables' search indexes a fresh laptop's first pull dropped, with
 * the SQL that builds each again (see store/search-indexes.ts). Written in the same transaction
 * that drops them, so a crash during the pull leaves a list of what to put back, never an index
 * silently missing.
 */
export const deferredIndexesSchema: Migration = {
  version: 30,
  description: 'search indexes deferred during a first pull',
  up(db) {
    db.exec(`
      CREATE TABLE deferred_indexes (
        name TEXT PRIMARY KEY,
        sql TEXT NOT NULL
      ) STRICT;
    `);
  },
};
