import { z } from 'zod';

/**
 * Typed error codes every IPC and bridge call can fail with. The renderer branches on the code;
 * the message is for people and never carries a stack trace or internal detail.
 * UNAUTHORIZED: the preview bridge's per-run token is missing or wrong.
 * UNAVAILABLE: the host could not be reached at all (the preview was stopped).
 */
export const ipcErrorCodes = [
  'VALIDATION_ERROR',
  'NOT_FOUND',
  'FORBIDDEN',
  'UNAUTHORIZED',
  'UNAVAILABLE',
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

  constructor(failure: IpcFailure) {
    super(failure.message);
    this.name = 'IpcError';
    this.code = failure.code;
    this.issues = failure.issues ?? [];
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
