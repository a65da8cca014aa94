import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ageingBuckets, type StorageSiteSummary } from '../../../shared/ipc/procedures/custody.ts';
import { api } from '../../api.ts';
import { useSyncGeneration } from '../../app/SyncProvider.tsx';
import { useEnumLabel } from '../../components/domain-labels.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { PageTitle } from '../places/PlaceFacts.tsx';
import { useLoaded } from '../places/use-loaded.ts';
import { useFormatters } from '../records/format.ts';
import { siteHref } from './custody-location.ts';
import { CustodyActions, CustodyTabs } from './CustodyTabs.tsx';
import { useStandardText } from './MinimumStandard.tsx';
import { useCustodyRights } from './use-custody-rights.ts';

/** What waits for destruction at a site, by how long: only the buckets that hold something. */
export function AwaitingList({ awaiting }: { awaiting: StorageSiteSummary['awaiting'] }) {
  const { t } = useTranslation('custody');
  const format = useFormatters();
  const shown = ageingBuckets.filter((bucket) => (awaiting[bucket] ?? 0) > 0);
  if (shown.length === 0) return <span className="muted">{t('sites.noneAwaiting')}</span>;
  return (
    <ul className="ageing">
      {shown.map((bucket) => (
        <li key={bucket} className={`ageing__bucket ageing__bucket--${bucket}`}>
          {t(`ageing.count.${bucket}`, {
            count: awaiting[bucket] ?? 0,
            n: format.number(awaiting[bucket] ?? 0),
          })}
        </li>
      ))}
    </ul>
  );
}

/**
 * `#/custody` and `#/custody/sites`: storage sites, evidence rooms and destruction sites with what
 * they hold now (derived from intakes and transfers, never typed), how long items have waited
 * for destruction, and whether each meets the minimum standard.
 */
export function SitesPage() {
  const { t } = useTranslation('custody');
  const label = useEnumLabel();
  const typeText = (site: StorageSiteSummary) => label('locationType', site.location.locationType);
  const format = useFormatters();
  const standardText = useStandardText();
  const rights = useCustodyRights();
  const syncGeneration = useSyncGeneration();
  const load = useCallback(() => {
    void syncGeneration;
    return api().listStorageSites();
  }, [syncGeneration]);
  const { state } = useLoaded(load);
  const sites = state.kind === 'ready' ? state.value : [];

  return (
    <section aria-labelledby="place-title" className="records-list custody">
      <CustodyTabs />
      <div className="page-head">
        <PageTitle>{t('sites.title')}</PageTitle>
        {/* A destruction officer starts destructions here too, like the records list offers. */}
        {(rights.transfer || rights.destroy) && <CustodyActions />}
      </div>
      <p className="places-intro">{t('sites.intro')}</p>
      {!rights.transfer && !rights.destroy && <p className="field__hint">{t('rights.readOnly')}</p>}
      {state.kind === 'loading' && <p className="field__hint">{t('common.loading')}</p>}
      {state.kind === 'failed' && <ErrorMessage error={state.error} />}
      {state.kind === 'ready' && sites.length === 0 && (
        <>
          <EmptyState title={t('sites.emptyTitle')} hint={t('sites.emptyHint')} />
          <p>
            <a href="#/places/locations/new?type=storage_site&from=custody">{t('sites.addSite')}</a>
          </p>
        </>
      )}
      {sites.length > 0 && (
        <div className="results">
          <h2 id="sites-count" className="results__count">
            {t('sites.count', { count: sites.length })}
          </h2>
          <div className="table-wrap">
            <table className="table sites-table" aria-labelledby="sites-count">
              <thead>
                <tr>
                  <th scope="col">{t('sites.columnSite')}</th>
                  <th scope="col" className="num">
                    {t('sites.columnItems')}
                  </th>
                  <th scope="col">{t('sites.columnAwaiting')}</th>
                  <th scope="col">{t('sites.columnStandard')}</th>
                </tr>
              </thead>
              <tbody>
                {sites.map((site) => (
                  <tr key={site.location.id}>
                    <td>
                      <a href={siteHref(site.location.id)}>{site.location.name}</a>
                      <br />
                      <span className="muted">{typeText(site)}</span>
                    </td>
                    <td className="num">{format.number(site.items)}</td>
                    <td>
                      <AwaitingList awaiting={site.awaiting} />
                    </td>
                    <td>
                      <span
                        className={
                          site.location.minimumStandard?.meets === false
                            ? 'standard standard--fails'
                            : site.location.minimumStandard === undefined
                              ? 'muted'
                              : 'standard'
                        }
                      >
                        {standardText(site.location.minimumStandard)}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}
