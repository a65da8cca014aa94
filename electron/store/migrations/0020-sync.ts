import type { Migration } from './migration.ts';

/**
 * Sync (issue 4): what the laptop needs to know about the server.
 *
 * - intake_events is rebuilt without foreign keys on location_id / campaign_id: a pulled record
 *   can name a location or campaign that arrives on a later page (or that another laptop has not
 *   pushed yet). The rebuild runs with foreign keys off (Migration.rebuildsTables), otherwise
 *   dropping the old table would cascade-delete every weapon item.
 * - server_rev on every synced record (0 = the server has never acknowledged it); locations and
 *   campaigns get a local revision like intake events.
 * - outbox: the top-level fields each change touched (NULL = all of them) and the mutation id it
 *   was sent under (assigned when first sent, so a resend reuses it). Nothing was ever synced
 *   before this version, so every queued row's base revision is the server's 0.
 * - sync_state (one row): the enrollment, the device credential (only ever inside this encrypted
 *   database), the pull cursor and the last outcome.
 * - sync_issues: conflicts and rejections the server reported, until a person settles them.
 * - sync_deferred: a pulled change not applied because the record had unsent changes; applied
 *   after the push if the push did not move the record on.
 * - attachments: upload state of each photo.
 */
export const syncSchema: Migration = {
  version: 20,
  description: 'sync state, issues, server revisions, outbox fields, photo uploads',
  rebuildsTables: true,
  up(db) {
    db.exec(`
      CREATE TABLE intake_events_new (
        id TEXT PRIMARY KEY,
        status TEXT NOT NULL CHECK (status IN ('draft', 'final')),
        context TEXT NOT NULL,
        occurred_on TEXT,
        -- No foreign keys: pulled records may name a location or campaign not here yet.
        location_id TEXT,
        campaign_id TEXT,
        revision INTEGER NOT NULL,
        server_rev INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL REFERENCES users(id),
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL REFERENCES users(id),
        finalised_at TEXT,
        finalised_by TEXT REFERENCES users(id),
        sort_date TEXT GENERATED ALWAYS AS (coalesce(occurred_on, substr(updated_at, 1, 10))) VIRTUAL,
        data_json TEXT NOT NULL
      ) STRICT;
      INSERT INTO intake_events_new (id, status, context, occurred_on, location_id, campaign_id,
          revision, server_rev, created_at, created_by, updated_at, updated_by, finalised_at,
          finalised_by, data_json)
        SELECT id, status, context, occurred_on, location_id, campaign_id, revision, 0, created_at,
          created_by, updated_at, updated_by, finalised_at, finalised_by, data_json
        FROM intake_events;
      DROP TABLE intake_events;
      ALTER TABLE intake_events_new RENAME TO intake_events;
      CREATE INDEX intake_events_by_sort
        ON intake_events(sort_date DESC, updated_at DESC, context, occurred_on, location_id, status);
      CREATE INDEX intake_events_by_date ON intake_events(occurred_on);
      CREATE INDEX intake_events_by_context ON intake_events(context, occurred_on);
      CREATE INDEX intake_events_by_location ON intake_events(location_id);

      ALTER TABLE locations ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE locations ADD COLUMN server_rev INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE campaigns ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE campaigns ADD COLUMN server_rev INTEGER NOT NULL DEFAULT 0;

      ALTER TABLE attachments ADD COLUMN server_rev INTEGER NOT NULL DEFAULT 0;
      -- queued: to upload; uploading: a tus upload exists (upload_url, uploaded_bytes);
      -- uploaded: the last chunk was accepted; verified: the server confirmed it has the file;
      -- remote: known from another laptop, the bytes are not on this one.
      ALTER TABLE attachments ADD COLUMN upload_state TEXT NOT NULL DEFAULT 'queued'
        CHECK (upload_state IN ('queued', 'uploading', 'uploaded', 'verified', 'remote'));
      ALTER TABLE attachments ADD COLUMN upload_url TEXT;
      ALTER TABLE attachments ADD COLUMN uploaded_bytes INTEGER NOT NULL DEFAULT 0;

      ALTER TABLE outbox ADD COLUMN changed_fields_json TEXT;
      ALTER TABLE outbox ADD COLUMN wire_id INTEGER;
      UPDATE outbox SET base_revision = 0;
      CREATE INDEX outbox_by_entity ON outbox(entity_id, mutation_id);
      CREATE UNIQUE INDEX outbox_by_wire_id ON outbox(wire_id) WHERE wire_id IS NOT NULL;

      CREATE TABLE sync_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        server_url TEXT,
        device_id TEXT,
        device_name TEXT,
        credential TEXT,
        server_epoch TEXT,
        pull_after_version INTEGER NOT NULL DEFAULT 0,
        pull_after_id TEXT NOT NULL DEFAULT '',
        -- The next mutation id to give an outbox row when it is first sent.
        next_mutation_id INTEGER NOT NULL DEFAULT 1,
        -- 1 after an epoch change or a new enrollment: pull everything, then re-queue what the
        -- server lacks.
        repull INTEGER NOT NULL DEFAULT 0,
        revoked INTEGER NOT NULL DEFAULT 0,
        last_success_at TEXT,
        last_attempt_at TEXT,
        last_error_kind TEXT,
        last_error_message TEXT,
        last_error_at TEXT
      ) STRICT;
      INSERT INTO sync_state (id) VALUES (1);

      CREATE TABLE sync_issues (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        mutation_id INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('conflict', 'rejected')),
        reason TEXT,
        message TEXT,
        -- {field: {mine, server}}
        fields_json TEXT NOT NULL,
        record_final INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        resolved_at TEXT,
        resolved_by TEXT,
        resolution TEXT
      ) STRICT;
      CREATE INDEX sync_issues_open ON sync_issues(entity_id) WHERE resolved_at IS NULL;

      CREATE TABLE sync_deferred (
        entity_id TEXT PRIMARY KEY,
        server_rev INTEGER NOT NULL,
        change_json TEXT NOT NULL
      ) STRICT;
    `);
  },
};
