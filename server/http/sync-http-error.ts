import type { SyncErrorBody, SyncErrorCode } from '../../shared/sync/protocol.ts';

/** A refusal with its HTTP status and the wire body (SyncErrorBodySchema) the client receives. */
export class SyncHttpError extends Error {
  readonly statusCode: number;
  readonly body: SyncErrorBody;

  constructor(
    statusCode: number,
    error: SyncErrorCode,
    message: string,
    extra: Omit<SyncErrorBody, 'error' | 'message'> = {},
  ) {
    super(message);
    this.statusCode = statusCode;
    this.body = { error, message, ...extra };
  }
}
