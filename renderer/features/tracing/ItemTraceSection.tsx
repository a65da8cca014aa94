import { useCallback, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ItemView } from '../../../shared/ipc/procedures/items.ts';
import { api } from '../../api.ts';
import { useSyncGeneration } from '../../app/SyncProvider.tsx';
import { useCountryName } from '../../components/country-names.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { useLoaded } from '../places/use-loaded.ts';
import { useFormatters } from '../records/format.ts';
import { TraceStatusBadge } from './TraceStatusBadge.tsx';
import { useTraceRights } from './use-trace-rights.ts';
import './tracing.css';

/**
 * A weapon's trace requests on its page (issue 15), each linked, and the way to start one: for
 * those who may, once the weapon's record is final (main refuses a draft's weapon too).
 */
export function ItemTraceSection({ view }: { view: ItemView }) {
  const { t } = useTranslation('tracing');
  const country = useCountryName();
  const format = useFormatters();
  const rights = useTraceRights();
  const headingId = useId();
  const id = view.item.id;
  const syncGeneration = useSyncGeneration();
  const load = useCallback(() => {
    void syncGeneration;
    return api().listTraceRequests({ itemId: id });
  }, [id, syncGeneration]);
  const { state } = useLoaded(load);
  const final = view.intake.status === 'final';

  return (
    <section className="card item-traces" aria-labelledby={headingId} data-testid="item-traces">
      <h2 id={headingId}>{t('item.heading')}</h2>
      {state.kind === 'loading' && <p className="field__hint">{t('common.loading')}</p>}
      {state.kind === 'failed' && <ErrorMessage error={state.error} />}
      {state.kind === 'ready' &&
        (state.value.requests.length === 0 ? (
          <p className="field__hint">{t('item.none')}</p>
        ) : (
          <ul className="trace-item-list">
            {state.value.requests.map((request) => (
              <li key={request.id}>
                <a href={`#/tracing/${encodeURIComponent(request.id)}`}>
                  {[
                    request.addresseeCountry === null
                      ? t('request.titleFallback')
                      : t('item.to', { country: country(request.addresseeCountry) }),
                    request.sentOn === null
                      ? t('item.notSent')
                      : t('item.sentOn', { date: format.date(request.sentOn) }),
                  ].join(', ')}
                </a>{' '}
                <TraceStatusBadge status={request.status} overdue={request.overdue} />
              </li>
            ))}
          </ul>
        ))}
      {rights.create &&
        (final ? (
          <p className="actions">
            <a className="button" href={`#/tracing/new/${encodeURIComponent(id)}`}>
              {t('item.create')}
            </a>
          </p>
        ) : (
          <p className="field__hint">{t('item.draftRecord')}</p>
        ))}
    </section>
  );
}
