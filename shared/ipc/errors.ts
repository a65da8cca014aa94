import { z } from 'zod';

/**
 * Typed error codes every IPC and bridge call can fail with. The renderer branches on the code;
 * the message is for people and never carries a stack trace or internal detail.
 * UNAUTHORIZED: the preview bridge's per-run token is missing or wrong.
 * UNAVAILABLE: the host could not be reached at all (the preview was stopped).
 * LOCKED: the data is locked (idle timeout or a person locked it); unlock and repeat.
 * WRONG_PASSPHRASE / TOO_MANY_ATTEMPTS: a wrong secret; the latter says how long to wait.
 * CONFLICT: the record changed since it was read (its revision moved on).
 * RECORD_FINAL: a finalised record is evidence; it can be amended, never silently edited.
 * STORAGE_*, DATABASE_DAMAGED, NOT_SALW_DATABASE, WRONG_KEY: the disk or the database refused.
 * DESTINATION_NOT_WRITABLE: a file the person asked for (a PDF, a report) could not be written
 * where they chose (no permission, a read-only or missing drive, the file open elsewhere).
 * SERVER_UNREACHABLE: the sync server did not answer (offline, wrong address, TLS refused).
 * ENROLLMENT_CODE_INVALID: the code is unknown, already used or expired.
 * DEVICE_REVOKED: an administrator revoked this laptop; it can no longer sync.
 * NOT_ENROLLED: sync needs the laptop to be enrolled with a server first.
 * PHOTO_NOT_DOWNLOADED: a photo of another laptop's record is still only on the server.
 * TOO_LARGE: well-formed, but more than main keeps for it (an unsaved backup over its size limit,
 * or more unsaved typing than one person may leave with main).
 */
export const ipcErrorCodes = [
  'VALIDATION_ERROR',
  'NOT_FOUND',
  'FORBIDDEN',
  'UNAUTHORIZED',
  'UNAVAILABLE',
  'LOCKED',
  'WRONG_PASSPHRASE',
  'TOO_MANY_ATTEMPTS',
  'CONFLICT',
  'RECORD_FINAL',
  'STORAGE_FULL',
  'STORAGE_READ_ONLY',
  'DESTINATION_NOT_WRITABLE',
  'DATABASE_DAMAGED',
  'NOT_SALW_DATABASE',
  'WRONG_KEY',
  'SERVER_UNREACHABLE',
  'ENROLLMENT_CODE_INVALID',
  'DEVICE_REVOKED',
  'NOT_ENROLLED',
  'PHOTO_NOT_DOWNLOADED',
  'TOO_LARGE',
  'INTERNAL',
] as const;
export const IpcErrorCodeSchema = z.enum(ipcErrorCodes);
export type IpcErrorCode = z.infer<typeof IpcErrorCodeSchema>;

export const IpcIssueSchema = z.object({
  /** Dotted path of the failing field, '' for the input as a whole. */
  path: z.string(),
  message: z.string(),
  code: z.string(),
});
export type IpcIssue = z.infer<typeof IpcIssueSchema>;

export const IpcFailureSchema = z.object({
  code: IpcErrorCodeSchema,
  message: z.string(),
  issues: z.array(IpcIssueSchema).optional(),
  /** With TOO_MANY_ATTEMPTS (and a WRONG_PASSPHRASE that started a delay): seconds to wait. */
  retryAfterSeconds: z.number().int().min(0).optional(),
});
export type IpcFailure = z.infer<typeof IpcFailureSchema>;

/**
 * Every call resolves to this envelope instead of throwing: Electron's contextBridge and
 * ipcRenderer.invoke drop custom properties of thrown errors, and the HTTP bridge carries JSON only.
 */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcFailure };

export const IpcResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: IpcFailureSchema }),
]);

/** Raised in the renderer when a call fails, so UI code can catch and branch on `code`. */
export class IpcError extends Error {
  readonly code: IpcErrorCode;
  readonly issues: readonly IpcIssue[];
  readonly retryAfterSeconds: number | undefined;

  constructor(failure: IpcFailure) {
    super(failure.message);
    this.name = 'IpcError';
    this.code = failure.code;
    this.issues = failure.issues ?? [];
    this.retryAfterSeconds = failure.retryAfterSeconds;
  }
}

export function unwrapResult<T>(result: IpcResult<T>): T {
  if (result.ok) return result.value;
  throw new IpcError(result.error);
}

/** Turns zod issues into the wire form: a dotted path per failing field, never the input values. */
export function toIpcIssues(issues: readonly z.core.$ZodIssue[]): IpcIssue[] {
  return issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
    code: issue.code,
  }));
}
