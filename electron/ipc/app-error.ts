import type { IpcErrorCode, IpcIssue } from '../../shared/ipc/errors.ts';

export type AppErrorCode = Exclude<IpcErrorCode, 'INTERNAL' | 'UNAVAILABLE'>;

/**
 * An error a service raises on purpose, with a code the renderer can act on and a message that is
 * safe to show. Anything else a handler throws becomes INTERNAL and its detail stays in the log.
 */
export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly issues: readonly IpcIssue[];
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: AppErrorCode,
    message: string,
    issues: readonly IpcIssue[] = [],
    retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.issues = issues;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
