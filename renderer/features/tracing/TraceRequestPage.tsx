import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { traceTransitions } from '../../../shared/domain/trace-request.ts';
import type { TraceRequestView } from '../../../shared/ipc/procedures/tracing.ts';
import { api } from '../../api.ts';
import { useCountryName } from '../../components/country-names.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { PageTitle, PlaceFacts, RecordedFacts } from '../places/PlaceFacts.tsx';
import { useLoaded } from '../places/use-loaded.ts';
import { useFormatters } from '../records/format.ts';
import { RecordSyncNotice } from '../sync/RecordSyncNotice.tsx';
import { useWeaponName } from './trace-text.ts';
import { TraceRequestPrint } from './TraceRequestPrint.tsx';
import { OverdueMark, TraceStatusBadge } from './TraceStatusBadge.tsx';
import { useTraceRights } from './use-trace-rights.ts';
import { WeaponFacts } from './WeaponFacts.tsx';

/**
 * `#/tracing/<id>`: one request, its weapon (linked to the weapon's page and its intake record),
 * every field, the dated steps and the answer; with the edit and the next steps its status
 * allows, for those who may change it.
 */
export function TraceRequestPage({ id }: { id: string }) {
  const { t } = useTranslation('tracing');
  const load = useCallback(() => api().getTraceRequest({ id }), [id]);
  const { state } = useLoaded(load);

  if (state.kind !== 'ready') {
    return (
      <section aria-labelledby="place-title" className="records-view">
        <p className="back">
          <a href="#/tracing">{t('request.back')}</a>
        </p>
        <PageTitle>{t('request.titleFallback')}</PageTitle>
        {state.kind === 'loading' ? (
          <p className="field__hint">{t('common.loading')}</p>
        ) : (
          <ErrorMessage error={state.error} />
        )}
      </section>
    );
  }
  return <RequestDetails view={state.value} />;
}

function RequestDetails({ view }: { view: TraceRequestView }) {
  const { t } = useTranslation('tracing');
  const country = useCountryName();
  const format = useFormatters();
  const weaponName = useWeaponName();
  const rights = useTraceRights();
  const { request } = view;
  const href = `#/tracing/${encodeURIComponent(request.id)}`;
  const next = traceTransitions[view.status];
  const text = (value: string | undefined) =>
    value === undefined ? undefined : <span className="trace-text">{value}</span>;

  return (
    <section aria-labelledby="place-title" className="records-view trace-request">
      <p className="back">
        <a href="#/tracing">{t('request.back')}</a>
      </p>
      <div className="page-head">
        <PageTitle>{t('request.title', { weapon: weaponName(request.weapon) })}</PageTitle>
        {rights.update && (
          <a className="button page-head__action" href={`${href}/edit`}>
            {t('common.edit')}
          </a>
        )}
      </div>
      <RecordSyncNotice id={request.id} />
      <div className="trace-status">
        <p>
          <span className="trace-status__label">{t('request.statusLabel')}:</span>{' '}
          <TraceStatusBadge status={view.status} />
        </p>
        {view.dueOn !== null && (
          <p className={view.overdue ? 'trace-due trace-due--overdue' : 'trace-due'}>
            {view.overdue ? (
              <>
                <OverdueMark /> {t('common.overdueSince', { date: format.date(view.dueOn) })}
              </>
            ) : (
              t('common.dueOn', { date: format.date(view.dueOn) })
            )}
          </p>
        )}
        {rights.update && next.length > 0 && (
          <nav aria-label={t('request.actionsLabel')}>
            <ul className="trace-actions">
              {next.map((status) => (
                <li key={status}>
                  <a
                    className={status === next[0] ? 'button button--primary' : 'button'}
                    href={`${href}/step/${status}`}
                  >
                    {t(`step.${status}`)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </div>

      <section className="card" aria-labelledby="trace-weapon">
        <h2 id="trace-weapon">{t('request.sectionWeapon')}</h2>
        <WeaponFacts weapon={request.weapon} />
        <ul className="trace-links">
          <li>
            <a href={`#/items/${encodeURIComponent(request.itemId)}`}>{t('request.openItem')}</a>
          </li>
          <li>
            <a href={`#/records/${encodeURIComponent(request.intakeEventId)}`}>
              {view.recordNumber === null
                ? t('request.openRecordNoNumber')
                : t('request.openRecord', { number: view.recordNumber })}
            </a>
          </li>
        </ul>
      </section>

      <section className="card" aria-labelledby="trace-request">
        <h2 id="trace-request">{t('request.sectionRequest')}</h2>
        <PlaceFacts
          rows={[
            [t('request.requestingAgency'), request.requestingAgency],
            [t('request.caseReference'), request.caseReference],
            [
              t('request.addresseeBasis'),
              request.addresseeBasis === undefined
                ? undefined
                : t(`addresseeBasis.${request.addresseeBasis}`),
            ],
            [
              t('request.addresseeCountry'),
              request.addresseeCountry === undefined
                ? undefined
                : country(request.addresseeCountry),
            ],
            [t('request.addresseeAuthority'), request.addresseeAuthority],
            [
              t('request.channel'),
              request.channel === undefined ? undefined : t(`channel.${request.channel}`),
            ],
            [t('request.theirReference'), request.theirReference],
            [t('request.priority'), t(`priority.${request.priority}`)],
            [t('request.urgencyReason'), text(request.urgencyReason)],
            [t('request.illicitNature'), text(request.illicitNature)],
            [t('request.intendedUse'), text(request.intendedUse)],
          ]}
        />
      </section>

      <section className="card" aria-labelledby="trace-history">
        <h2 id="trace-history">{t('request.sectionHistory')}</h2>
        {request.steps.length === 0 ? (
          <p className="field__hint">{t('request.historyEmpty')}</p>
        ) : (
          <ol className="trace-steps">
            {request.steps.map((step, index) => (
              <li key={`${index}:${step.status}`}>
                <span className="trace-steps__date">{format.date(step.on)}</span>{' '}
                <TraceStatusBadge status={step.status} />
                {step.note !== undefined && <p className="trace-text">{step.note}</p>}
              </li>
            ))}
          </ol>
        )}
      </section>

      {request.answer !== undefined && (
        <section className="card" aria-labelledby="trace-answer">
          <h2 id="trace-answer">{t('request.sectionAnswer')}</h2>
          <PlaceFacts
            rows={[
              [t('request.answerSummary'), text(request.answer.summary)],
              [t('request.answerLastLegalRecord'), text(request.answer.lastLegalRecord)],
              [
                t('request.answerDiversion'),
                request.answer.pointOfDiversionEstablished === undefined
                  ? undefined
                  : request.answer.pointOfDiversionEstablished
                    ? t('common.yes')
                    : t('common.no'),
              ],
            ]}
          />
        </section>
      )}
      <TraceRequestPrint id={request.id} />
      <RecordedFacts view={view} />
    </section>
  );
}
