import type { ConsoleErrorBody, ConsoleErrorCode } from '../../shared/console/errors.ts';

/** A refusal of the console API: its HTTP status and the body the console shows in its words. */
export class ConsoleHttpError extends Error {
  readonly statusCode: number;
  readonly body: ConsoleErrorBody;

  constructor(
    statusCode: number,
    error: ConsoleErrorCode,
    message: string,
    extra: Omit<ConsoleErrorBody, 'error' | 'message'> = {},
  ) {
    super(message);
    this.statusCode = statusCode;
    this.body = { error, message, ...extra };
  }
}

export const notSignedIn = () =>
  new ConsoleHttpError(401, 'NOT_SIGNED_IN', 'Sign in to the console first.');

export const forbidden = () =>
  new ConsoleHttpError(403, 'FORBIDDEN', 'Your role does not allow this.');
