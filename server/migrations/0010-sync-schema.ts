import type { Migration } from './migration.ts';

/** Devices, enrollment, people, the record space with its cursor, history, results, conflicts. */
export const syncSchema: Migration = {
  version: 10,
  name: 'sync-schema',
  statements: [
    `CREATE TABLE server_meta (
       id int PRIMARY KEY CHECK (id = 1),
       epoch text NOT NULL,
       created_at timestamptz NOT NULL DEFAULT now(),
       epoch_changed_at timestamptz NOT NULL DEFAULT now()
     )`,
    // A random epoch per database: a restored backup gets a new one via `new-epoch`.
    `INSERT INTO server_meta (id, epoch) VALUES (1, gen_random_uuid()::text)`,
    // One row: every push takes its row lock to allocate a version, so versions become visible
    // in commit order and the (version, id) pull cursor never skips a row.
    `CREATE TABLE sync_space (
       id int PRIMARY KEY CHECK (id = 1),
       version bigint NOT NULL
     )`,
    `INSERT INTO sync_space (id, version) VALUES (1, 0)`,
    `CREATE TABLE devices (
       id uuid PRIMARY KEY,
       name text NOT NULL,
       credential_hash text NOT NULL UNIQUE,
       created_at timestamptz NOT NULL,
       revoked_at timestamptz,
       last_mutation_id bigint NOT NULL DEFAULT 0,
       last_seen_at timestamptz,
       app_version text
     )`,
    `CREATE TABLE enrollment_codes (
       code_hash text PRIMARY KEY,
       device_name text NOT NULL,
       created_at timestamptz NOT NULL,
       expires_at timestamptz NOT NULL,
       used_at timestamptz,
       device_id uuid REFERENCES devices (id)
     )`,
    `CREATE TABLE people (
       id uuid PRIMARY KEY,
       name text NOT NULL,
       updated_at timestamptz NOT NULL
     )`,
    // No foreign keys on the push path (records, history, results, conflicts): the push writes
    // people and checks the device in the same transaction, and per-row FK triggers would halve
    // bulk throughput (measured: sync-plan "Throughput goal").
    `CREATE TABLE records (
       id text PRIMARY KEY,
       entity text NOT NULL,
       version bigint NOT NULL,
       server_rev int NOT NULL,
       deleted boolean NOT NULL DEFAULT false,
       status text NOT NULL,
       data jsonb,
       created_by uuid NOT NULL,
       updated_by uuid NOT NULL,
       received_at timestamptz NOT NULL
     )`,
    `CREATE INDEX records_version_id ON records (version, id)`,
    `CREATE TABLE record_history (
       id bigserial PRIMARY KEY,
       record_id text NOT NULL,
       server_rev int NOT NULL,
       device_id uuid NOT NULL,
       mutation_id bigint NOT NULL,
       author_id uuid NOT NULL,
       op text NOT NULL,
       changed_fields jsonb NOT NULL,
       fields jsonb NOT NULL,
       device_time timestamptz NOT NULL,
       received_at timestamptz NOT NULL
     )`,
    `CREATE INDEX record_history_record ON record_history (record_id, server_rev)`,
    // The stored answer to a mutation, as the exact JSON text sent: a replay is byte-identical.
    `CREATE TABLE mutation_results (
       device_id uuid NOT NULL,
       mutation_id bigint NOT NULL,
       result text NOT NULL,
       PRIMARY KEY (device_id, mutation_id)
     )`,
    `CREATE TABLE sync_conflicts (
       id bigserial PRIMARY KEY,
       record_id text NOT NULL,
       device_id uuid NOT NULL,
       mutation_id bigint NOT NULL,
       author_id uuid NOT NULL,
       field text NOT NULL,
       device_value jsonb,
       server_value jsonb,
       base_rev int NOT NULL,
       server_rev int NOT NULL,
       kind text NOT NULL,
       created_at timestamptz NOT NULL,
       resolved_at timestamptz
     )`,
    `CREATE INDEX sync_conflicts_record ON sync_conflicts (record_id)`,
  ],
};
