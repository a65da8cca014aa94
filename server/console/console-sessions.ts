import type { ConsoleRole } from '../../shared/console/roles.ts';
import type { Queryable } from '../db/database.ts';
import { newToken, sha256Hex } from './console-secrets.ts';

/**
 * A session ends after `idleMs` without a request, and `absoluteMs` after sign-in whatever
 * happens: a console left open on a shared office computer does not stay signed in for days.
 */
export const sessionLifetime = {
  idleMs: 2 * 60 * 60_000,
  absoluteMs: 12 * 60 * 60_000,
  /** last_used_at is written at most this often (one write per minute, not per request). */
  touchEveryMs: 60_000,
} as const;

export const sessionCookieName = 'salw_console_session';

export interface NewSession {
  readonly token: string;
  readonly csrfToken: string;
  readonly expiresAt: Date;
}

export async function createSession(
  tx: Queryable,
  accountId: string,
  now: Date,
  address: string | null,
): Promise<NewSession> {
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(now.getTime() + sessionLifetime.idleMs);
  await tx.query(
    `INSERT INTO console_sessions
       (token_hash, account_id, csrf_token, created_at, last_used_at, expires_at, address)
     VALUES ($1, $2, $3, $4, $4, $5, $6)`,
    [sha256Hex(token), accountId, csrfToken, now.toISOString(), expiresAt.toISOString(), address],
  );
  return { token, csrfToken, expiresAt };
}

export interface ActiveSession {
  readonly tokenHash: string;
  readonly csrfToken: string;
  readonly expiresAt: Date;
  readonly account: { id: string; email: string; name: string; role: ConsoleRole };
}

/** The session a cookie names, while it lasts and its account is enabled; slides its expiry. */
export async function readSession(
  db: Queryable,
  token: string,
  now: Date,
): Promise<ActiveSession | null> {
  if (token.length === 0 || token.length > 200) return null;
  const tokenHash = sha256Hex(token);
  const { rows } = await db.query<{
    csrf_token: string;
    created_at: Date;
    last_used_at: Date;
    expires_at: Date;
    id: string;
    email: string;
    name: string;
    role: ConsoleRole;
  }>(
    `SELECT s.csrf_token, s.created_at, s.last_used_at, s.expires_at,
            a.id, a.email, a.name, a.role
     FROM console_sessions s JOIN console_accounts a ON a.id = s.account_id
     WHERE s.token_hash = $1 AND s.ended_at IS NULL AND s.expires_at > $2
       AND a.disabled_at IS NULL AND a.password_hash IS NOT NULL`,
    [tokenHash, now.toISOString()],
  );
  const row = rows[0];
  if (row === undefined) return null;
  let expiresAt = new Date(row.expires_at);
  if (now.getTime() - new Date(row.last_used_at).getTime() >= sessionLifetime.touchEveryMs) {
    expiresAt = new Date(
      Math.min(
        now.getTime() + sessionLifetime.idleMs,
        new Date(row.created_at).getTime() + sessionLifetime.absoluteMs,
      ),
    );
    await db.query(
      'UPDATE console_sessions SET last_used_at = $2, expires_at = $3 WHERE token_hash = $1',
      [tokenHash, now.toISOString(), expiresAt.toISOString()],
    );
  }
  return {
    tokenHash,
    csrfToken: row.csrf_token,
    expiresAt,
    account: { id: row.id, email: row.email, name: row.name, role: row.role },
  };
}

export async function endSession(db: Queryable, tokenHash: string, now: Date): Promise<void> {
  await db.query(
    'UPDATE console_sessions SET ended_at = $2 WHERE token_hash = $1 AND ended_at IS NULL',
    [tokenHash, now.toISOString()],
  );
}

/** Every open session of an account (disabled, role changed, password reset). */
export async function endSessionsOf(db: Queryable, accountId: string, now: Date): Promise<void> {
  await db.query(
    'UPDATE console_sessions SET ended_at = $2 WHERE account_id = $1 AND ended_at IS NULL',
    [accountId, now.toISOString()],
  );
}
