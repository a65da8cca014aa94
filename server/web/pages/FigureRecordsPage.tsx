import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ConsoleMeasureRecordsSchema,
  type ConsoleMeasureRecords,
  type MeasureRecordRow,
} from '../../../shared/console/console-data.ts';
import { consoleDataApiPaths, OverviewQuerySchema } from '../../../shared/console/overview.ts';
import { useCountryName } from '../../../renderer/components/country-names.ts';
import {
  drillOfQuery,
  queryOfHash,
} from '../../../renderer/features/dashboard/dashboard-filter.ts';
import '../../../renderer/features/dashboard/dashboard.css';
import {
  useDimensionText,
  useFigureName,
} from '../../../renderer/features/dashboard/dimension-text.ts';
import { useFormatters } from '../../../renderer/features/records/format.ts';
import { consoleApi } from '../api-client.ts';
import { ErrorNotice } from '../parts/ErrorNotice.tsx';
import { overviewHref, overviewQueryOf } from './overview-address.ts';

const pageSize = 50;

/** Keys built from values at run time, which the typed `t` cannot check. */
type LooseT = (key: string, options?: Record<string, unknown>) => string;

/** The dimension whose labels name an item's type, by its kind. */
const typeDimension: Readonly<Record<string, string>> = {
  weapon: 'weaponType',
  part: 'partType',
  ammunition: 'ammoClass',
  explosive: 'eoType',
};

const noCampaignNames: ReadonlyMap<string, string> = new Map();

/**
 * The records behind one figure of the overview (`#/home/records?<filter>&source=k1&s.kind=…`),
 * selected on the server by the same definition the figure was counted with, each opening the
 * console's page of its record: an item its intake record, a custody record or a site its own.
 * The console's counterpart of the laptop's MeasureRecordsPage, in the same words.
 */
export function FigureRecordsPage() {
  // The laptop's words for the list (`reports`); the console's own for its pages and records.
  const { t } = useTranslation('reports');
  const { t: tConsole } = useTranslation();
  const looseConsole = tConsole as unknown as LooseT;
  const looseReports = t as unknown as LooseT;
  const format = useFormatters();
  const country = useCountryName();
  const dimensionText = useDimensionText(noCampaignNames);
  const hash = window.location.hash;
  const params = queryOfHash(hash);
  const query = overviewQueryOf(params);
  const drill = drillOfQuery(params);
  const [page, setPage] = useState<{ records: ConsoleMeasureRecords; rows: MeasureRecordRow[] }>();
  const [error, setError] = useState<unknown>(null);
  const [offset, setOffset] = useState(0);

  useEffect(() => {
    if (drill === null) return;
    let live = true;
    const parsed = OverviewQuerySchema.safeParse(query);
    consoleApi
      .post(consoleDataApiPaths.measureRecords, ConsoleMeasureRecordsSchema, {
        // As the overview: a filter that does not parse goes as it is, for the server's words.
        filter: parsed.success ? parsed.data : query,
        drill,
        limit: pageSize,
        offset,
      })
      .then(
        (records) => {
          if (!live) return;
          setPage((previous) => ({
            records,
            rows:
              offset > 0 && previous !== undefined
                ? [...previous.rows, ...records.rows]
                : records.rows,
          }));
        },
        (caught: unknown) => live && setError(caught),
      );
    return () => {
      live = false;
    };
    // The address holds the filter and the drill (the page is keyed by it); `offset` pages on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [hash, offset]);

  const figureName = useFigureName(dimensionText);
  const limits = [
    query.jurisdiction ? `${t('dashboard.jurisdiction')}: ${country(query.jurisdiction)}` : null,
    query.campaignId ? `${t('dashboard.campaign')}: ${query.campaignId}` : null,
    query.context ? `${t('dashboard.context')}: ${dimensionText('context', query.context)}` : null,
    query.finalOnly === 'false' ? t('dashboard.draftsCounted') : null,
  ].filter((limit) => limit !== null);

  const what = (entity: ConsoleMeasureRecords['entity'], row: MeasureRecordRow): string => {
    if (row.kind === null) return '';
    if (entity === 'item') {
      const dimension = typeDimension[row.kind];
      return [
        looseReports(`dashboard.kind.${row.kind}`),
        row.type === null || dimension === undefined ? null : dimensionText(dimension, row.type),
        row.serialNumber === null ? null : tConsole('record.serial', { serial: row.serialNumber }),
      ]
        .filter((part) => part !== null)
        .join(' · ');
    }
    if (entity === 'intake_event') return dimensionText('context', row.kind);
    if (entity === 'location') return dimensionText('locationType', row.kind);
    return looseConsole(`record.entities.${row.kind}`, { defaultValue: row.kind });
  };
  const name = (row: MeasureRecordRow) => row.number ?? row.place ?? row.id.slice(0, 8);
  const backText = tConsole('overview.back');
  const draftText = tConsole('register.draft');

  return (
    <div className="stack dashboard">
      <p>
        <a href={overviewHref(query)}>{backText}</a>
      </p>
      <h1>{t('drill.title')}</h1>
      {drill === null ? (
        <p className="notice notice--error" role="alert">
          {t('drill.invalid')}
        </p>
      ) : (
        <>
          <dl className="facts drill-facts">
            <dt>{t('drill.figure')}</dt>
            <dd data-testid="drill-figure">{drill === null ? '' : figureName(drill)}</dd>
            <dt>{t('drill.period')}</dt>
            <dd>
              {format.date(query.from)} – {format.date(query.to)}
            </dd>
            {limits.length > 0 && (
              <>
                <dt>{t('drill.limitedTo')}</dt>
                <dd data-testid="drill-limits">{limits.join(' · ')}</dd>
              </>
            )}
          </dl>
          <ErrorNotice error={error} />
          {page === undefined && error === null && <p role="status">{t('dashboard.loading')}</p>}
          {page !== undefined && (
            <>
              <p role="status" data-testid="drill-count">
                {looseReports(`drill.entity.${page.records.entity}`)}:{' '}
                {format.number(page.records.total)}
              </p>
              {page.rows.length === 0 ? (
                <p>{t('drill.none')}</p>
              ) : (
                <div className="console-table-wrap">
                  <table
                    className="console-table console-figure-records"
                    data-testid="drill-records"
                  >
                    <thead>
                      <tr>
                        <th scope="col">
                          {page.records.entity === 'item'
                            ? t('drill.column.intake')
                            : t('drill.column.record')}
                        </th>
                        <th scope="col">{t('drill.column.what')}</th>
                        <th scope="col">{t('drill.column.date')}</th>
                        <th scope="col">{t('drill.column.place')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {page.rows.map((row) => (
                        <tr key={row.id}>
                          <td>
                            <a href={`#/records/${encodeURIComponent(row.recordId)}`}>
                              {name(row)}
                            </a>
                            {row.status === 'draft' && ` (${draftText})`}
                          </td>
                          <td>{what(page.records.entity, row)}</td>
                          <td>{row.date === null ? '' : format.date(row.date)}</td>
                          <td>{page.records.entity === 'location' ? '' : (row.place ?? '')}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              {page.rows.length < page.records.total && (
                <div className="actions">
                  <button
                    type="button"
                    className="button"
                    onClick={() => setOffset(page.rows.length)}
                  >
                    {t('drill.more')}
                  </button>
                </div>
              )}
            </>
          )}
        </>
      )}
    </div>
  );
}
