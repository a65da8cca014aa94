import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import type { ConsolePage } from './pages.ts';
import { useConsoleSession } from './session-context.ts';

/** The signed-in frame: skip link, the pages this role may use, who is signed in, language. */
export function ConsoleFrame({
  pages,
  current,
  children,
}: {
  pages: readonly ConsolePage[];
  current: ConsolePage | null;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { session, signOut } = useConsoleSession();
  const main = useRef<HTMLElement>(null);
  const title = current === null ? t('notFound.title') : t(`nav.${current.navKey}`);
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
    // After navigating, keyboard and screen-reader users start at the new page's content.
    main.current?.focus();
  }, [title, t]);
  return (
    <div className="frame">
      <a className="skip-link" href="#main-content">
        {t('app.skipToContent')}
      </a>
      <header className="frame__sidebar">
        <div className="brand">
          <div>
            <p className="brand__name">{t('app.name')}</p>
            <p className="brand__tagline">{t('app.tagline')}</p>
          </div>
        </div>
        <nav aria-label={t('nav.label')}>
          <ul className="nav">
            {pages.map((page) => (
              <li key={page.path}>
                <a
                  className="nav__link"
                  href={`#/${page.path}`}
                  aria-current={page === current ? 'page' : undefined}
                >
                  {t(`nav.${page.navKey}`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="frame__footer">
          <p className="console-signed-in">
            {t('session.signedInAs', {
              name: session.account.name,
              role: t(`role.${session.account.role}`),
            })}
          </p>
          <button type="button" className="button" onClick={() => void signOut()}>
            {t('session.signOut')}
          </button>
          <LanguageSwitch className="frame__language field" />
        </div>
      </header>
      <main id="main-content" className="frame__main" tabIndex={-1} ref={main}>
        {children}
      </main>
    </div>
  );
}
