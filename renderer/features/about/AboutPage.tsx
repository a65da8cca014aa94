import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../../shared/app/app-info.ts';
import { api } from '../../api.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';

/** Version, data folder and platform, read from the running host through a real IPC call. */
export function AboutPage() {
  const { t } = useTranslation();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    api().getAppInfo().then(setInfo, setError);
  }, []);

  return (
    <section aria-labelledby="about-title">
      <h1 id="about-title">{t('about.title')}</h1>
      <p>{t('about.description')}</p>
      {error !== null && <ErrorMessage error={error} />}
      {info === null && error === null && <p aria-live="polite">{t('app.loading')}</p>}
      {info !== null && (
        <dl className="facts">
          <dt>{t('about.version')}</dt>
          <dd data-testid="about-version">{info.version}</dd>
          <dt>{t('about.dataDirectory')}</dt>
          <dd data-testid="about-data-directory">
            <code>{info.dataDirectory}</code>
          </dd>
          <dt>{t('about.platform')}</dt>
          <dd data-testid="about-platform">{`${info.platform} (${info.arch})`}</dd>
          <dt>{t('about.runtime')}</dt>
          <dd data-testid="about-runtime">
            {info.runtime.kind === 'electron'
              ? t('about.runtimeElectron', info.runtime)
              : t('about.runtimePreview', info.runtime)}
          </dd>
        </dl>
      )}
    </section>
  );
}
