import { z } from 'zod';
import { noInput } from './app.ts';

/**
 * The background check of the database file (electron/store/integrity-check.ts): SQLite's own
 * check of every page, on a thread of its own after unlock.
 */
export const DatabaseCheckStatusSchema = z.discriminatedUnion('state', [
  /** No check since the app started (or since set-up created the file). */
  z.object({ state: z.literal('not_checked') }),
  z.object({ state: z.literal('checking'), since: z.string() }),
  z.object({ state: z.literal('ok'), checkedAt: z.string(), ms: z.number() }),
  /** SQLite's findings (page and table names, never record content), at most a few. */
  z.object({
    state: z.literal('damaged'),
    checkedAt: z.string(),
    problems: z.array(z.string()).readonly(),
  }),
  /** The check itself could not run (the thread did not start, the file was busy…): no verdict. */
  z.object({ state: z.literal('could_not_check'), at: z.string(), reason: z.string() }),
  /** The session locked before the check ended; its result, if any, was dropped. */
  z.object({ state: z.literal('stopped'), at: z.string() }),
]);
export type DatabaseCheckStatus = z.infer<typeof DatabaseCheckStatusSchema>;

/**
 * The audit chain walked from its first entry (electron/store/audit-log.ts). `brokenAt` is the
 * first entry that does not hold: `edited` (its content no longer matches its hash), `missing`
 * (an entry was removed) or `relinked` (it no longer follows the entry before it).
 */
export const AuditVerificationSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), entries: z.number().int().min(0) }),
  z.object({
    ok: z.literal(false),
    entries: z.number().int().min(0),
    brokenAt: z.number().int(),
    reason: z.enum(['edited', 'missing', 'relinked']),
  }),
]);
export type AuditVerification = z.infer<typeof AuditVerificationSchema>;

/**
 * Every sealed custody record's seal checked against its content and its signer's public key:
 * the records whose seal does not hold (changed after sealing, or signed by a key not known here).
 */
export const SealVerificationSchema = z.object({
  checked: z.number().int().min(0),
  broken: z.array(
    z.object({
      id: z.string(),
      entity: z.string(),
      problem: z.enum(['missing', 'unknown_key', 'wrong_signer', 'invalid']),
    }),
  ),
});
export type SealVerification = z.infer<typeof SealVerificationSchema>;

/** The integrity screen: is the evidence on this laptop as the app wrote it? */
export const integrityProcedures = {
  /** The last background check of the database file, as it stands (no new check). */
  getDatabaseCheck: { input: noInput, output: DatabaseCheckStatusSchema },
  /**
   * Checks now: the database file again (or the check already running, awaited), the audit
   * chain and every custody record's seal. Answers once all have ended. Any signed-in person may ask: it reads, never writes.
   */
  checkIntegrity: {
    input: noInput,
    output: z.object({
      database: DatabaseCheckStatusSchema,
      auditChain: AuditVerificationSchema,
      seals: SealVerificationSchema,
    }),
  },
} as const;
