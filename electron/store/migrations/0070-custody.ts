import type { Migration } from './migration.ts';

/**
 * Chain of custody (issue 14): sealed custody records and what they make of each item.
 *
 * - custody_records: transfers and decisions, each written once (sealed) and never changed; a
 *   correction is a record of its own naming the one it corrects (corrects_id).
 * - custody_item_events: which records concern which item, in the order every side applies them
 *   (the moment the record names, then its id): an item's timeline and its derivation read it.
 * - item_holdings: where each item touched by custody is, and how much of it (a lot may be split).
 * - items gets the derived state (shared/custody/item-custody.ts). Its own lifecycle_status and
 *   location_id stay what the intake says, the start of the derivation; custody_status is NULL for
 *   an item no custody record concerns. Intake rows are rebuilt on every save of their record, so
 *   the store derives these columns again after each such write.
 */
export const custodySchema: Migration = {
  version: 70,
  description: 'custody transfers and decisions; the derived status and place of every item',
  up(db) {
    db.exec(`
      CREATE TABLE custody_records (
        id TEXT PRIMARY KEY,
        entity TEXT NOT NULL,
        occurred_at TEXT NOT NULL,
        corrects_id TEXT,
        data_json TEXT NOT NULL,
        revision INTEGER NOT NULL DEFAULT 1,
        server_rev INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL REFERENCES users(id)
      ) STRICT;
      CREATE INDEX custody_records_by_entity ON custody_records(entity, occurred_at);
      CREATE INDEX custody_records_by_corrects ON custody_records(corrects_id)
        WHERE corrects_id IS NOT NULL;

      CREATE TABLE custody_item_events (
        item_id TEXT NOT NULL,
        occurred_at TEXT NOT NULL,
        record_id TEXT NOT NULL,
        -- What the record does to this item (CustodyEventSummary): derivation and timeline read
        -- it without parsing a record that may list ten thousand items.
        effect_json TEXT NOT NULL,
        PRIMARY KEY (item_id, occurred_at, record_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX custody_item_events_by_record ON custody_item_events(record_id);

      CREATE TABLE item_holdings (
        item_id TEXT NOT NULL,
        location_id TEXT,
        holder TEXT,
        amount REAL NOT NULL
      ) STRICT;
      CREATE INDEX item_holdings_by_item ON item_holdings(item_id);
      CREATE INDEX item_holdings_by_location ON item_holdings(location_id, item_id);

      ALTER TABLE items ADD COLUMN custody_status TEXT;
      ALTER TABLE items ADD COLUMN custody_location_id TEXT;
      ALTER TABLE items ADD COLUMN status_since TEXT;
      ALTER TABLE items ADD COLUMN custody_conflicts TEXT;
      -- A site's inventory: items no custody record has moved yet, still where they came in.
      CREATE INDEX items_untouched_by_location ON items(location_id)
        WHERE custody_status IS NULL;
      CREATE INDEX items_in_conflict ON items(id) WHERE custody_conflicts IS NOT NULL;
      -- The items list filters by the status an item has now (custody's, else its intake's).
      DROP INDEX IF EXISTS items_by_kind;
      DELETE FROM deferred_indexes WHERE name = 'items_by_kind';
      CREATE INDEX items_by_kind_status
        ON items(kind, coalesce(custody_status, lifecycle_status), occurred_on);
    `);
  },
};
