import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ItemView } from '../../../shared/ipc/procedures/items.ts';
import { api } from '../../api.ts';
import { useEnumLabel } from '../../components/domain-labels.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { ItemCustodySection } from '../custody/ItemCustodySection.tsx';
import { useFormatters } from '../records/format.ts';
import { SerialCheckMarks } from '../records/SerialCheckMarks.tsx';
import { ItemTraceSection } from '../tracing/ItemTraceSection.tsx';
import { useItemLabels } from './item-labels.ts';

type FactRow = readonly [string, ReactNode];

function Facts({ rows }: { rows: readonly FactRow[] }) {
  const shown = rows.filter(([, value]) => value !== undefined && value !== null && value !== '');
  return (
    <dl className="facts facts--compact">
      {shown.map(([label, value]) => (
        <div key={label} className="facts__row">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * `#/items/<id>`: one item, what it is and where it came from (its intake, linked), and its
 * custody: status derived from its events, where it is now, conflicts, and the whole timeline;
 * for a weapon, its trace requests.
 */
export function ItemPage({ id }: { id: string }) {
  const { t } = useTranslation('inventory');
  const [view, setView] = useState<ItemView | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    api()
      .getItem({ id })
      .then(
        (found) => live && setView(found),
        (caught: unknown) => live && setError(caught),
      );
    return () => {
      live = false;
    };
  }, [id]);

  return (
    <section aria-labelledby="item-title" className="records-view item-page">
      <p className="back">
        <a href="#/items">{t('page.back')}</a>
      </p>
      {view === null && (
        <>
          <h1 id="item-title">{t('page.facts')}</h1>
          {error === null ? (
            <p className="field__hint">{t('page.loading')}</p>
          ) : (
            <ErrorMessage error={error} />
          )}
        </>
      )}
      {view !== null && <ItemDetails view={view} />}
    </section>
  );
}

function ItemDetails({ view }: { view: ItemView }) {
  const { t } = useTranslation('inventory');
  const enumLabel = useEnumLabel();
  const labels = useItemLabels();
  const format = useFormatters();
  const { item, intake } = view;
  const title = [labels.type(item) ?? labels.kind(item.kind), item.serialNumber]
    .filter((part) => part !== null)
    .join(' · ');
  const context = intake.context === null ? null : enumLabel('intakeContext', intake.context);
  const typeLabel = labels.type(item);
  const categoryLabel = labels.known('weaponCategory', item.category);
  const quantityLabel = labels.quantity(item);
  const statusLabel = labels.known('lifecycleStatus', item.lifecycleStatus);
  const traceLabel = labels.known('traceStatus', item.traceStatus);
  return (
    <>
      <div className="page-head">
        <h1 id="item-title">{title}</h1>
      </div>
      <div className="card">
        <h2>{t('page.facts')}</h2>
        <Facts
          rows={[
            [t('page.kind'), labels.kind(item.kind)],
            [t('page.type'), typeLabel],
            [t('page.category'), categoryLabel],
            [
              t('page.serialNumber'),
              item.serialNumber === null ? null : <span className="mono">{item.serialNumber}</span>,
            ],
            [t('page.manufacturer'), item.manufacturer],
            [t('page.model'), item.model],
            [t('page.calibre'), item.calibre],
            [t('page.quantity'), quantityLabel],
            [t('page.lifecycleStatus'), statusLabel],
            [t('page.traceStatus'), traceLabel],
          ]}
        />
        {view.texts.length > 0 && (
          <>
            <h3>{t('page.texts')}</h3>
            <ul className="serials">
              {view.texts.map((text, index) => (
                <li key={`${index}:${text.asRead}`} className="mono">
                  {text.asRead}
                </li>
              ))}
            </ul>
          </>
        )}
        <SerialCheckMarks marks={view.entry.serialChecks} />
      </div>
      <div className="card">
        <h2>{t('page.intake')}</h2>
        <Facts
          rows={[
            [
              t('page.record'),
              <a key="record" href={`#/records/${encodeURIComponent(intake.id)}`}>
                {intake.recordNumber === null
                  ? t('page.openRecordNoNumber')
                  : t('page.openRecord', { number: intake.recordNumber })}
              </a>,
            ],
            [t('page.recordStatus'), <StatusBadge key="status" status={intake.status} />],
            [t('page.context'), context],
            [t('page.date'), intake.occurredAt === null ? null : format.date(intake.occurredAt)],
            [t('page.place'), intake.locationName],
            [t('page.agency'), intake.recordingAgency],
          ]}
        />
      </div>
      {item.kind === 'weapon' && <ItemTraceSection view={view} />}
      <ItemCustodySection view={view} />
    </>
  );
}
