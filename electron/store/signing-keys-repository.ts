import { WrappedSigningKeySchema, type WrappedSigningKey } from '../keys/signing-keys.ts';
import type { Db } from './encrypted-database.ts';
import { prepared } from './prepared.ts';

/** Signing keys in the store (migration 80). Runs inside the caller's transaction. */

export interface StoredSigningKey {
  readonly keyId: string;
  readonly userId: string;
  readonly publicKey: string;
  readonly createdAt: string;
  /** Only for this laptop's own people. */
  readonly wrapped: WrappedSigningKey | null;
}

interface Row {
  key_id: string;
  user_id: string;
  public_key: string;
  created_at: string;
  private_wrap_json: string | null;
}

function fromRow(row: Row): StoredSigningKey {
  return {
    keyId: row.key_id,
    userId: row.user_id,
    publicKey: row.public_key,
    createdAt: row.created_at,
    wrapped:
      row.private_wrap_json === null
        ? null
        : WrappedSigningKeySchema.parse(JSON.parse(row.private_wrap_json)),
  };
}

/** The key a person of this laptop seals with now, if they have one. */
export function activeSigningKey(db: Db, userId: string): StoredSigningKey | null {
  const row = prepared(
    db,
    `SELECT * FROM signing_keys WHERE user_id = ? AND retired_at IS NULL
       AND private_wrap_json IS NOT NULL ORDER BY created_at DESC, key_id DESC LIMIT 1`,
  ).get(userId) as Row | undefined;
  return row === undefined ? null : fromRow(row);
}

export function readSigningKey(db: Db, keyId: string): StoredSigningKey | null {
  const row = prepared(db, 'SELECT * FROM signing_keys WHERE key_id = ?').get(keyId) as
    Row | undefined;
  return row === undefined ? null : fromRow(row);
}

/** Writes a key once; returns whether it was new here. */
export function insertSigningKey(db: Db, key: StoredSigningKey, serverRev = 0): boolean {
  return (
    prepared(
      db,
      `INSERT INTO signing_keys (key_id, user_id, public_key, created_at, private_wrap_json,
         server_rev) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (key_id) DO NOTHING`,
    ).run(
      key.keyId,
      key.userId,
      key.publicKey,
      key.createdAt,
      key.wrapped === null ? null : JSON.stringify(key.wrapped),
      serverRev,
    ).changes > 0
  );
}

export function replaceWrap(db: Db, keyId: string, wrapped: WrappedSigningKey): void {
  prepared(db, 'UPDATE signing_keys SET private_wrap_json = ? WHERE key_id = ?').run(
    JSON.stringify(wrapped),
    keyId,
  );
}

/**
 * After a passphrase reset with the recovery code: the old passphrase, which wraps the person's
 * key, is gone, so the key can never seal again. It stays, public, to check older seals.
 */
export function retireSigningKeys(db: Db, userId: string, at: string): void {
  prepared(
    db,
    `UPDATE signing_keys SET retired_at = ?, private_wrap_json = NULL
     WHERE user_id = ? AND retired_at IS NULL AND private_wrap_json IS NOT NULL`,
  ).run(at, userId);
}
