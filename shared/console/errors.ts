import { z } from 'zod';

/** Every refusal of the console API, by what the person can do about it. */
export const consoleErrorCodes = [
  'VALIDATION_ERROR',
  /** Not signed in, or the session ended (expired, signed out, account disabled). */
  'NOT_SIGNED_IN',
  /** Signed in, but the role does not allow it. */
  'FORBIDDEN',
  /** A state-changing request without the session's CSRF token, or from another origin. */
  'CSRF_REJECTED',
  /** The e-mail address and password do not match an active account. */
  'SIGN_IN_FAILED',
  /** Too many failed sign-ins: `retryAfterSeconds` says how long to wait. */
  'SIGN_IN_DELAYED',
  /** An invitation or reset code nobody issued, or already used. */
  'CODE_INVALID',
  /** The code was issued but its 30 minutes are over. */
  'CODE_EXPIRED',
  /** The password lacks what `problems` lists. */
  'WEAK_PASSWORD',
  /** That e-mail address already has an account. */
  'ACCOUNT_EXISTS',
  /** The last active administrator cannot lose the role or be disabled. */
  'LAST_ADMINISTRATOR',
  'NOT_FOUND',
  /** A team id no team has (enrolling into a team, a report or export for a team's scope). */
  'UNKNOWN_TEAM',
  'RATE_LIMITED',
  /** The SMTP server the administrator configured did not take the mail. */
  'MAIL_FAILED',
  'INTERNAL',
] as const;
export const ConsoleErrorCodeSchema = z.enum(consoleErrorCodes);
export type ConsoleErrorCode = z.infer<typeof ConsoleErrorCodeSchema>;

export const ConsoleErrorBodySchema = z.object({
  error: ConsoleErrorCodeSchema,
  /** English, for logs and scripts; the console shows its own words for `error`. */
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  retryAfterSeconds: z.number().int().min(0).optional(),
  /** With WEAK_PASSWORD: every requirement still missing (shared/domain/people.ts). */
  problems: z.array(z.string()).optional(),
});
export type ConsoleErrorBody = z.infer<typeof ConsoleErrorBodySchema>;
