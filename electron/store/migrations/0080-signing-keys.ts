import type { Migration } from './migration.ts';

/**
 * Signing keys (issue 14): each person's Ed25519 public key, this laptop's people's and those
 * received by sync, so every seal can be checked here; for this laptop's own people, the private
 * half wrapped by that person's passphrase (electron/keys/signing-keys.ts). A key retired (after
 * a passphrase reset with the recovery code, which cannot open it) still checks older seals.
 */
export const signingKeysSchema: Migration = {
  version: 80,
  description: "people's signing keys for sealing custody records",
  up(db) {
    db.exec(`
      CREATE TABLE signing_keys (
        key_id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        public_key TEXT NOT NULL,
        created_at TEXT NOT NULL,
        private_wrap_json TEXT,
        retired_at TEXT,
        server_rev INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX signing_keys_by_user ON signing_keys(user_id);
    `);
  },
};
