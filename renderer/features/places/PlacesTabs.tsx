import { useTranslation } from 'react-i18next';
import { useHashSubpath } from '../../app/use-hash-route.ts';

const tabs = ['locations', 'campaigns'] as const;

/** The area's two lists; the current one is marked for the eye and for a screen reader. */
export function PlacesTabs() {
  const { t } = useTranslation('places');
  const [list] = useHashSubpath();
  const current = list === 'campaigns' ? 'campaigns' : 'locations';
  return (
    <nav aria-label={t('tabs.label')}>
      <ul className="places-tabs">
        {tabs.map((tab) => (
          <li key={tab}>
            <a href={`#/places/${tab}`} aria-current={tab === current ? 'page' : undefined}>
              {t(`tabs.${tab}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
