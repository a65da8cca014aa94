import { useTranslation } from 'react-i18next';
import { useCustodyLocation } from './custody-location.ts';

const tabs = ['sites', 'records'] as const;

/** The area's two lists; the current one is marked for the eye and for a screen reader. */
export function CustodyTabs() {
  const { t } = useTranslation('custody');
  const [list] = useCustodyLocation().segments;
  const current = list === 'records' ? 'records' : 'sites';
  return (
    <nav aria-label={t('tabs.label')}>
      <ul className="places-tabs">
        {tabs.map((tab) => (
          <li key={tab}>
            <a href={`#/custody/${tab}`} aria-current={tab === current ? 'page' : undefined}>
              {t(`tabs.${tab}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** What the signed-in person may start from a list: a transfer, a decision. */
export function CustodyActions() {
  const { t } = useTranslation('custody');
  return (
    <div className="custody-actions">
      <a className="button button--primary" href="#/custody/transfer/new">
        {t('actions.newTransfer')}
      </a>
      <a className="button" href="#/custody/decision/new">
        {t('actions.newDecision')}
      </a>
    </div>
  );
}
