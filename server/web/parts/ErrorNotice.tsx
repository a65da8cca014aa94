import { useTranslation } from 'react-i18next';
import { errorText } from './error-text.ts';

/** A refusal or failure, said plainly and announced to screen readers. */
export function ErrorNotice({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (error === null || error === undefined) return null;
  return (
    <p className="notice notice--error" role="alert">
      {errorText(t, error)}
    </p>
  );
}
