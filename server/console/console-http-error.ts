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

/**
 * A team id no team has (a hand-made request, a server restored from an older backup): refused
 * in words, never taken for the default team or the whole country.
 */
export const unknownTeam = () =>
  new ConsoleHttpError(400, 'UNKNOWN_TEAM', 'There is no team with this id.');
