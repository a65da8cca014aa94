import { useCallback, useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { intakeContextValues } from '../../../shared/domain/enums.ts';
import {
  consoleDataApiPaths,
  OverviewQuerySchema,
  overviewQueryText,
  type OverviewQuery,
} from '../../../shared/console/overview.ts';
import type { MeasureFilter } from '../../../shared/measures/measure-filter.ts';
import { MeasuresSchema, type DrillKey } from '../../../shared/measures/measure-results.ts';
import { useEnumLabel } from '../../../renderer/components/domain-labels.ts';
import { queryOfHash } from '../../../renderer/features/dashboard/dashboard-filter.ts';
import '../../../renderer/features/dashboard/dashboard.css';
import { useDimensionText } from '../../../renderer/features/dashboard/dimension-text.ts';
import { FigureContext } from '../../../renderer/features/dashboard/figure-context.ts';
import { InflowSection } from '../../../renderer/features/dashboard/InflowSection.tsx';
import { OutflowSection } from '../../../renderer/features/dashboard/OutflowSection.tsx';
import { SdgSection } from '../../../renderer/features/dashboard/SdgSection.tsx';
import { StorageSection } from '../../../renderer/features/dashboard/StorageSection.tsx';
import { consoleApi } from '../api-client.ts';
import { useHashSegments } from '../app/use-hash-route.ts';
import { CampaignSelect } from '../../../renderer/components/CampaignSelect.tsx';
import { DateField } from '../../../renderer/components/DateField.tsx';
import { ReviewFilterSelect } from '../../../renderer/components/ReviewFilterSelect.tsx';
import { ErrorNotice } from '../parts/ErrorNotice.tsx';
import { useCampaigns } from '../parts/use-campaigns.ts';
import { useLoad } from '../parts/use-load.ts';
import { FigureRecordsPage } from './FigureRecordsPage.tsx';
import { OverviewMap } from './OverviewMap.tsx';
import { figureRecordsHref, overviewHref, overviewQueryOf } from './overview-address.ts';

/**
 * The overview area: the national figures (`#/home/?from=…`) and the records behind any one of
 * them (`#/home/records?…&source=k1&s.context=seized`), as the laptop's Dashboard area.
 */
export function OverviewPage() {
  const [, page = ''] = useHashSegments();
  // Keyed by the address: another figure's records start again from their first page.
  return page.startsWith('records') ? (
    <FigureRecordsPage key={window.location.hash} />
  ) : (
    <NationalOverview />
  );
}

/**
 * The national overview: every measure of the laptop's Dashboard (K1-K16, SDG 16.4.2), counted
 * on the server by the laptops' own definitions and drawn by the laptop's own sections, for a
 * period, a context and a jurisdiction; the national map under the same filter. Every figure
 * opens the records behind it. Drafts are left out unless asked for, and the page says how many.
 */
function NationalOverview() {
  const { t } = useTranslation();
  const { t: tReports } = useTranslation('reports');
  const enumLabel = useEnumLabel();
  const formId = useId();
  const [query, setQuery] = useState<OverviewQuery>(() =>
    overviewQueryOf(queryOfHash(window.location.hash)),
  );
  const [draft, setDraft] = useState<OverviewQuery>(query);
  const load = useCallback(() => {
    // A filter that does not parse (a hand-edited address) goes as it is: the server refuses
    // it with the field that is wrong, and the page says so.
    const parsed = OverviewQuerySchema.safeParse(query);
    return consoleApi.post(
      consoleDataApiPaths.measures,
      MeasuresSchema,
      parsed.success ? parsed.data : query,
    );
  }, [query]);
  const { data, error } = useLoad(load);
  const pending = data === null || overviewQueryText(query) !== overviewQueryText(queryOf(data));
  // Figures by campaign name each campaign (as the laptop does), not by its id.
  const campaigns = useCampaigns();
  const dimensionText = useDimensionText(campaigns.names);
  // The figures link to the filter they were counted with, which the address holds.
  const figures = useMemo(
    () => ({ dimensionText, href: (drill: DrillKey) => figureRecordsHref(query, drill) }),
    [dimensionText, query],
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setQuery(draft);
    // Replaced, not pushed: Back leaves the overview instead of stepping through filters.
    window.history.replaceState(null, '', overviewHref(draft));
  };
  const field = (name: keyof OverviewQuery) => `${formId}-${name}`;
  const contexts = intakeContextValues.map((value) => [value, enumLabel('intakeContext', value)]);
  const opensRecords = tReports('dashboard.opensRecords');

  return (
    <div className="stack dashboard">
      <h1>{t('overview.title')}</h1>
      <p>{t('overview.intro')}</p>
      <form
        className="console-inline-form console-section"
        onSubmit={submit}
        aria-label={t('overview.filter')}
      >
        <div className="field">
          <label htmlFor={field('from')}>{t('overview.from')}</label>
          <DateField
            id={field('from')}
            required
            value={draft.from}
            onChange={(value) => setDraft({ ...draft, from: value ?? '' })}
          />
        </div>
        <div className="field">
          <label htmlFor={field('to')}>{t('overview.to')}</label>
          <DateField
            id={field('to')}
            required
            value={draft.to}
            onChange={(value) => setDraft({ ...draft, to: value ?? '' })}
          />
        </div>
        <div className="field">
          <label htmlFor={field('context')}>{t('overview.context')}</label>
          <select
            id={field('context')}
            value={draft.context ?? ''}
            onChange={(event) =>
              setDraft({ ...draft, context: event.target.value as OverviewQuery['context'] })
            }
          >
            <option value="">{t('overview.any')}</option>
            {contexts.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <CampaignSelect
          id={field('campaignId')}
          value={draft.campaignId ?? ''}
          campaigns={campaigns.campaigns}
          onChange={(campaignId) => setDraft({ ...draft, campaignId })}
        />
        <ReviewFilterSelect
          id={field('reviewState')}
          value={draft.reviewState === '' ? undefined : draft.reviewState}
          hintWhenChosen
          onChange={(reviewState) => setDraft({ ...draft, reviewState })}
          words={{
            label: t('review.standing'),
            any: t('reports.anyReview'),
            standing: (value) => t(`review.standings.${value}`),
            hint: t('reports.reviewHint'),
          }}
        />
        <div className="field">
          <label htmlFor={field('jurisdiction')}>{t('overview.jurisdiction')}</label>
          <input
            id={field('jurisdiction')}
            type="text"
            aria-describedby={`${field('jurisdiction')}-hint`}
            maxLength={2}
            size={4}
            value={draft.jurisdiction ?? ''}
            onChange={(event) =>
              setDraft({
                ...draft,
                jurisdiction: event.target.value.toUpperCase() as OverviewQuery['jurisdiction'],
              })
            }
          />
          <p className="field__hint" id={`${field('jurisdiction')}-hint`}>
            {t('overview.jurisdictionHint')}
          </p>
        </div>
        <div className="field">
          <label>
            <input
              type="checkbox"
              checked={draft.finalOnly === 'false'}
              onChange={(event) =>
                setDraft({ ...draft, finalOnly: event.target.checked ? 'false' : undefined })
              }
            />{' '}
            {t('overview.draftsIn')}
          </label>
        </div>
        <button type="submit" className="button button--primary">
          {t('overview.apply')}
        </button>
      </form>
      <p role="status">{pending && error === null ? t('overview.loading') : ''}</p>
      <ErrorNotice error={error ?? campaigns.error} />
      {data !== null && (
        <FigureContext.Provider value={figures}>
          <div className="stack" aria-busy={pending} data-testid="overview-figures">
            {data.draftsLeftOut > 0 && (
              <p className="notice">{t('overview.draftsLeftOut', { count: data.draftsLeftOut })}</p>
            )}
            <p className="field__hint">{opensRecords}</p>
            <InflowSection measures={data} />
            <OutflowSection measures={data} />
            <StorageSection measures={data} />
            <SdgSection measures={data} />
            <OverviewMap query={query} />
          </div>
        </FigureContext.Provider>
      )}
    </div>
  );
}

/** The query an answer was computed for (the server echoes its filter). */
function queryOf(measures: { filter: MeasureFilter }): OverviewQuery {
  return {
    from: measures.filter.from,
    to: measures.filter.to,
    context: measures.filter.context,
    jurisdiction: measures.filter.jurisdiction,
    campaignId: measures.filter.campaignId,
    finalOnly: measures.filter.finalOnly ? undefined : 'false',
    reviewState: measures.filter.reviewState,
  };
}
