import { useTranslation } from 'react-i18next';

const tabs = [
  { name: 'all', href: '#/tracing' },
  { name: 'overdue', href: '#/tracing/overdue' },
] as const;

/** The area's two lists; the current one is marked for the eye and for a screen reader. */
export function TracingTabs({ current }: { current: 'all' | 'overdue' }) {
  const { t } = useTranslation('tracing');
  return (
    <nav aria-label={t('tabs.label')}>
      <ul className="places-tabs">
        {tabs.map((tab) => (
          <li key={tab.name}>
            <a href={tab.href} aria-current={tab.name === current ? 'page' : undefined}>
              {t(`tabs.${tab.name}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
