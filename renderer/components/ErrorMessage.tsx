import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { IpcError } from '../../shared/ipc/errors.ts';

/**
 * Turns a failed call into words in the person's language; never shows a stack. The same
 * function until the language changes, so an effect may depend on it (a new one on every render
 * re-ran the Reports page's load each render, and its answer wiped a save's error at once).
 */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  return useCallback(
    (error: unknown) =>
      error instanceof IpcError
        ? t(`errors.${error.code}`, { seconds: error.retryAfterSeconds ?? 0 })
        : t('errors.INTERNAL'),
    [t],
  );
}

/** A failed action's words beside the button that started it; nothing when it did not fail. */
export function FailureText({ failure }: { failure: string | null }) {
  return failure === null ? null : (
    <span className="field__error" role="alert">
      {failure}
    </span>
  );
}

export function ErrorMessage({ error }: { error: unknown }) {
  const text = useErrorText();
  return (
    <p className="notice notice--error" role="alert">
      {text(error)}
    </p>
  );
}
