import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Campaign } from '../../../shared/domain/campaign.ts';
import type { Location } from '../../../shared/domain/location.ts';
import type { DrillKey, Measures } from '../../../shared/measures/measure-results.ts';
import { api } from '../../api.ts';
import { useErrorText } from '../../components/ErrorMessage.tsx';
import { HistoricCountsSection } from './HistoricCountsSection.tsx';
import {
  drillHref,
  filterFromQuery,
  filterToQuery,
  measureFilterOf,
  queryOfHash,
  type DashboardFilter,
} from './dashboard-filter.ts';
import { DashboardFilterBar } from './DashboardFilterBar.tsx';
import { DashboardMap } from './DashboardMap.tsx';
import { useDimensionText } from './dimension-text.ts';
import { FigureContext } from './figure-context.ts';
import { InflowSection } from './InflowSection.tsx';
import { OutflowSection } from './OutflowSection.tsx';
import { RoadmapSection } from './RoadmapSection.tsx';
import { SdgSection } from './SdgSection.tsx';
import { StorageSection } from './StorageSection.tsx';
import './dashboard.css';
import { jurisdictionChoices } from './jurisdiction-choices.ts';

/** The figures last computed, for the filter they were computed for (its address query). */
type Loaded =
  | { readonly state: 'ready'; readonly key: string; readonly measures: Measures }
  | { readonly state: 'failed'; readonly key: string; readonly error: unknown };

/**
 * The figures of salw-domain.md (b), K1-K16 and SDG 16.4.2, grouped by the questions a national
 * coordinator asks, for the filter in the address. Every figure opens its records.
 */
export function DashboardOverview() {
  const { t } = useTranslation('reports');
  const { t: tApp } = useTranslation();
  const errorText = useErrorText();
  const [filter, setFilter] = useState<DashboardFilter>(() =>
    filterFromQuery(queryOfHash(window.location.hash)),
  );
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const filterKey = filterToQuery(filter).toString();
  const [campaigns, setCampaigns] = useState<readonly Campaign[]>([]);
  const [locations, setLocations] = useState<readonly Location[]>([]);

  useEffect(() => {
    void api()
      .listCampaigns()
      .then(setCampaigns, () => setCampaigns([]));
    void api()
      .listLocations()
      .then(setLocations, () => setLocations([]));
  }, []);

  useEffect(() => {
    let current = true;
    const key = filterToQuery(filter).toString();
    api()
      .getMeasures(measureFilterOf(filter))
      .then(
        (measures) => current && setLoaded({ state: 'ready', key, measures }),
        (error: unknown) => current && setLoaded({ state: 'failed', key, error }),
      );
    return () => {
      current = false;
    };
  }, [filter]);

  // The filter lives in the address, replaced rather than pushed: Back leaves the Dashboard (or
  // returns to it from a figure's records) instead of stepping through every change.
  const change = useCallback((next: DashboardFilter) => {
    setFilter(next);
    const query = filterToQuery(next).toString();
    window.history.replaceState(null, '', `#/dashboard/?${query}`);
  }, []);

  const campaignNames = useMemo(
    () => new Map(campaigns.map((campaign) => [campaign.id, campaign.name])),
    [campaigns],
  );
  const dimensionText = useDimensionText(campaignNames);
  const jurisdictions = useMemo(
    () => jurisdictionChoices(locations, campaigns, filter.jurisdiction),
    [locations, campaigns, filter.jurisdiction],
  );
  const context = useMemo(
    () => ({ dimensionText, href: (drill: DrillKey) => drillHref(filter, drill) }),
    [filter, dimensionText],
  );

  const title = tApp('dashboard.title');
  // The figures shown stay up while the next ones are computed; they are marked as busy.
  const pending = loaded === null || loaded.key !== filterKey;
  const sections = [
    ['dashboard-inflow', t('dashboard.inflow')],
    ['dashboard-outflow', t('dashboard.outflow')],
    ['dashboard-storage', t('dashboard.storage')],
    ['dashboard-sdg', t('dashboard.sdg')],
    ['dashboard-map', t('dashboard.map')],
    ['dashboard-roadmap', t('dashboard.roadmap')],
  ] as const;

  return (
    <section aria-labelledby="dashboard-title" className="stack dashboard">
      <h1 id="dashboard-title">{title}</h1>
      <DashboardFilterBar
        filter={filter}
        onChange={change}
        campaigns={campaigns}
        jurisdictions={jurisdictions}
        draftsLeftOut={!pending && loaded?.state === 'ready' ? loaded.measures.draftsLeftOut : null}
      />
      <nav aria-label={t('dashboard.contents')} className="dashboard-contents">
        <ul>
          {sections.map(([id, name]) => (
            <li key={id}>
              <a
                href={`#${id}`}
                onClick={(event) => {
                  // The address holds the route and the filter, so the jump is made by hand.
                  event.preventDefault();
                  const target = document.getElementById(id);
                  target?.scrollIntoView();
                  target?.focus({ preventScroll: true });
                }}
              >
                {name}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <p className="field__hint">{t('dashboard.opensRecords')}</p>
      <p role="status" className="dashboard-busy">
        {pending ? t('dashboard.loading') : ''}
      </p>
      {loaded?.state === 'failed' && (
        <p className="notice notice--error" role="alert">
          {errorText(loaded.error)}
        </p>
      )}
      {loaded?.state === 'ready' && (
        <FigureContext.Provider value={context}>
          <div className="stack" aria-busy={pending} data-testid="dashboard-figures">
            <InflowSection measures={loaded.measures} />
            <OutflowSection measures={loaded.measures} />
            <StorageSection measures={loaded.measures} />
            <SdgSection measures={loaded.measures} />
          </div>
        </FigureContext.Provider>
      )}
      <DashboardMap filter={measureFilterOf(filter)} />
      <RoadmapSection />
      <HistoricCountsSection />
    </section>
  );
}
