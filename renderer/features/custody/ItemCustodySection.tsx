import { useCallback, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ItemCustodyView, TimelineEntry } from '../../../shared/ipc/procedures/custody.ts';
import type { ItemView } from '../../../shared/ipc/procedures/items.ts';
import { api } from '../../api.ts';
import { useSyncGeneration } from '../../app/SyncProvider.tsx';
import { useEnumLabel } from '../../components/domain-labels.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { useItemLabels } from '../items/item-labels.ts';
import { useLoaded } from '../places/use-loaded.ts';
import { custodyRecordHref, decisionHref, siteHref, transferHref } from './custody-location.ts';
import { useWhenText } from './item-text.tsx';
import { useCustodyRights } from './use-custody-rights.ts';
import { useWhatText } from './what-text.ts';
import './custody.css';

/** Statuses after which nothing more is moved or decided (main refuses it anyway). */
const ended: ReadonlySet<string> = new Set(['destroyed', 'lost_stolen']);

/**
 * An item's custody on its page (issue 14): its status, derived from its events, and since when;
 * where it is now and how much of it; any custody conflict, named with its record; and the whole
 * timeline: intake, every transfer, every decision, corrected entries struck and labelled.
 */
export function ItemCustodySection({ view }: { view: ItemView }) {
  const { t } = useTranslation('custody');
  const id = view.item.id;
  const syncGeneration = useSyncGeneration();
  const load = useCallback(() => {
    void syncGeneration;
    return api().getItemCustody({ id });
  }, [id, syncGeneration]);
  const { state } = useLoaded(load);
  const headingId = useId();
  return (
    <section className="card item-custody" aria-labelledby={headingId} data-testid="item-custody">
      <h2 id={headingId}>{t('item.heading')}</h2>
      {state.kind === 'loading' && <p className="field__hint">{t('common.loading')}</p>}
      {state.kind === 'failed' && <ErrorMessage error={state.error} />}
      {state.kind === 'ready' && <CustodyDetails view={view} custody={state.value} />}
    </section>
  );
}

function CustodyDetails({ view, custody }: { view: ItemView; custody: ItemCustodyView }) {
  const { t } = useTranslation('custody');
  const enumLabel = useEnumLabel();
  const labels = useItemLabels();
  const whenText = useWhenText();
  const rights = useCustodyRights();
  const { item } = view;
  const status = enumLabel('lifecycleStatus', custody.status);
  const prefill = { intake: item.intakeEventId, items: [item.id] };
  const open = !ended.has(custody.status) && item.recordStatus === 'final';
  return (
    <>
      <p className="item-custody__status">
        <span
          className={`badge badge--status badge--${custody.status}`}
          data-testid="custody-status"
        >
          {status}
        </span>{' '}
        {custody.statusSince !== null && (
          <span className="muted">{t('item.since', { date: whenText(custody.statusSince) })}</span>
        )}
      </p>
      {custody.conflicts.map((conflict) => (
        <div key={conflict.recordId} className="notice notice--error" role="alert">
          <p>
            <strong>{t('item.conflictTitle')}</strong> {t(`conflict.${conflict.reason}`)}{' '}
            <a href={custodyRecordHref(conflict.recordId)}>{t('item.conflictRecord')}</a>
          </p>
          <p className="field__hint">{t('item.conflictHint')}</p>
        </div>
      ))}
      <h3>{t('item.whereNow')}</h3>
      {custody.holdings.length === 0 ? (
        <p className="field__hint">{t('item.nowhere')}</p>
      ) : (
        <ul className="holdings">
          {custody.holdings.map((holding, index) => (
            <li key={`${holding.locationId ?? ''}:${index}`}>
              {holding.locationId === null ? (
                <span>{holding.locationName ?? t('common.noSite')}</span>
              ) : (
                <a href={siteHref(holding.locationId)}>
                  {holding.locationName ?? t('common.noSite')}
                </a>
              )}
              {holding.holder !== null && <span className="muted"> · {holding.holder}</span>}
              {' · '}
              {labels.quantity({ quantityAmount: holding.amount, quantityUnit: item.quantityUnit })}
            </li>
          ))}
        </ul>
      )}
      {rights.transfer && open && (
        <div className="actions actions--tight">
          <a className="button" href={transferHref(prefill)}>
            {t('item.move')}
          </a>
          <a className="button" href={decisionHref({ ...prefill, decision: 'for_destruction' })}>
            {t('item.markForDestruction')}
          </a>
        </div>
      )}
      <h3>{t('item.timeline')}</h3>
      <ol className="item-timeline custody-timeline" data-testid="custody-timeline">
        {custody.timeline.map((entry, index) => (
          <TimelineLine key={`${entry.type}:${index}`} entry={entry} unit={item.quantityUnit} />
        ))}
      </ol>
    </>
  );
}

function TimelineLine({ entry, unit }: { entry: TimelineEntry; unit: string | null }) {
  const { t } = useTranslation('custody');
  const labels = useItemLabels();
  const whatText = useWhatText();
  const whenText = useWhenText();
  if (entry.type === 'intake') {
    const context = labels.known('intakeContext', entry.context) ?? t('common.notSet');
    return (
      <li className="timeline__entry">
        <p className="timeline__what">
          <strong>{t('timeline.intake', { intake: context })}</strong>
          {entry.locationName !== null && ` · ${entry.locationName}`}
        </p>
        <p className="timeline__meta">
          {entry.at === null ? t('common.notSet') : whenText(entry.at)}
          {' · '}
          {t('timeline.recordedBy', { name: entry.recordedBy.name })}
          {' · '}
          <a href={`#/records/${encodeURIComponent(entry.intakeEventId)}`}>
            {entry.recordNumber === null
              ? t('timeline.openIntake')
              : t('timeline.openIntakeNumber', { number: entry.recordNumber })}
          </a>
        </p>
      </li>
    );
  }
  const corrected = entry.correctedBy !== null;
  const amount = (value: number | null) =>
    value === null ? null : labels.quantity({ quantityAmount: value, quantityUnit: unit });
  const unknown = t('common.notSet');
  let what: string;
  let detail: string | null;
  switch (entry.type) {
    case 'transfer':
      what = t('timeline.transfer', {
        from: entry.fromLocationName ?? entry.fromHolder,
        to: entry.toLocationName ?? entry.toHolder,
      });
      detail = [
        whatText.purpose(entry.purpose),
        t('timeline.holders', { from: entry.fromHolder, to: entry.toHolder }),
        amount(entry.amount),
      ]
        .filter((part) => part !== null)
        .join(' · ');
      break;
    case 'decision':
      what = t('timeline.decision', { decision: whatText.decision(entry.decision) });
      detail = t('timeline.decided', { by: entry.decidedBy, reason: entry.reason });
      break;
    case 'destruction':
      what = t('timeline.destruction', { site: entry.siteName ?? unknown });
      detail = [
        labels.known('destructionMethod', entry.method),
        t('timeline.certificate', { number: entry.certificateNumber }),
        amount(entry.amount),
      ]
        .filter((part) => part !== null)
        .join(' · ');
      break;
    case 'loss':
      what = t(entry.incidentKind === 'theft' ? 'timeline.theft' : 'timeline.loss', {
        place: entry.fromLocationName ?? unknown,
      });
      detail = [entry.circumstances, amount(entry.amount)]
        .filter((part) => part !== null)
        .join(' · ');
      break;
    case 'stock_check':
      what = t('timeline.stockCheck', { site: entry.siteName ?? unknown });
      detail = t('timeline.counted', {
        by: entry.countedBy,
        expected: amount(entry.expectedAmount) ?? '',
        found: amount(entry.foundAmount) ?? '',
      });
      break;
  }
  return (
    <li className={corrected ? 'timeline__entry timeline__entry--corrected' : 'timeline__entry'}>
      <p className="timeline__what">
        {corrected ? <s>{what}</s> : <strong>{what}</strong>}
        {corrected && <span className="badge badge--corrected">{t('common.corrected')}</span>}
        {entry.conflict !== null && (
          <span className="badge badge--conflict">{t('common.conflict')}</span>
        )}
      </p>
      {detail !== '' && <p className="timeline__detail">{detail}</p>}
      {entry.conflict !== null && (
        <p className="timeline__conflict">{t(`conflict.${entry.conflict}`)}</p>
      )}
      <p className="timeline__meta">
        {whenText(entry.at)}
        {' · '}
        {t('timeline.recordedBy', { name: entry.recordedBy.name })}
        {' · '}
        {/* Every entry has this link: its accessible name says which record it opens. */}
        <a
          href={custodyRecordHref(entry.recordId)}
          aria-label={t('timeline.openRecordNamed', { what, when: whenText(entry.at) })}
        >
          {t('timeline.openRecord')}
        </a>
        {entry.correctedBy !== null && (
          <>
            {' · '}
            <a href={custodyRecordHref(entry.correctedBy)}>{t('timeline.openCorrection')}</a>
          </>
        )}
      </p>
    </li>
  );
}
