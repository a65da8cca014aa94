import type { Migration } from './migration.ts';

/**
 * The web console's accounts, one-time codes, sessions, sign-in throttles and audit log. Every
 * limit and session lives here, not in a process's memory: several server processes may share
 * one PostgreSQL, and a sign-in refused by one must be refused by all.
 */
export const consoleAccounts: Migration = {
  version: 130,
  name: 'console-accounts',
  statements: [
    // An invited person is a row with no password yet; accepting sets it (and verifies the email).
    `CREATE TABLE console_accounts (
       id uuid PRIMARY KEY,
       email text NOT NULL UNIQUE,
       name text NOT NULL DEFAULT '',
       role text NOT NULL CHECK (role IN ('administrator', 'reviewer', 'viewer')),
       password_hash text,
       email_verified_at timestamptz,
       invited_at timestamptz NOT NULL,
       invited_by uuid,
       disabled_at timestamptz,
       last_sign_in_at timestamptz
     )`,
    // Only the SHA-256 of a code is kept; a code works once (used_at) and until expires_at.
    `CREATE TABLE console_codes (
       code_hash text PRIMARY KEY,
       account_id uuid NOT NULL REFERENCES console_accounts (id) ON DELETE CASCADE,
       purpose text NOT NULL CHECK (purpose IN ('invitation', 'password_reset')),
       created_at timestamptz NOT NULL,
       expires_at timestamptz NOT NULL,
       used_at timestamptz
     )`,
    `CREATE INDEX console_codes_account ON console_codes (account_id, purpose)`,
    // The cookie holds the token; the table its SHA-256 (a copy of the table opens no session).
    `CREATE TABLE console_sessions (
       token_hash text PRIMARY KEY,
       account_id uuid NOT NULL REFERENCES console_accounts (id) ON DELETE CASCADE,
       csrf_token text NOT NULL,
       created_at timestamptz NOT NULL,
       last_used_at timestamptz NOT NULL,
       expires_at timestamptz NOT NULL,
       ended_at timestamptz,
       address text
     )`,
    `CREATE INDEX console_sessions_account ON console_sessions (account_id)`,
    // One row per throttled key ('account:<email>', 'address:<ip>'): failures in a row and the
    // time before which the next attempt is refused without checking the password.
    `CREATE TABLE console_sign_in_throttle (
       key text PRIMARY KEY,
       failures int NOT NULL DEFAULT 0,
       last_failure_at timestamptz,
       blocked_until timestamptz
     )`,
    `CREATE TABLE console_audit (
       id bigserial PRIMARY KEY,
       at timestamptz NOT NULL,
       actor_account_id uuid,
       actor text,
       action text NOT NULL,
       target text,
       details jsonb NOT NULL DEFAULT '{}'::jsonb,
       address text
     )`,
    // A rejected change (stored in mutation_results) marked resolved by someone at the centre.
    `CREATE TABLE console_resolved_rejections (
       device_id uuid NOT NULL,
       mutation_id bigint NOT NULL,
       resolved_at timestamptz NOT NULL,
       resolved_by uuid,
       PRIMARY KEY (device_id, mutation_id)
     )`,
    // Who marked a conflict resolved (resolved_at is the sync schema's own column).
    'ALTER TABLE sync_conflicts ADD COLUMN resolved_by uuid',
    // The last push the server stored (last_seen_at is any push or pull).
    'ALTER TABLE devices ADD COLUMN last_push_at timestamptz',
  ],
};
