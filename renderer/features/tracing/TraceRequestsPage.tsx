import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { useSyncGeneration } from '../../app/SyncProvider.tsx';
import { useCountryName } from '../../components/country-names.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { PageTitle } from '../places/PlaceFacts.tsx';
import { useLoaded } from '../places/use-loaded.ts';
import { useFormatters } from '../records/format.ts';
import { makeModelCalibre } from './trace-text.ts';
import { OverdueMark, TraceStatusBadge } from './TraceStatusBadge.tsx';
import { TracingTabs } from './TracingTabs.tsx';

/**
 * `#/tracing` (every request, newest first) and `#/tracing/overdue` (those the other state has not
 * answered within the days set in Settings, the longest waiting first).
 */
export function TraceRequestsPage({ overdueOnly }: { overdueOnly: boolean }) {
  const { t } = useTranslation('tracing');
  const country = useCountryName();
  const format = useFormatters();
  const syncGeneration = useSyncGeneration();
  const load = useCallback(() => {
    // A sync may bring requests made on another laptop: list again after one.
    void syncGeneration;
    return api().listTraceRequests({ overdueOnly, limit: 500 });
  }, [overdueOnly, syncGeneration]);
  const { state } = useLoaded(load);
  const requests = state.kind === 'ready' ? state.value.requests : [];
  const tab = overdueOnly ? 'overdue' : 'all';

  return (
    <section aria-labelledby="place-title" className="records-list">
      <TracingTabs current={tab} />
      <div className="page-head">
        <PageTitle>{overdueOnly ? t('list.overdueTitle') : t('list.title')}</PageTitle>
      </div>
      <p className="places-intro">
        {overdueOnly
          ? state.kind === 'ready'
            ? t('list.overdueIntro', { count: state.value.answerDays })
            : null
          : t('list.intro')}
      </p>
      {state.kind === 'loading' && <p className="field__hint">{t('common.loading')}</p>}
      {state.kind === 'failed' && <ErrorMessage error={state.error} />}
      {state.kind === 'ready' && requests.length === 0 && (
        <EmptyState
          title={overdueOnly ? t('list.overdueEmptyTitle') : t('list.emptyTitle')}
          hint={overdueOnly ? t('list.overdueEmptyHint') : t('list.emptyHint')}
        />
      )}
      {requests.length > 0 && (
        <div className="results">
          <h2 id="trace-count" className="results__count">
            {t('list.count', { count: requests.length })}
          </h2>
          <div className="table-wrap">
            <table className="table trace-table" aria-labelledby="trace-count">
              <thead>
                <tr>
                  <th scope="col">{t('list.columnWeapon')}</th>
                  <th scope="col">{t('list.columnAddressee')}</th>
                  <th scope="col">{t('list.columnChannel')}</th>
                  <th scope="col">{t('list.columnStatus')}</th>
                  <th scope="col">{t('list.columnSentOn')}</th>
                  <th scope="col">{t('list.columnDueOn')}</th>
                </tr>
              </thead>
              <tbody>
                {requests.map((request) => (
                  <tr
                    key={request.id}
                    className={request.overdue ? 'trace-row--overdue' : undefined}
                  >
                    <td>
                      <a href={`#/tracing/${encodeURIComponent(request.id)}`}>
                        <span className="mono">{request.serialNumber ?? t('list.noSerial')}</span>
                      </a>
                      <div className="muted">{makeModelCalibre(request)}</div>
                    </td>
                    <td>
                      {request.addresseeCountry === null ? '' : country(request.addresseeCountry)}
                    </td>
                    <td>{request.channel === null ? '' : t(`channel.${request.channel}`)}</td>
                    <td>
                      <TraceStatusBadge status={request.status} />
                    </td>
                    <td className="nowrap">
                      {request.sentOn === null ? '' : format.date(request.sentOn)}
                    </td>
                    <td>
                      <span className="nowrap">
                        {request.dueOn === null ? '' : format.date(request.dueOn)}
                      </span>
                      {request.overdue && (
                        <div>
                          <OverdueMark />
                        </div>
                      )}
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
