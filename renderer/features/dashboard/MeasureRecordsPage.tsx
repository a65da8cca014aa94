import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeasureRecords } from '../../../shared/measures/measure-results.ts';
import { api } from '../../api.ts';
import { useCountryName } from '../../components/country-names.ts';
import { useErrorText } from '../../components/ErrorMessage.tsx';
import { custodyRecordHref } from '../custody/custody-location.ts';
import { useItemLabels } from '../items/item-labels.ts';
import { useFormatters } from '../records/format.ts';
import {
  drillOfQuery,
  filterFromQuery,
  filterToQuery,
  measureFilterOf,
  periodRange,
  queryOfHash,
} from './dashboard-filter.ts';
import { useDimensionText, useFigureName } from './dimension-text.ts';
import './dashboard.css';

const pageSize = 50;

/** One record behind a figure, as the list shows it. */
interface Row {
  readonly id: string;
  readonly href: string | null;
  readonly name: string;
  readonly what: string;
  /** The intake record an item came in with. */
  readonly record: { readonly number: string; readonly href: string } | null;
  readonly date: string | null;
  readonly place: string | null;
  readonly status: string | null;
}

type LooseT = (key: string, options?: Record<string, unknown>) => string;

/**
 * The records behind one figure (`#/dashboard/records?<filter>&source=k1&s.context=seized`):
 * listMeasureRecords gives their ids, selected by the same definition the figure was counted
 * with, and each is shown with a link to its own page. Items, intake records, custody records or
 * sites, as the measure counts them.
 */
export function MeasureRecordsPage() {
  const { t } = useTranslation('reports');
  const loose = t as unknown as LooseT;
  const custodyT = useTranslation('custody').t as unknown as LooseT;
  const errorText = useErrorText();
  const format = useFormatters();
  const itemLabels = useItemLabels();
  const country = useCountryName();
  // Campaigns by name, in the figure (K12 by campaign) and in the filter, never by their ids.
  const [campaigns, setCampaigns] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    void api()
      .listCampaigns()
      .then((list) => setCampaigns(new Map(list.map((campaign) => [campaign.id, campaign.name]))))
      .catch(() => setCampaigns(new Map()));
  }, []);
  const dimensionText = useDimensionText(campaigns);
  const figureName = useFigureName(dimensionText);
  const hash = window.location.hash;
  const query = queryOfHash(hash);
  const filter = filterFromQuery(query);
  const drill = drillOfQuery(query);
  const [page, setPage] = useState<{ records: MeasureRecords; rows: Row[] } | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [offset, setOffset] = useState(0);

  useEffect(() => {
    if (drill === null) return;
    let current = true;
    const load = async () => {
      const records = await api().listMeasureRecords({
        filter: measureFilterOf(filter),
        drill,
        limit: pageSize,
        offset,
      });
      const rows = await Promise.all(
        records.ids.map(async (id): Promise<Row> => {
          try {
            if (records.entity === 'item') {
              const { item } = await api().getItem({ id });
              return {
                id,
                href: `#/items/${encodeURIComponent(id)}`,
                name: item.serialNumber ?? itemLabels.type(item) ?? itemLabels.kind(item.kind),
                what: [itemLabels.kind(item.kind), itemLabels.type(item), itemLabels.quantity(item)]
                  .filter((part) => part !== null && part !== '')
                  .join(' · '),
                record: {
                  number: item.recordNumber ?? item.intakeEventId.slice(0, 8),
                  href: `#/records/${encodeURIComponent(item.intakeEventId)}`,
                },
                date: item.occurredAt,
                place: item.locationName,
                status: item.recordStatus,
              };
            }
            if (records.entity === 'intake_event') {
              const view = await api().getIntake({ id });
              return {
                id,
                href: `#/records/${encodeURIComponent(id)}`,
                name: view.event.recordNumber ?? id.slice(0, 8),
                what:
                  view.event.context === undefined
                    ? ''
                    : dimensionText('context', view.event.context),
                date: view.event.occurredAt ?? null,
                record: null,
                place: null,
                status: view.status,
              };
            }
            if (records.entity === 'custody_record') {
              const view = await api().getCustodyRecord({ id });
              const at = view.record.date ?? view.record.at ?? view.recordedAt;
              return {
                id,
                href: custodyRecordHref(id),
                name: id.slice(0, 8),
                what: custodyT(`entity.${view.entity}`),
                date: typeof at === 'string' ? at.slice(0, 10) : null,
                record: null,
                place: null,
                status: null,
              };
            }
            const { location } = await api().getLocation({ id });
            return {
              id,
              href: `#/places/locations/${encodeURIComponent(id)}`,
              name: location.name,
              what: dimensionText('locationType', location.locationType),
              date: null,
              record: null,
              place: null,
              status: null,
            };
          } catch {
            return {
              id,
              href: null,
              name: id.slice(0, 8),
              what: t('drill.notFound'),
              date: null,
              record: null,
              place: null,
              status: null,
            };
          }
        }),
      );
      if (current) {
        setPage((previous) =>
          offset > 0 && previous !== null
            ? { records, rows: [...previous.rows, ...rows] }
            : { records, rows },
        );
      }
    };
    load().catch((error: unknown) => current && setFailure(error));
    return () => {
      current = false;
    };
    // The hash holds the filter and the drill; `offset` pages on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [hash, offset]);

  const entityName = (entity: string) => loose(`drill.entity.${entity}`);
  // What else the dashboard was filtered by: the records are those of the filtered figure.
  const limits = useMemo(
    () =>
      [
        filter.jurisdiction === undefined
          ? null
          : `${t('dashboard.jurisdiction')}: ${country(filter.jurisdiction)}`,
        filter.campaignId === undefined
          ? null
          : `${t('dashboard.campaign')}: ${dimensionText('campaignId', filter.campaignId)}`,
        filter.agency === undefined ? null : `${t('dashboard.agency')}: ${filter.agency}`,
        filter.locationType === undefined
          ? null
          : `${t('dashboard.locationType')}: ${dimensionText('locationType', filter.locationType)}`,
        filter.context === undefined
          ? null
          : `${t('dashboard.context')}: ${dimensionText('context', filter.context)}`,
        filter.finalOnly ? null : t('dashboard.draftsCounted'),
      ].filter((limit) => limit !== null),
    // The filter is parsed from the address on every render; the address says when it changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [hash, t, country, dimensionText],
  );
  const draftText = dimensionText('status', 'draft');
  const back = `#/dashboard/?${filterToQuery(filter).toString()}`;
  const range = periodRange(filter.period);
  return (
    <section aria-labelledby="drill-title" className="stack dashboard">
      <p className="back">
        <a href={back}>{t('drill.back')}</a>
      </p>
      <h1 id="drill-title">{t('drill.title')}</h1>
      {drill === null ? (
        <p className="notice notice--error" role="alert">
          {t('drill.invalid')}
        </p>
      ) : (
        <>
          <dl className="facts drill-facts">
            <dt>{t('drill.figure')}</dt>
            <dd data-testid="drill-figure">{figureName(drill)}</dd>
            <dt>{t('drill.period')}</dt>
            <dd>
              {format.date(range.from)} – {format.date(range.to)}
            </dd>
            {limits.length > 0 && (
              <>
                <dt>{t('drill.limitedTo')}</dt>
                <dd data-testid="drill-limits">{limits.join(' · ')}</dd>
              </>
            )}
          </dl>
          {failure !== null && (
            <p className="notice notice--error" role="alert">
              {errorText(failure)}
            </p>
          )}
          {page === null && failure === null && <p role="status">{t('dashboard.loading')}</p>}
          {page !== null && (
            <>
              <p role="status" data-testid="drill-count">
                {entityName(page.records.entity)}: {format.number(page.records.total)}
              </p>
              {page.rows.length === 0 ? (
                <p>{t('drill.none')}</p>
              ) : (
                <div className="table-wrap">
                  <table className="table" data-testid="drill-records">
                    <thead>
                      <tr>
                        <th scope="col">{t('drill.column.record')}</th>
                        <th scope="col">{t('drill.column.what')}</th>
                        <th scope="col">{t('drill.column.intake')}</th>
                        <th scope="col">{t('drill.column.date')}</th>
                        <th scope="col">{t('drill.column.place')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {page.rows.map((row) => (
                        <tr key={row.id}>
                          <td>
                            {row.href === null ? row.name : <a href={row.href}>{row.name}</a>}
                            {row.status === 'draft' && (
                              <>
                                {' '}
                                <span className="badge badge--draft">{draftText}</span>
                              </>
                            )}
                          </td>
                          <td>{row.what}</td>
                          <td>
                            {row.record !== null && (
                              <a href={row.record.href}>{row.record.number}</a>
                            )}
                          </td>
                          <td>{row.date === null ? '' : format.date(row.date)}</td>
                          <td>{row.place ?? ''}</td>
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
    </section>
  );
}
