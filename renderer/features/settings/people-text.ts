import { useTranslation } from 'react-i18next';
import { IpcError } from '../../../shared/ipc/errors.ts';
import { useErrorText } from '../../components/ErrorMessage.tsx';

/** The reasons main gives (as an issue's message key) when it refuses a change to people. */
const refusalKeys = [
  'lastAdministrator',
  'cannotRemoveYourself',
  'notAdministrator',
  'roleSetByCentre',
] as const;
type RefusalKey = (typeof refusalKeys)[number];

function isRefusalKey(key: string): key is RefusalKey {
  return (refusalKeys as readonly string[]).includes(key);
}

/**
 * A failed change to people in the person's words. Main refuses with FORBIDDEN and, for the
 * last-administrator and self-removal rules, a key saying why; a FORBIDDEN without one is the
 * role check (only administrators manage people). Anything else is the general error text.
 */
export function usePeopleFailureText(): (error: unknown, name: string) => string {
  const { t } = useTranslation('session');
  const errorText = useErrorText();
  return (error, name) => {
    if (!(error instanceof IpcError) || error.code !== 'FORBIDDEN') return errorText(error);
    const key = error.issues.map((issue) => issue.message).find(isRefusalKey);
    return t(`people.refusals.${key ?? 'notAdministrator'}`, { name });
  };
}
