import { useTranslation } from 'react-i18next';
import { IpcError } from '../../shared/ipc/errors.ts';

/** Turns a failed call into words in the person's language; never shows a stack. */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error) =>
    error instanceof IpcError
      ? t(`errors.${error.code}`, { seconds: error.retryAfterSeconds ?? 0 })
      : t('errors.INTERNAL');
}

export function ErrorMessage({ error }: { error: unknown }) {
  const text = useErrorText();
  return (
    <p className="notice notice--error" role="alert">
      {text(error)}
    </p>
  );
}
