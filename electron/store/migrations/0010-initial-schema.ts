import type { Migration } from './migration.ts';

/**
 * The first schema: people, locations, campaigns, intake events with their weapon items and
 * marking texts (denormalised from the record JSON for search and dashboards), encrypted photo
 * references, the hash-chained audit log and the sync outbox.
 *
 * `data_json` holds the whole record as the person entered it (validated by shared/domain);
 * the other columns are indexes over it and are rewritten from it on every save.
 */
export const initialSchema: Migration = {
  version: 10,
  description: 'initial schema',
  up(db) {
    db.exec(`
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT REFERENCES users(id)
      ) STRICT;

      CREATE TABLE locations (
        id TEXT PRIMARY KEY,
        location_type TEXT NOT NULL,
        name TEXT NOT NULL,
        jurisdiction TEXT NOT NULL,
        data_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL REFERENCES users(id)
      ) STRICT;

      CREATE TABLE campaigns (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        status TEXT NOT NULL,
        data_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL REFERENCES users(id)
      ) STRICT;

      CREATE TABLE intake_events (
        id TEXT PRIMARY KEY,
        status TEXT NOT NULL CHECK (status IN ('draft', 'final')),
        context TEXT NOT NULL,
        occurred_on TEXT,
        location_id TEXT REFERENCES locations(id),
        campaign_id TEXT REFERENCES campaigns(id),
        revision INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL REFERENCES users(id),
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL REFERENCES users(id),
        finalised_at TEXT,
        finalised_by TEXT REFERENCES users(id),
        -- The list's order: the event's date, or for an undated draft the day it was last changed.
        sort_date TEXT GENERATED ALWAYS AS (coalesce(occurred_on, substr(updated_at, 1, 10))) VIRTUAL,
        -- Last: a record runs over several pages, and SQLite reads a row's columns in order, so
        -- every column the list and filters need comes before the large one.
        data_json TEXT NOT NULL
      ) STRICT;
      -- The list walks this in order; carrying the filter columns lets it skip rows without
      -- reading (and decrypting) them, so a page costs its 50 rows, not every row before it.
      CREATE INDEX intake_events_by_sort
        ON intake_events(sort_date DESC, updated_at DESC, context, occurred_on, location_id, status);
      CREATE INDEX intake_events_by_date ON intake_events(occurred_on);
      CREATE INDEX intake_events_by_context ON intake_events(context, occurred_on);
      CREATE INDEX intake_events_by_location ON intake_events(location_id);

      CREATE TABLE weapon_items (
        id TEXT PRIMARY KEY,
        intake_event_id TEXT NOT NULL REFERENCES intake_events(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        category TEXT,
        weapon_type TEXT,
        serial_number TEXT,
        serial_normalised TEXT,
        manufacturer TEXT,
        model TEXT,
        calibre TEXT,
        lifecycle_status TEXT,
        occurred_on TEXT
      ) STRICT;
      CREATE INDEX weapon_items_by_event ON weapon_items(intake_event_id);
      CREATE INDEX weapon_items_by_serial ON weapon_items(serial_normalised);
      CREATE INDEX weapon_items_by_type_month ON weapon_items(weapon_type, occurred_on);

      CREATE TABLE marking_texts (
        weapon_item_id TEXT NOT NULL REFERENCES weapon_items(id) ON DELETE CASCADE,
        marking_kind TEXT,
        text_as_read TEXT NOT NULL,
        text_normalised TEXT NOT NULL
      ) STRICT;
      CREATE INDEX marking_texts_by_text ON marking_texts(text_normalised);
      CREATE INDEX marking_texts_by_item ON marking_texts(weapon_item_id);

      CREATE TABLE attachments (
        sha256 TEXT PRIMARY KEY,
        mime TEXT NOT NULL,
        size INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL REFERENCES users(id)
      ) STRICT;

      -- Append-only: each entry carries the hash of the one before (audit-log.ts). The triggers stop
      -- the app's own code from rewriting history; the chain exposes an edit or a deletion made
      -- without recomputing every later hash, and the server's copy (once sync runs) the rest.
      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        user_id TEXT,
        action TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        before_json TEXT,
        after_json TEXT,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
      CREATE INDEX audit_log_by_entity ON audit_log(entity, entity_id, seq);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      -- INSERT OR REPLACE deletes the old row without firing delete triggers; refuse it up front.
      CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
        WHEN EXISTS (SELECT 1 FROM audit_log WHERE seq = NEW.seq)
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

      -- Every change also lands here in the same transaction; sync pushes it in mutation_id order.
      CREATE TABLE outbox (
        mutation_id INTEGER PRIMARY KEY AUTOINCREMENT,
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        op TEXT NOT NULL,
        base_revision INTEGER NOT NULL,
        payload_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending',
        last_error TEXT
      ) STRICT;
    `);
  },
};
