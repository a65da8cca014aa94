import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSelect } from '../../components/LanguageSelect.tsx';

/**
 * The page around the set-up and unlock screens: the app's name and the language switcher (a
 * person may need Serbian before they can unlock), then one panel of content.
 */
export function GateLayout({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();

  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);

  return (
    <div className="gate">
      <header className="gate__header">
        <div className="brand">
          <img className="brand__mark" src="./favicon.svg" alt="" width="32" height="32" />
          <div>
            <p className="brand__name">{t('app.name')}</p>
            <p className="brand__tagline">{t('app.tagline')}</p>
          </div>
        </div>
        <LanguageSelect className="gate__language field" />
      </header>
      <main className="gate__main">
        <div className="gate__panel">{children}</div>
      </main>
    </div>
  );
}
