import { useTranslation } from 'react-i18next';
import { useSettings } from '../../app/SettingsProvider.tsx';

export function SyncPage() {
  const { t } = useTranslation();
  const { settings } = useSettings();
  return (
    <section aria-labelledby="sync-title">
      <h1 id="sync-title">{t('sync.title')}</h1>
      {settings.serverUrl === '' ? (
        <p className="notice">{t('sync.notConfigured')}</p>
      ) : (
        <>
          <p className="notice">{t('sync.configured', { url: settings.serverUrl })}</p>
          <p>{t('sync.notYetAvailable')}</p>
        </>
      )}
    </section>
  );
}
