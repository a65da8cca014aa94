import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../components/ErrorMessage.tsx';

/** Shown when the app cannot even read its settings (for example, a stale preview link). */
export function StartupFailure({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <main className="startup-failure">
      <h1>{t('app.startFailed')}</h1>
      <ErrorMessage error={error} />
      <button type="button" className="button" onClick={onRetry}>
        {t('app.retry')}
      </button>
    </main>
  );
}
