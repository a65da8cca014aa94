import { useTranslation } from 'react-i18next';
import {
  destructionHref,
  incidentHref,
  stockCheckHref,
  useCustodyLocation,
} from './custody-location.ts';
import { useCustodyRights } from './use-custody-rights.ts';

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

/** What the signed-in person may start from a list: each kind of custody record their role may. */
export function CustodyActions() {
  const { t } = useTranslation('custody');
  const rights = useCustodyRights();
  return (
    <div className="custody-actions">
      {rights.transfer && (
        <a className="button button--primary" href="#/custody/transfer/new">
          {t('actions.newTransfer')}
        </a>
      )}
      {rights.decide && (
        <a className="button" href="#/custody/decision/new">
          {t('actions.newDecision')}
        </a>
      )}
      {rights.stockCheck && (
        <a className="button" href={stockCheckHref()}>
          {t('actions.newStockCheck')}
        </a>
      )}
      {rights.incident && (
        <a className="button" href={incidentHref()}>
          {t('actions.newIncident')}
        </a>
      )}
      {rights.destroy && (
        <a className="button" href={destructionHref()}>
          {t('actions.newDestruction')}
        </a>
      )}
    </div>
  );
}
