import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { lifecycleStatusValues } from '../../../shared/domain/enums.ts';
import type { ItemFilter, ItemKind, ItemSummary } from '../../../shared/ipc/procedures/items.ts';
import { itemKinds } from '../../../shared/records/intake-items.ts';
import { api } from '../../api.ts';
import { useSyncGeneration } from '../../app/SyncProvider.tsx';
import { useEnumLabel } from '../../components/domain-labels.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { useFormatters } from '../records/format.ts';
import { useItemLabels } from './item-labels.ts';

export const itemPageSize = 25;

type Filters = Pick<ItemFilter, 'kind' | 'lifecycleStatus' | 'serial'>;

/**
 * `#/items`: every item of every kind across the records, newest intake first, filtered by kind,
 * status and serial, page by page. Each row is one item with its own quantity and unit.
 */
export function ItemsList() {
  const { t } = useTranslation('inventory');
  const enumLabel = useEnumLabel();
  const labels = useItemLabels();
  const [filters, setFilters] = useState<Filters>({});
  const [serialText, setSerialText] = useState('');
  const [offset, setOffset] = useState(0);
  const [answer, setAnswer] = useState<{
    key: string;
    page: { items: ItemSummary[]; total: number } | null;
    error: unknown;
  } | null>(null);
  const ids = {
    kind: useId(),
    status: useId(),
    serial: useId(),
    serialHint: useId(),
    heading: useId(),
  };

  const update = (patch: Partial<Filters>) => {
    setFilters((current) => ({ ...current, ...patch }));
    setOffset(0);
  };

  // The serial search runs once typing pauses.
  useEffect(() => {
    const serial = serialText.trim() === '' ? undefined : serialText.trim();
    if (serial === filters.serial) return;
    const timer = setTimeout(() => {
      setFilters((current) => ({ ...current, serial }));
      setOffset(0);
    }, 300);
    return () => clearTimeout(timer);
  }, [serialText, filters.serial]);

  const syncGeneration = useSyncGeneration();
  const requestKey = JSON.stringify({ filters, offset, syncGeneration });
  useEffect(() => {
    let live = true;
    api()
      .listItems({ ...filters, limit: itemPageSize, offset })
      .then(
        (page) => live && setAnswer({ key: requestKey, page, error: null }),
        (caught: unknown) => live && setAnswer({ key: requestKey, page: null, error: caught }),
      );
    return () => {
      live = false;
    };
  }, [filters, offset, requestKey]);
  const loading = answer?.key !== requestKey;
  const result = answer?.page ?? null;
  const error = answer?.error ?? null;
  const filtered = Object.values(filters).some((value) => value !== undefined);
  const statusOptions = lifecycleStatusValues.map((value) => ({
    value,
    label: enumLabel('lifecycleStatus', value),
  }));

  return (
    <section aria-labelledby="items-title" className="records-list items-list">
      <div className="page-head">
        <h1 id="items-title">{t('list.title')}</h1>
      </div>
      <p className="field__hint">{t('list.intro')}</p>

      <div role="search" className="card filters" aria-label={t('list.filters')}>
        <div className="filters__grid">
          <div className="field filters__serial">
            <label htmlFor={ids.serial}>{t('list.serial')}</label>
            <input
              id={ids.serial}
              type="search"
              className="input--mono"
              value={serialText}
              autoComplete="off"
              spellCheck={false}
              aria-describedby={ids.serialHint}
              onChange={(event) => setSerialText(event.target.value)}
            />
            <p id={ids.serialHint} className="field__hint">
              {t('list.serialHint')}
            </p>
          </div>
          <div className="field">
            <label htmlFor={ids.kind}>{t('list.kind')}</label>
            <select
              id={ids.kind}
              value={filters.kind ?? ''}
              onChange={(event) =>
                update({ kind: itemKinds.find((kind) => kind === event.target.value) })
              }
            >
              <option value="">{t('list.anyKind')}</option>
              {itemKinds.map((kind) => (
                <option key={kind} value={kind}>
                  {labels.kind(kind)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.status}>{t('list.status')}</label>
            <select
              id={ids.status}
              value={filters.lifecycleStatus ?? ''}
              onChange={(event) =>
                update({
                  lifecycleStatus: lifecycleStatusValues.find(
                    (value) => value === event.target.value,
                  ),
                })
              }
            >
              <option value="">{t('list.anyStatus')}</option>
              {statusOptions.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </div>
        </div>
        {filtered && (
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              setSerialText('');
              setFilters({});
              setOffset(0);
            }}
          >
            {t('list.clear')}
          </button>
        )}
      </div>

      {error !== null && <ErrorMessage error={error} />}
      {error === null && result !== null && result.total === 0 && !loading && (
        <div className="empty-with-action">
          {filtered ? (
            <EmptyState title={t('list.noMatch')} hint={t('list.noMatchHint')} />
          ) : (
            <EmptyState title={t('list.empty')} hint={t('list.emptyHint')} />
          )}
        </div>
      )}
      {error === null && result !== null && result.total > 0 && (
        <ItemsTable
          items={result.items}
          total={result.total}
          offset={offset}
          busy={loading}
          onPage={setOffset}
          headingId={ids.heading}
        />
      )}
    </section>
  );
}

function ItemsTable({
  items,
  total,
  offset,
  busy,
  onPage,
  headingId,
}: {
  items: readonly ItemSummary[];
  total: number;
  offset: number;
  busy: boolean;
  onPage: (offset: number) => void;
  headingId: string;
}) {
  const { t } = useTranslation('inventory');
  const labels = useItemLabels();
  const format = useFormatters();
  const first = offset + 1;
  const last = Math.min(offset + items.length, total);
  const rows = items.map((item) => ({
    ...item,
    statusLabel: labels.known('lifecycleStatus', item.lifecycleStatus),
  }));
  return (
    <div className="results" aria-busy={busy}>
      <h2 id={headingId} className="results__count">
        {total > itemPageSize
          ? t('list.showing', {
              from: format.number(first),
              to: format.number(last),
              total: format.number(total),
            })
          : t('list.found', { total: format.number(total) })}
      </h2>
      <div className="table-wrap">
        <table className="table" aria-labelledby={headingId}>
          <thead>
            <tr>
              <th scope="col">{t('list.columnItem')}</th>
              <th scope="col">{t('list.columnIdentity')}</th>
              <th scope="col" className="num">
                {t('list.columnQuantity')}
              </th>
              <th scope="col">{t('list.columnStatus')}</th>
              <th scope="col">{t('list.columnRecord')}</th>
              <th scope="col">{t('list.columnDate')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((item) => (
              <tr key={item.id}>
                <td>
                  <a href={`#/items/${encodeURIComponent(item.id)}`}>
                    {labels.type(item) ?? labels.kind(item.kind as ItemKind)}
                  </a>
                  <br />
                  <span className="muted">{labels.kind(item.kind)}</span>
                </td>
                <td>
                  {item.serialNumber !== null && <span className="mono">{item.serialNumber}</span>}
                  {(item.manufacturer !== null || item.model !== null || item.calibre !== null) && (
                    <span className="item-identity">
                      {[item.manufacturer, item.model, item.calibre]
                        .filter((part) => part !== null)
                        .join(' · ')}
                    </span>
                  )}
                  {item.serialNumber === null &&
                    item.manufacturer === null &&
                    item.model === null &&
                    item.calibre === null && <span className="muted">{t('list.notSet')}</span>}
                </td>
                <td className="num">
                  {labels.quantity(item) ?? <span className="muted">{t('list.notSet')}</span>}
                </td>
                <td>{item.statusLabel ?? <span className="muted">{t('list.notSet')}</span>}</td>
                <td className="nowrap">
                  <a href={`#/records/${encodeURIComponent(item.intakeEventId)}`} className="mono">
                    {item.recordNumber ?? t('list.noNumber')}
                  </a>
                  {item.recordStatus === 'draft' && (
                    <>
                      <br />
                      <span className="muted">{t('list.draft')}</span>
                    </>
                  )}
                </td>
                <td>
                  {item.occurredAt === null ? (
                    <span className="muted">{t('list.notSet')}</span>
                  ) : (
                    format.date(item.occurredAt)
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {total > itemPageSize && (
        <nav className="pager" aria-label={t('list.pages')}>
          <button
            type="button"
            className="button button--small"
            disabled={offset === 0}
            onClick={() => onPage(Math.max(0, offset - itemPageSize))}
          >
            {t('list.previous')}
          </button>
          <button
            type="button"
            className="button button--small"
            disabled={offset + itemPageSize >= total}
            onClick={() => onPage(offset + itemPageSize)}
          >
            {t('list.next')}
          </button>
        </nav>
      )}
    </div>
  );
}
