import { z } from 'zod';
import { RecordIdSchema } from '../../domain/ids.ts';
import { EnrollmentCodeSchema, RejectReasonSchema, SyncEntitySchema } from '../../sync/protocol.ts';
import { noInput } from './app.ts';

/**
 * Sync as the person sees it: is this laptop enrolled, when did it last reach the server, what is
 * still waiting, what went wrong, and what needs a decision. The device credential never crosses
 * IPC (S11): enrollment sends the one-time code in and gets the status back.
 */

/**
 * not_enrolled: no server yet; idle: enrolled, nothing running; syncing: a round is running;
 * offline: the server could not be reached (tested, not guessed); error: the server answered with
 * an error the laptop cannot fix by retrying; revoked: an administrator revoked this laptop.
 */
export const SyncPhaseSchema = z.enum([
  'not_enrolled',
  'idle',
  'syncing',
  'offline',
  'error',
  'revoked',
]);
export type SyncPhase = z.infer<typeof SyncPhaseSchema>;

/** Plain-words error kinds; the renderer turns each into a sentence. */
export const SyncErrorKindSchema = z.enum([
  'unreachable',
  'timeout',
  'revoked',
  'unauthorized',
  'server_error',
  'rate_limited',
  'protocol',
  'storage',
]);
export type SyncErrorKind = z.infer<typeof SyncErrorKindSchema>;

export const SyncStatusSchema = z.object({
  phase: SyncPhaseSchema,
  serverUrl: z.string().nullable(),
  deviceName: z.string().nullable(),
  deviceId: z.string().nullable(),
  /** During a round: what it is doing and how far it got (for the progress bar). */
  progress: z
    .object({
      /** photos: this laptop's uploads; photoDownloads: other laptops' photos coming in. */
      step: z.enum(['push', 'pull', 'photos', 'photoDownloads']),
      done: z.number().int().min(0),
      /** null when the total is not known yet (pull). */
      total: z.number().int().min(0).nullable(),
    })
    .nullable(),
  lastSuccessAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  lastError: z
    .object({ kind: SyncErrorKindSchema, message: z.string(), at: z.string() })
    .nullable(),
  /** When the next automatic attempt is due (backoff), null when none is planned. */
  nextAttemptAt: z.string().nullable(),
  /** Changes saved on this laptop and not yet acknowledged by the server. */
  pendingChanges: z.number().int().min(0),
  /** Records with at least one unsent change. */
  pendingRecords: z.number().int().min(0),
  oldestPendingAt: z.string().nullable(),
  /** Unsent changes older than 24 hours: the laptop is the only copy of them. */
  staleWarning: z.boolean(),
  pendingPhotos: z.number().int().min(0),
  openConflicts: z.number().int().min(0),
  openRejections: z.number().int().min(0),
});
export type SyncStatus = z.infer<typeof SyncStatusSchema>;

/** Where one record stands with the server. */
export const RecordSyncStateSchema = z.enum(['local', 'waiting', 'sent', 'conflict', 'rejected']);
export type RecordSyncState = z.infer<typeof RecordSyncStateSchema>;

export const SyncIssueKindSchema = z.enum(['conflict', 'rejected']);

export const SyncIssueSchema = z.object({
  id: z.number().int().positive(),
  kind: SyncIssueKindSchema,
  entity: SyncEntitySchema,
  entityId: z.string(),
  /** What a person recognises the record by (e.g. its date and place); may be empty. */
  label: z.string(),
  /** rejected: why; conflict: null. */
  reason: RejectReasonSchema.nullable(),
  message: z.string().nullable(),
  /** conflict: each field both sides changed, with both values. */
  fields: z.array(z.object({ field: z.string(), mine: z.unknown(), server: z.unknown() })),
  /** The server holds a final record: keeping one's own values makes an amendment. */
  recordFinal: z.boolean(),
  createdAt: z.string(),
  createdByName: z.string(),
});
export type SyncIssue = z.infer<typeof SyncIssueSchema>;

export const syncProcedures = {
  getSyncStatus: { input: noInput, output: SyncStatusSchema },
  /** Enrolls this laptop with the server using a one-time code from the administrator. */
  enrollDevice: {
    input: z.object({
      serverUrl: z
        .url({ protocol: /^https?$/, error: 'serverUrlInvalid' })
        .max(2048, { error: 'serverUrlTooLong' }),
      code: EnrollmentCodeSchema,
    }),
    output: SyncStatusSchema,
  },
  /** Runs a sync round now (or joins the one running) and returns when it ends. */
  syncNow: { input: noInput, output: SyncStatusSchema },
  listSyncIssues: { input: noInput, output: z.array(SyncIssueSchema) },
  /**
   * Settles a conflict: per field, keep the server's value or send one's own again (as an
   * amendment when the record is final). A rejection is dismissed with `{}` after reading it.
   */
  resolveSyncIssue: {
    input: z.object({
      id: z.number().int().positive(),
      keep: z.record(z.string(), z.enum(['mine', 'server'])),
    }),
    output: z.object({ ok: z.literal(true) }),
  },
  getRecordSyncState: {
    input: z.object({ id: RecordIdSchema }),
    output: z.object({
      state: RecordSyncStateSchema,
      reason: RejectReasonSchema.nullable(),
      message: z.string().nullable(),
    }),
  },
} as const;
