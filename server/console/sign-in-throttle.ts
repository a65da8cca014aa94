import type { Queryable } from '../db/database.ts';

/**
 * Growing delays after failed sign-ins, kept in PostgreSQL so every server process sharing the
 * database enforces the same wait. Per account: after the n-th failure in a row the next attempt
 * waits 2^(n-1) s (1, 2, 4, … up to 15 min). Per address: the first `addressFreeFailures` are
 * free (an office behind one NAT address mistypes too), then the same doubling. A success clears
 * both; failures older than a day are forgotten.
 */
export const throttlePolicy = {
  maxDelaySeconds: 15 * 60,
  addressFreeFailures: 10,
  forgetAfterMs: 24 * 60 * 60_000,
} as const;

export interface ThrottleKeys {
  readonly account: string;
  readonly address: string;
}

export function throttleKeys(email: string, address: string): ThrottleKeys {
  return { account: `account:${email}`, address: `address:${address}` };
}

/**
 * Locks both rows for the rest of the transaction (FOR UPDATE), so parallel guesses at one
 * account are taken one at a time, and answers the seconds to wait (0: go ahead).
 */
export async function lockAndCheckThrottle(
  tx: Queryable,
  keys: ThrottleKeys,
  now: Date,
): Promise<number> {
  await tx.query(
    `INSERT INTO console_sign_in_throttle (key) VALUES ($1), ($2) ON CONFLICT (key) DO NOTHING`,
    [keys.account, keys.address],
  );
  const { rows } = await tx.query<{ blocked_until: Date | null }>(
    `SELECT blocked_until FROM console_sign_in_throttle WHERE key IN ($1, $2)
     ORDER BY key FOR UPDATE`,
    [keys.account, keys.address],
  );
  let waitMs = 0;
  for (const row of rows) {
    if (row.blocked_until === null) continue;
    waitMs = Math.max(waitMs, new Date(row.blocked_until).getTime() - now.getTime());
  }
  return waitMs <= 0 ? 0 : Math.ceil(waitMs / 1000);
}

/** Counts a failure on both keys and sets the next wait; returns the account's wait in seconds. */
export async function recordFailure(tx: Queryable, keys: ThrottleKeys, now: Date): Promise<number> {
  const forgetBefore = new Date(now.getTime() - throttlePolicy.forgetAfterMs).toISOString();
  let accountWait = 0;
  for (const [key, free] of [
    [keys.account, 0],
    [keys.address, throttlePolicy.addressFreeFailures],
  ] as const) {
    const { rows } = await tx.query<{ failures: number }>(
      `UPDATE console_sign_in_throttle
       SET failures = CASE WHEN last_failure_at < $3 THEN 1 ELSE failures + 1 END,
           last_failure_at = $2
       WHERE key = $1 RETURNING failures`,
      [key, now.toISOString(), forgetBefore],
    );
    const failures = rows[0]?.failures ?? 1;
    const over = failures - free;
    const seconds =
      over <= 0 ? 0 : Math.min(throttlePolicy.maxDelaySeconds, 2 ** Math.min(over - 1, 30));
    await tx.query('UPDATE console_sign_in_throttle SET blocked_until = $2 WHERE key = $1', [
      key,
      seconds === 0 ? null : new Date(now.getTime() + seconds * 1000).toISOString(),
    ]);
    if (key === keys.account) accountWait = seconds;
  }
  return accountWait;
}

export async function clearThrottle(tx: Queryable, keys: ThrottleKeys): Promise<void> {
  await tx.query('DELETE FROM console_sign_in_throttle WHERE key IN ($1, $2)', [
    keys.account,
    keys.address,
  ]);
}

/** A reset password opens the account again at once. */
export async function clearAccountThrottle(tx: Queryable, email: string): Promise<void> {
  await tx.query('DELETE FROM console_sign_in_throttle WHERE key = $1', [`account:${email}`]);
}

/**
 * Wrong invitation and reset codes, per address: the first `addressFreeFailures` are free (a
 * mistyped code), then each further one doubles the wait before the next code is looked at.
 * A code has 60 random bits, so this only keeps a guesser from loading the server.
 */
export async function codeAttemptWait(db: Queryable, address: string, now: Date): Promise<number> {
  const { rows } = await db.query<{ blocked_until: Date | null }>(
    'SELECT blocked_until FROM console_sign_in_throttle WHERE key = $1',
    [`codes:${address}`],
  );
  const until = rows[0]?.blocked_until;
  if (until === undefined || until === null) return 0;
  const waitMs = new Date(until).getTime() - now.getTime();
  return waitMs <= 0 ? 0 : Math.ceil(waitMs / 1000);
}

export async function recordCodeFailure(db: Queryable, address: string, now: Date): Promise<void> {
  const key = `codes:${address}`;
  const forgetBefore = new Date(now.getTime() - throttlePolicy.forgetAfterMs).toISOString();
  const { rows } = await db.query<{ failures: number }>(
    `INSERT INTO console_sign_in_throttle (key, failures, last_failure_at) VALUES ($1, 1, $2)
     ON CONFLICT (key) DO UPDATE SET
       failures = CASE WHEN console_sign_in_throttle.last_failure_at < $3 THEN 1
                       ELSE console_sign_in_throttle.failures + 1 END,
       last_failure_at = $2
     RETURNING failures`,
    [key, now.toISOString(), forgetBefore],
  );
  const over = (rows[0]?.failures ?? 1) - throttlePolicy.addressFreeFailures;
  if (over <= 0) return;
  const seconds = Math.min(throttlePolicy.maxDelaySeconds, 2 ** Math.min(over - 1, 30));
  await db.query('UPDATE console_sign_in_throttle SET blocked_until = $2 WHERE key = $1', [
    key,
    new Date(now.getTime() + seconds * 1000).toISOString(),
  ]);
}
