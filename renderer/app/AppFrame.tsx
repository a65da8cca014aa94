import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSelect } from '../components/LanguageSelect.tsx';
import { routes, type Route } from './routes.ts';
import { SignedInPerson } from './SignedInPerson.tsx';
import { ReviewTasksNavBadge } from './ReviewTasksNavBadge.tsx';
import { SyncNavBadge } from './SyncNavBadge.tsx';
import { useFocusAfterNavigation } from './use-focus-after-navigation.ts';

/**
 * The frame around every area: skip link, navigation, who is signed in with the Lock button,
 * language switcher, main landmark.
 */
export function AppFrame({ route, children }: { route: Route; children: ReactNode }) {
  const { t } = useTranslation();
  useFocusAfterNavigation();

  useEffect(() => {
    document.title = `${t(`nav.${route}`)} · ${t('app.name')}`;
  }, [route, t]);

  return (
    <div className="frame">
      <a className="skip-link" href="#main-content">
        {t('app.skipToContent')}
      </a>
      <header className="frame__sidebar">
        <div className="brand">
          <img className="brand__mark" src="./favicon.svg" alt="" width="32" height="32" />
          <div>
            <p className="brand__name">{t('app.name')}</p>
            <p className="brand__tagline">{t('app.tagline')}</p>
          </div>
        </div>
        <nav aria-label={t('nav.label')}>
          <ul className="nav">
            {routes.map((name) => (
              <li key={name}>
                <a
                  className="nav__link"
                  href={`#/${name}`}
                  aria-current={name === route ? 'page' : undefined}
                >
                  {t(`nav.${name}`)}
                  {name === 'records' && <ReviewTasksNavBadge />}
                  {name === 'sync' && <SyncNavBadge />}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="frame__footer">
          <SignedInPerson />
          <LanguageSelect className="frame__language field" />
        </div>
      </header>
      <main id="main-content" className="frame__main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
