import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { custodyEntities, type CustodyEntity } from '../../../shared/custody/item-custody.ts';
import type { CustodyRecordSummary } from '../../../shared/ipc/procedures/custody.ts';
import { api } from '../../api.ts';
import { useSyncGeneration } from '../../app/SyncProvider.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { PageTitle } from '../places/PlaceFacts.tsx';
import { useFormatters } from '../records/format.ts';
import { custodyRecordHref } from './custody-location.ts';
import { CustodyActions, CustodyTabs } from './CustodyTabs.tsx';
import { useCustodyRights } from './use-custody-rights.ts';
import { useWhatText } from './what-text.ts';

export const recordsPageSize = 50;
/** The records this list offers to show apart. */
const listedEntities = custodyEntities;
type Entity = CustodyEntity;

/**
 * `#/custody/records`: every transfer and decision, newest first, each opening its sealed
 * record. A corrected record stays listed, marked as corrected.
 */
export function CustodyRecordsPage() {
  const { t } = useTranslation('custody');
  const format = useFormatters();
  const rights = useCustodyRights();
  const [entity, setEntity] = useState<Entity | undefined>(undefined);
  const [offset, setOffset] = useState(0);
  const syncGeneration = useSyncGeneration();
  const [answer, setAnswer] = useState<{
    key: string;
    page: { records: CustodyRecordSummary[]; total: number } | null;
    error: unknown;
  } | null>(null);
  const requestKey = JSON.stringify({ entity, offset, syncGeneration });
  useEffect(() => {
    let live = true;
    api()
      .listCustodyRecords({ entity, limit: recordsPageSize, offset })
      .then(
        (page) => live && setAnswer({ key: requestKey, page, error: null }),
        (error: unknown) => live && setAnswer({ key: requestKey, page: null, error }),
      );
    return () => {
      live = false;
    };
  }, [entity, offset, requestKey]);
  const ids = { entity: useId(), heading: useId() };
  const page = answer?.page ?? null;
  const busy = answer?.key !== requestKey;

  return (
    <section aria-labelledby="place-title" className="records-list custody">
      <CustodyTabs />
      <div className="page-head">
        <PageTitle>{t('records.title')}</PageTitle>
        {(rights.transfer || rights.destroy) && <CustodyActions />}
      </div>
      <p className="places-intro">{t('records.intro')}</p>
      {!rights.transfer && <p className="field__hint">{t('rights.readOnly')}</p>}
      <div className="card filters" role="search" aria-label={t('records.filters')}>
        <div className="filters__grid">
          <div className="field">
            <label htmlFor={ids.entity}>{t('records.show')}</label>
            <select
              id={ids.entity}
              value={entity ?? ''}
              onChange={(event) => {
                setEntity(listedEntities.find((value) => value === event.target.value));
                setOffset(0);
              }}
            >
              <option value="">{t('records.showAll')}</option>
              {listedEntities.map((value) => (
                <option key={value} value={value}>
                  {t(`records.only.${value}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
      </div>
      {answer?.error !== null && answer?.error !== undefined && (
        <ErrorMessage error={answer.error} />
      )}
      {answer === null && <p className="field__hint">{t('common.loading')}</p>}
      {page !== null && page.total === 0 && (
        <EmptyState title={t('records.emptyTitle')} hint={t('records.emptyHint')} />
      )}
      {page !== null && page.total > 0 && (
        <div className="results" aria-busy={busy}>
          <h2 id={ids.heading} className="results__count">
            {page.total > recordsPageSize
              ? t('records.showing', {
                  from: format.number(offset + 1),
                  to: format.number(Math.min(offset + page.records.length, page.total)),
                  total: format.number(page.total),
                })
              : t('records.found', { count: page.total, total: format.number(page.total) })}
          </h2>
          <RecordsTable records={page.records} headingId={ids.heading} />
          {page.total > recordsPageSize && (
            <nav className="pager" aria-label={t('records.pages')}>
              <button
                type="button"
                className="button button--small"
                disabled={offset === 0}
                onClick={() => setOffset(Math.max(0, offset - recordsPageSize))}
              >
                {t('site.previous')}
              </button>
              <button
                type="button"
                className="button button--small"
                disabled={offset + recordsPageSize >= page.total}
                onClick={() => setOffset(offset + recordsPageSize)}
              >
                {t('site.next')}
              </button>
            </nav>
          )}
        </div>
      )}
    </section>
  );
}

function RecordsTable({
  records,
  headingId,
}: {
  records: readonly CustodyRecordSummary[];
  headingId: string;
}) {
  const { t } = useTranslation('custody');
  const format = useFormatters();
  const whatText = useWhatText();
  return (
    <div className="table-wrap">
      <table className="table custody-records" aria-labelledby={headingId}>
        <thead>
          <tr>
            <th scope="col">{t('records.columnWhat')}</th>
            <th scope="col">{t('records.columnWhen')}</th>
            <th scope="col">{t('records.columnFromTo')}</th>
            <th scope="col" className="num">
              {t('records.columnItems')}
            </th>
            <th scope="col">{t('records.columnBy')}</th>
          </tr>
        </thead>
        <tbody>
          {records.map((record) => (
            <tr
              key={record.id}
              className={record.correctedBy === null ? undefined : 'is-corrected'}
            >
              <td>
                <a href={custodyRecordHref(record.id)}>{whatText.of(record.entity, record.what)}</a>
                <br />
                <span className="muted">{t(`entity.${record.entity}`)}</span>
                {record.correctsId !== null && (
                  <span className="badge badge--correction">{t('records.aCorrection')}</span>
                )}
                {record.correctedBy !== null && (
                  <span className="badge badge--corrected">{t('common.corrected')}</span>
                )}
              </td>
              <td>{format.dateTime(record.occurredAt)}</td>
              <td>
                {record.fromHolder === null && record.toHolder === null ? (
                  <span className="muted">–</span>
                ) : (
                  t('records.fromTo', {
                    from: record.fromHolder ?? '–',
                    to: record.toHolder ?? '–',
                  })
                )}
              </td>
              <td className="num">{format.number(record.itemCount)}</td>
              <td>{record.recordedBy.name}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
