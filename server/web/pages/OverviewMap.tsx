import { useCallback, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  consoleDataApiPaths,
  OverviewQuerySchema,
  overviewQueryText,
  type OverviewQuery,
} from '../../../shared/console/overview.ts';
import { mapPointLimit, MapPointsSchema } from '../../../shared/ipc/procedures/measures.ts';
import { OfflineMap } from '../../../renderer/components/map/OfflineMap.tsx';
import { mapPointsOf } from '../../../renderer/features/dashboard/map-points.ts';
import { consoleApi } from '../api-client.ts';
import { ErrorNotice } from '../parts/ErrorNotice.tsx';
import { useLoad } from '../parts/use-load.ts';
import { numberFormat } from '../../../shared/i18n/formats.ts';

/**
 * The console's page of a map point's record (`#/records/<id>`). That page shows any record the
 * server holds: an intake record with its items, a destruction record with its seal, and a site
 * (a location record) with its history, so all three layers open it; the console has no page of
 * its own for a site.
 */
const consoleRecordPage = (_entity: string, id: string) => `#/records/${encodeURIComponent(id)}`;

/**
 * The national map under the overview's filter, read as the laptop's Dashboard reads its own
 * (server/measures/map-points-query.ts): the period's intake records where they happened (or at
 * their place), the storage sites and evidence rooms, and the period's destructions at their
 * site. A filter that does not parse shows no map: the figures above already say what is wrong.
 */
export function OverviewMap({ query }: { query: OverviewQuery }) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const text = overviewQueryText(query);
  const parsed = useMemo(() => OverviewQuerySchema.safeParse(query), [query]);
  const load = useCallback(
    async () =>
      parsed.success
        ? {
            text,
            answer: await consoleApi.post(
              consoleDataApiPaths.mapPoints,
              MapPointsSchema,
              parsed.data,
            ),
          }
        : null,
    [parsed, text],
  );
  const { data, error } = useLoad(load);
  const points = useMemo(() => mapPointsOf(data?.answer.points ?? [], consoleRecordPage), [data]);
  if (!parsed.success) return null;
  const pending = data?.text !== text;
  const limit = numberFormat(i18n.language).format(mapPointLimit);

  return (
    <section
      className="card stack"
      aria-labelledby={titleId}
      aria-busy={pending && error === null}
      data-testid="overview-map"
    >
      {/* A heading like the figures' sections above it (the laptop's DashboardSection). */}
      <h2 id={titleId}>{t('overview.map')}</h2>
      <p className="field__hint">{t('overview.mapHint')}</p>
      <ErrorNotice error={error} />
      {error === null && data === null && <p className="field__hint">{t('map.loading')}</p>}
      {error === null && data !== null && (
        <>
          {data.answer.truncated && (
            <p className="notice">{t('overview.mapTruncated', { limit })}</p>
          )}
          {points.length === 0 ? (
            <p className="console-figure__empty">{t('overview.mapNone')}</p>
          ) : (
            // A new filter is a new map: the view fits the points it was given when it opened.
            <OfflineMap key={data.text} label={t('overview.mapLabel')} points={points} />
          )}
        </>
      )}
    </section>
  );
}
