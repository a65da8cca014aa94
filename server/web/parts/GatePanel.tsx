import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../app/LanguageSwitch.tsx';

/** The frame of the pages for people not signed in: name, language, one panel. */
export function GatePanel({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
  return (
    <div className="gate">
      <header className="gate__header">
        <p className="brand__name">{t('app.name')}</p>
        <LanguageSwitch className="gate__language field" />
      </header>
      <main className="gate__main">
        <section className="gate__panel">
          <h1>{title}</h1>
          {children}
        </section>
      </main>
    </div>
  );
}
