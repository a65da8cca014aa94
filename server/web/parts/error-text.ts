import type { TFunction } from 'i18next';
import { ConsoleErrorCodeSchema } from '../../../shared/console/errors.ts';
import { PassphraseProblemSchema } from '../../../shared/domain/people.ts';
import { ConsoleApiError } from '../api-client.ts';

const fieldMessages = ['emailInvalid', 'nameRequired', 'codeMalformed'] as const;

/** What went wrong, in the person's words: never the server's English, never a stack trace. */
export function errorText(t: TFunction, error: unknown): string {
  if (!(error instanceof ConsoleApiError)) return t('errors.INTERNAL');
  const { body } = error;
  const code = ConsoleErrorCodeSchema.parse(body.error);
  if (code === 'SIGN_IN_DELAYED' && body.retryAfterSeconds !== undefined) {
    return t('signIn.wait', { count: body.retryAfterSeconds });
  }
  if (code === 'SIGN_IN_FAILED' && body.retryAfterSeconds !== undefined) {
    return t('signIn.failedWait', { count: body.retryAfterSeconds });
  }
  if (code === 'WEAK_PASSWORD' && body.problems !== undefined) {
    const missing = body.problems
      .map((problem) => PassphraseProblemSchema.safeParse(problem))
      .filter((parsed) => parsed.success)
      .map((parsed) => t(`password.${parsed.data}`));
    return t('password.weak', { missing: missing.join(', ') });
  }
  if (code === 'VALIDATION_ERROR') {
    const known = (body.issues ?? [])
      .map((issue) => fieldMessages.find((message) => message === issue.message))
      .filter((message) => message !== undefined);
    if (known.length > 0) return [...new Set(known)].map((key) => t(`errors.${key}`)).join(' ');
  }
  return t(`errors.${code}`);
}
