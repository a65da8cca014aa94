import { randomUUID } from 'node:crypto';
import type { AccountListEntry, InviteResponse } from '../../shared/console/api.ts';
import type { ConsoleRole } from '../../shared/console/roles.ts';
import { passphraseProblems } from '../../shared/domain/people.ts';
import type { Language } from '../../shared/settings/settings.ts';
import type { Database, Queryable } from '../db/database.ts';
import { isoTime } from '../sync/stored-record.ts';
import { invitationMail, passwordResetMail } from './account-mail.ts';
import { writeAudit, type AuditActor } from './console-audit.ts';
import { ConsoleHttpError } from './console-http-error.ts';
import { codeHash, hashPassword, newConsoleCode, verifyPassword } from './console-secrets.ts';
import { createSession, endSessionsOf, type NewSession } from './console-sessions.ts';
import type { Mailer } from './mailer.ts';
import {
  clearAccountThrottle,
  clearThrottle,
  lockAndCheckThrottle,
  recordFailure,
  throttleKeys,
} from './sign-in-throttle.ts';

/** Every invitation and reset code works once and for this long (issue 17). */
export const consoleCodeMinutes = 30;
/** A second reset mail for the same account within this time is not sent (no mail bombing). */
const resetMailGapMs = 60_000;

export interface AccountsContext {
  readonly db: Database;
  readonly mailer: Mailer;
  /** The console's address as people open it, for the links in mails. */
  readonly consoleUrl: string;
  readonly now: Date;
}

function weakPasswordError(password: string): ConsoleHttpError | null {
  const problems = passphraseProblems(password);
  if (problems.length === 0) return null;
  return new ConsoleHttpError(400, 'WEAK_PASSWORD', 'The password is too weak.', { problems });
}

async function sendOrFail(mailer: Mailer, mail: Parameters<Mailer['send']>[0]): Promise<boolean> {
  try {
    return await mailer.send(mail);
  } catch {
    throw new ConsoleHttpError(
      502,
      'MAIL_FAILED',
      'The mail server did not take the message; check SALW_SMTP_URL and try again.',
    );
  }
}

/**
 * Invites a person (or invites again someone who has not accepted yet, with a new code and role;
 * their earlier codes stop working). The code goes by mail, or to the server's log without SMTP.
 */
export async function inviteAccount(
  context: AccountsContext,
  input: { email: string; role: ConsoleRole; language?: Language | undefined },
  actor: AuditActor,
): Promise<InviteResponse> {
  const { db, now } = context;
  const issued = newConsoleCode();
  const expiresAt = new Date(now.getTime() + consoleCodeMinutes * 60_000);
  await db.transaction(async (tx) => {
    const existing = await tx.query<{ id: string; password_hash: string | null }>(
      'SELECT id, password_hash FROM console_accounts WHERE email = $1 FOR UPDATE',
      [input.email],
    );
    let accountId = existing.rows[0]?.id;
    const accepted = existing.rows[0]?.password_hash;
    if (accepted !== undefined && accepted !== null) {
      throw new ConsoleHttpError(409, 'ACCOUNT_EXISTS', 'That e-mail address has an account.');
    }
    if (accountId === undefined) {
      accountId = randomUUID();
      await tx.query(
        `INSERT INTO console_accounts (id, email, role, invited_at, invited_by)
         VALUES ($1, $2, $3, $4, $5)`,
        [accountId, input.email, input.role, now.toISOString(), actor.accountId],
      );
    } else {
      await tx.query(
        `UPDATE console_accounts SET role = $2, invited_at = $3, invited_by = $4,
           disabled_at = NULL WHERE id = $1`,
        [accountId, input.role, now.toISOString(), actor.accountId],
      );
      await tx.query(
        `UPDATE console_codes SET used_at = $2
         WHERE account_id = $1 AND purpose = 'invitation' AND used_at IS NULL`,
        [accountId, now.toISOString()],
      );
    }
    await tx.query(
      `INSERT INTO console_codes (code_hash, account_id, purpose, created_at, expires_at)
       VALUES ($1, $2, 'invitation', $3, $4)`,
      [issued.hash, accountId, now.toISOString(), expiresAt.toISOString()],
    );
    await writeAudit(tx, actor, 'account.invited', input.email, now, { role: input.role });
  });
  const mailed = await sendOrFail(
    context.mailer,
    invitationMail({
      language: input.language ?? 'en',
      to: input.email,
      consoleUrl: context.consoleUrl,
      code: issued.code,
      expiresAt,
      minutes: consoleCodeMinutes,
      role: input.role,
    }),
  );
  return { email: input.email, role: input.role, expiresAt: expiresAt.toISOString(), mailed };
}

/**
 * Redeems a code of one purpose, locking it: the account it belongs to, or a refusal that says
 * plainly whether the code is unknown or used, or only expired (ask for a new one).
 */
async function redeemCode(
  tx: Queryable,
  code: string,
  purpose: 'invitation' | 'password_reset',
  now: Date,
): Promise<{ accountId: string; email: string }> {
  const { rows } = await tx.query<{
    account_id: string;
    expires_at: Date;
    used_at: Date | null;
    email: string;
    disabled_at: Date | null;
  }>(
    `SELECT c.account_id, c.expires_at, c.used_at, a.email, a.disabled_at
     FROM console_codes c JOIN console_accounts a ON a.id = c.account_id
     WHERE c.code_hash = $1 AND c.purpose = $2 FOR UPDATE OF c`,
    [codeHash(code), purpose],
  );
  const row = rows[0];
  if (row === undefined || row.used_at !== null || row.disabled_at !== null) {
    throw new ConsoleHttpError(400, 'CODE_INVALID', 'This code is not valid or was used.');
  }
  if (new Date(row.expires_at).getTime() <= now.getTime()) {
    throw new ConsoleHttpError(400, 'CODE_EXPIRED', 'This code has expired; ask for a new one.');
  }
  await tx.query('UPDATE console_codes SET used_at = $2 WHERE code_hash = $1', [
    codeHash(code),
    now.toISOString(),
  ]);
  return { accountId: row.account_id, email: row.email };
}

/** Accepting an invitation sets the name and password, verifies the e-mail and signs in. */
export async function acceptInvitation(
  context: Pick<AccountsContext, 'db' | 'now'>,
  input: { code: string; name: string; password: string },
  address: string | null,
): Promise<NewSession> {
  const weak = weakPasswordError(input.password);
  if (weak !== null) throw weak;
  const passwordHash = await hashPassword(input.password);
  const { now } = context;
  return context.db.transaction(async (tx) => {
    const { accountId, email } = await redeemCode(tx, input.code, 'invitation', now);
    await tx.query(
      `UPDATE console_accounts SET name = $2, password_hash = $3, email_verified_at = $4,
         last_sign_in_at = $4 WHERE id = $1`,
      [accountId, input.name, passwordHash, now.toISOString()],
    );
    const actor = { accountId, label: email, address };
    await writeAudit(tx, actor, 'account.invitation_accepted', email, now);
    return createSession(tx, accountId, now, address);
  });
}

/**
 * Sends a reset code when the address has an active account; answers the same either way, so the
 * form tells nobody which addresses have accounts.
 */
export async function requestPasswordReset(
  context: AccountsContext,
  { email, language }: { email: string; language: Language },
  address: string | null,
): Promise<void> {
  const { now } = context;
  const issued = newConsoleCode();
  const expiresAt = new Date(now.getTime() + consoleCodeMinutes * 60_000);
  const send = await context.db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      `SELECT id FROM console_accounts
       WHERE email = $1 AND password_hash IS NOT NULL AND disabled_at IS NULL FOR UPDATE`,
      [email],
    );
    const accountId = rows[0]?.id;
    if (accountId === undefined) return false;
    const recent = await tx.query(
      `SELECT 1 FROM console_codes WHERE account_id = $1 AND purpose = 'password_reset'
         AND created_at > $2`,
      [accountId, new Date(now.getTime() - resetMailGapMs).toISOString()],
    );
    if (recent.rows.length > 0) return false;
    await tx.query(
      `INSERT INTO console_codes (code_hash, account_id, purpose, created_at, expires_at)
       VALUES ($1, $2, 'password_reset', $3, $4)`,
      [issued.hash, accountId, now.toISOString(), expiresAt.toISOString()],
    );
    const actor = { accountId: null, label: null, address };
    await writeAudit(tx, actor, 'account.password_reset_requested', email, now);
    return true;
  });
  if (!send) return;
  await sendOrFail(
    context.mailer,
    passwordResetMail({
      language,
      to: email,
      consoleUrl: context.consoleUrl,
      code: issued.code,
      expiresAt,
      minutes: consoleCodeMinutes,
    }),
  );
}

/** Sets the new password, ends every session of the account and lifts its sign-in delay. */
export async function completePasswordReset(
  context: Pick<AccountsContext, 'db' | 'now'>,
  input: { code: string; password: string },
  address: string | null,
): Promise<void> {
  const weak = weakPasswordError(input.password);
  if (weak !== null) throw weak;
  const passwordHash = await hashPassword(input.password);
  const { now } = context;
  await context.db.transaction(async (tx) => {
    const { accountId, email } = await redeemCode(tx, input.code, 'password_reset', now);
    await tx.query('UPDATE console_accounts SET password_hash = $2 WHERE id = $1', [
      accountId,
      passwordHash,
    ]);
    await endSessionsOf(tx, accountId, now);
    await clearAccountThrottle(tx, email);
    await writeAudit(
      tx,
      { accountId, label: email, address },
      'account.password_reset',
      email,
      now,
    );
  });
}

/**
 * Checks e-mail and password under the growing delays of sign-in-throttle.ts, inside one
 * transaction that holds the throttle rows: a refusal while delayed never looks at the password.
 */
export async function signIn(
  context: Pick<AccountsContext, 'db' | 'now'>,
  input: { email: string; password: string },
  address: string,
): Promise<NewSession> {
  const { now } = context;
  const keys = throttleKeys(input.email, address);
  const outcome = await context.db.transaction(async (tx) => {
    const wait = await lockAndCheckThrottle(tx, keys, now);
    if (wait > 0) return { kind: 'delayed' as const, wait };
    const { rows } = await tx.query<{
      id: string;
      password_hash: string | null;
      disabled_at: Date | null;
    }>('SELECT id, password_hash, disabled_at FROM console_accounts WHERE email = $1', [
      input.email,
    ]);
    const account = rows[0];
    const matches = await verifyPassword(account?.password_hash ?? null, input.password);
    if (account === undefined || !matches || account.disabled_at !== null) {
      const next = await recordFailure(tx, keys, now);
      await writeAudit(
        tx,
        { accountId: null, label: null, address },
        'account.sign_in_failed',
        input.email,
        now,
        { nextWaitSeconds: next },
      );
      return { kind: 'failed' as const, wait: next };
    }
    await clearThrottle(tx, keys);
    await tx.query('UPDATE console_accounts SET last_sign_in_at = $2 WHERE id = $1', [
      account.id,
      now.toISOString(),
    ]);
    await writeAudit(
      tx,
      { accountId: account.id, label: input.email, address },
      'account.signed_in',
      input.email,
      now,
    );
    return { kind: 'ok' as const, session: await createSession(tx, account.id, now, address) };
  });
  if (outcome.kind === 'delayed') {
    throw new ConsoleHttpError(
      429,
      'SIGN_IN_DELAYED',
      `Too many failed sign-ins: wait ${String(outcome.wait)} seconds.`,
      { retryAfterSeconds: outcome.wait },
    );
  }
  if (outcome.kind === 'failed') {
    throw new ConsoleHttpError(
      401,
      'SIGN_IN_FAILED',
      'The e-mail address or the password is wrong.',
      outcome.wait > 0 ? { retryAfterSeconds: outcome.wait } : {},
    );
  }
  return outcome.session;
}

export async function listAccounts(db: Queryable): Promise<AccountListEntry[]> {
  const { rows } = await db.query<{
    id: string;
    email: string;
    name: string;
    role: ConsoleRole;
    password_hash: string | null;
    disabled_at: Date | null;
    invited_at: Date;
    last_sign_in_at: Date | null;
  }>(
    `SELECT id, email, name, role, password_hash, disabled_at, invited_at, last_sign_in_at
     FROM console_accounts ORDER BY email`,
  );
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    status:
      row.disabled_at !== null ? 'disabled' : row.password_hash === null ? 'invited' : 'active',
    invitedAt: isoTime(row.invited_at),
    lastSignInAt: row.last_sign_in_at === null ? null : isoTime(row.last_sign_in_at),
  }));
}

/** Locks the account; refuses when the change would leave no active administrator. */
async function lockAccountKeepingAnAdministrator(
  tx: Queryable,
  accountId: string,
  losesAdministrator: (row: { role: ConsoleRole }) => boolean,
): Promise<{ email: string; role: ConsoleRole; disabled: boolean }> {
  // Every administrator row locked in one order: two admins demoting each other at once cannot
  // both pass the count.
  await tx.query(
    `SELECT id FROM console_accounts WHERE role = 'administrator' ORDER BY id FOR UPDATE`,
  );
  const { rows } = await tx.query<{ email: string; role: ConsoleRole; disabled_at: Date | null }>(
    'SELECT email, role, disabled_at FROM console_accounts WHERE id = $1 FOR UPDATE',
    [accountId],
  );
  const row = rows[0];
  if (row === undefined) throw new ConsoleHttpError(404, 'NOT_FOUND', 'No such account.');
  if (row.role === 'administrator' && row.disabled_at === null && losesAdministrator(row)) {
    const others = await tx.query(
      `SELECT 1 FROM console_accounts WHERE role = 'administrator' AND id <> $1
         AND disabled_at IS NULL AND password_hash IS NOT NULL`,
      [accountId],
    );
    if (others.rows.length === 0) {
      throw new ConsoleHttpError(
        409,
        'LAST_ADMINISTRATOR',
        'This is the last administrator; make someone else administrator first.',
      );
    }
  }
  return { email: row.email, role: row.role, disabled: row.disabled_at !== null };
}

export async function changeRole(
  context: Pick<AccountsContext, 'db' | 'now'>,
  accountId: string,
  role: ConsoleRole,
  actor: AuditActor,
): Promise<void> {
  await context.db.transaction(async (tx) => {
    const before = await lockAccountKeepingAnAdministrator(
      tx,
      accountId,
      () => role !== 'administrator',
    );
    if (before.role === role) return;
    await tx.query('UPDATE console_accounts SET role = $2 WHERE id = $1', [accountId, role]);
    await writeAudit(tx, actor, 'account.role_changed', before.email, context.now, {
      from: before.role,
      to: role,
    });
  });
}

/** Disabling ends the account's sessions at once; enabling lets the person sign in again. */
export async function setDisabled(
  context: Pick<AccountsContext, 'db' | 'now'>,
  accountId: string,
  disabled: boolean,
  actor: AuditActor,
): Promise<void> {
  const { now } = context;
  await context.db.transaction(async (tx) => {
    const before = await lockAccountKeepingAnAdministrator(tx, accountId, () => disabled);
    if (before.disabled === disabled) return;
    await tx.query('UPDATE console_accounts SET disabled_at = $2 WHERE id = $1', [
      accountId,
      disabled ? now.toISOString() : null,
    ]);
    if (disabled) await endSessionsOf(tx, accountId, now);
    await writeAudit(
      tx,
      actor,
      disabled ? 'account.disabled' : 'account.enabled',
      before.email,
      now,
    );
  });
}
