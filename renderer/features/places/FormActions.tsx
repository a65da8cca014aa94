import { useTranslation } from 'react-i18next';
import type { SaveFailure } from './save-failure.ts';

/** The end of a place or campaign form: what went wrong, save, and the way back. */
export function FormActions({
  failure,
  saveLabel,
  isSubmitting,
  cancelHref,
  latestHref,
}: {
  failure: SaveFailure | null;
  saveLabel: string;
  isSubmitting: boolean;
  cancelHref: string;
  /** Where the latest version is shown, after a CONFLICT. */
  latestHref: string;
}) {
  const { t } = useTranslation('places');
  return (
    <>
      {failure?.kind === 'conflict' && (
        <div className="notice notice--error" role="alert">
          <p>{t('common.conflict')}</p>
          <p>
            <a href={latestHref}>{t('common.reopen')}</a>
          </p>
        </div>
      )}
      {failure?.kind === 'message' && (
        <p className="notice notice--error" role="alert">
          {failure.text}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={isSubmitting}>
          {saveLabel}
        </button>
        <a className="button" href={cancelHref}>
          {t('common.cancel')}
        </a>
      </div>
    </>
  );
}
