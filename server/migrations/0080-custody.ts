import type { Migration } from './migration.ts';

/**
 * Chain of custody on the server (issue 14): which items each sealed custody record concerns and
 * what it does to them (`custody_events`, filled by push from the records, by the laptops' own
 * function shared/custody/item-custody.ts), the records corrected by another, and each item's
 * derived state, `item_custody`, with its custody conflicts: two laptops that recorded
 * contradicting events offline are both kept, and the item is marked here as on every laptop.
 * Kept apart from `items`, which every intake push rewrites.
 */
export const custody: Migration = {
  version: 80,
  name: 'custody',
  statements: [
    `CREATE TABLE custody_events (
       item_id text NOT NULL,
       occurred_at text NOT NULL,
       record_id text NOT NULL,
       effect jsonb NOT NULL,
       PRIMARY KEY (item_id, occurred_at, record_id)
     )`,
    `CREATE INDEX custody_events_by_record ON custody_events (record_id)`,
    `CREATE TABLE custody_corrections (
       record_id text PRIMARY KEY,
       corrected_by text NOT NULL
     )`,
    `CREATE TABLE item_custody (
       item_id text PRIMARY KEY,
       status text NOT NULL,
       location_id text,
       status_since text,
       holdings jsonb NOT NULL,
       conflicts jsonb
     )`,
    `CREATE INDEX item_custody_in_conflict ON item_custody (item_id) WHERE conflicts IS NOT NULL`,
  ],
};
