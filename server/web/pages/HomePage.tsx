import { useTranslation } from 'react-i18next';
import { useConsoleSession } from '../app/session-context.ts';

/** The landing page after sign-in; the national overview (dashboard and map) replaces it. */
export function HomePage() {
  const { t } = useTranslation();
  const { session } = useConsoleSession();
  return (
    <>
      <h1>{t('home.title')}</h1>
      <p>{t('home.welcome', { name: session.account.name })}</p>
      <p>{t('home.intro')}</p>
    </>
  );
}
