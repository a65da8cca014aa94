import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { intakeContextValues, recordStatusValues } from '../../../shared/domain/enums.ts';
import type { IntakeSummary } from '../../../shared/ipc/procedures/records.ts';
import { api } from '../../api.ts';
import { useSyncGeneration } from '../../app/SyncProvider.tsx';
import { useDomainValidationText, useEnumLabel } from '../../components/domain-labels.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { SyncStateBadge } from '../sync/SyncStateBadge.tsx';
import { useFormatters } from './format.ts';
import { readFilters, writeFilters, type ListFilters } from './list-filters.ts';
import { useLocations } from './use-locations.ts';

export const pageSize = 25;

function isFiltered(filters: ListFilters): boolean {
  return Object.values(filters).some((value) => value !== undefined && value !== '');
}

/**
 * `#/records`: filters, a serial number search, and the matching records page by page. The
 * filters the person left are read from main first, so the list asks for them from the start.
 */
export function RecordsList() {
  const [initialFilters, setInitialFilters] = useState<ListFilters | null>(null);
  useEffect(() => {
    let live = true;
    void readFilters().then((filters) => live && setInitialFilters(filters));
    return () => {
      live = false;
    };
  }, []);
  return initialFilters === null ? null : <FilteredList initialFilters={initialFilters} />;
}

function FilteredList({ initialFilters }: { initialFilters: ListFilters }) {
  const { t } = useTranslation('records');
  const enumLabel = useEnumLabel();
  const validationText = useDomainValidationText();
  const { locations } = useLocations();
  const [filters, setFilters] = useState<ListFilters>(initialFilters);
  const [serialText, setSerialText] = useState(filters.serial ?? '');
  const [offset, setOffset] = useState(0);
  // Each answer is kept with the request it answers: a stale one shows while the next loads.
  const [answer, setAnswer] = useState<{
    key: string;
    page: { items: IntakeSummary[]; total: number } | null;
    error: unknown;
  } | null>(null);
  const ids = {
    context: useId(),
    status: useId(),
    from: useId(),
    to: useId(),
    toError: useId(),
    location: useId(),
    serial: useId(),
    serialHint: useId(),
    heading: useId(),
  };
  const rangeInvalid =
    filters.from !== undefined && filters.to !== undefined && filters.from > filters.to;

  const update = useCallback((patch: Partial<ListFilters>) => {
    setFilters((current) => {
      const next = { ...current, ...patch };
      writeFilters(next);
      return next;
    });
    setOffset(0);
  }, []);

  // The serial search runs once typing pauses.
  useEffect(() => {
    const serial = serialText.trim() === '' ? undefined : serialText.trim();
    if (serial === filters.serial) return;
    const timer = setTimeout(() => update({ serial }), 300);
    return () => clearTimeout(timer);
  }, [serialText, filters.serial, update]);

  // A sync round changes what rows say about the server (waiting → sent) and may bring records.
  const syncGeneration = useSyncGeneration();
  const requestKey = JSON.stringify({ filters, offset, syncGeneration });
  useEffect(() => {
    if (rangeInvalid) return;
    let live = true;
    api()
      .listIntakes({ ...filters, limit: pageSize, offset })
      .then(
        (page) => live && setAnswer({ key: requestKey, page, error: null }),
        (caught: unknown) => live && setAnswer({ key: requestKey, page: null, error: caught }),
      );
    return () => {
      live = false;
    };
  }, [filters, offset, rangeInvalid, requestKey]);
  const loading = answer?.key !== requestKey;
  const result = answer?.page ?? null;
  const error = answer?.error ?? null;
  const contextOptions = intakeContextValues.map((value) => ({
    value,
    label: enumLabel('intakeContext', value),
  }));
  const statusOptions = recordStatusValues.map((value) => ({
    value,
    label: enumLabel('recordStatus', value),
  }));
  const rangeMessage = validationText('endBeforeStart');

  const filtered = isFiltered(filters);
  const clear = () => {
    setSerialText('');
    setFilters({});
    writeFilters({});
    setOffset(0);
  };

  return (
    <section aria-labelledby="records-title" className="records-list">
      <div className="page-head">
        <h1 id="records-title">{t('list.title')}</h1>
        <a className="button button--primary page-head__action" href="#/records/new">
          {t('list.newRecord')}
        </a>
      </div>

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
            <label htmlFor={ids.context}>{t('list.context')}</label>
            <select
              id={ids.context}
              value={filters.context ?? ''}
              onChange={(event) =>
                update({
                  context: intakeContextValues.find((value) => value === event.target.value),
                })
              }
            >
              <option value="">{t('list.any')}</option>
              {contextOptions.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.from}>{t('list.from')}</label>
            <input
              id={ids.from}
              type="date"
              autoComplete="off"
              value={filters.from ?? ''}
              onChange={(event) => update({ from: event.target.value || undefined })}
            />
          </div>
          <div className="field">
            <label htmlFor={ids.to}>{t('list.to')}</label>
            <input
              id={ids.to}
              type="date"
              autoComplete="off"
              value={filters.to ?? ''}
              aria-invalid={rangeInvalid}
              aria-describedby={rangeInvalid ? ids.toError : undefined}
              onChange={(event) => update({ to: event.target.value || undefined })}
            />
            {rangeInvalid && (
              <p id={ids.toError} className="field__error">
                {rangeMessage}
              </p>
            )}
          </div>
          <div className="field">
            <label htmlFor={ids.location}>{t('list.location')}</label>
            <select
              id={ids.location}
              value={filters.locationId ?? ''}
              onChange={(event) => update({ locationId: event.target.value || undefined })}
            >
              <option value="">{t('list.any')}</option>
              {(locations ?? []).map((location) => (
                <option key={location.id} value={location.id}>
                  {location.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.status}>{t('list.status')}</label>
            <select
              id={ids.status}
              value={filters.status ?? ''}
              onChange={(event) =>
                update({
                  status: recordStatusValues.find((value) => value === event.target.value),
                })
              }
            >
              <option value="">{t('list.any')}</option>
              {statusOptions.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </div>
        </div>
        {filtered && (
          <button type="button" className="button button--small" onClick={clear}>
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
        <ResultsTable
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

function ResultsTable({
  items,
  total,
  offset,
  busy,
  onPage,
  headingId,
}: {
  items: readonly IntakeSummary[];
  total: number;
  offset: number;
  busy: boolean;
  onPage: (offset: number) => void;
  headingId: string;
}) {
  const { t } = useTranslation('records');
  const enumLabel = useEnumLabel();
  const format = useFormatters();
  const rows = items.map((item) => ({
    ...item,
    contextLabel: item.context === null ? null : enumLabel('intakeContext', item.context),
  }));
  const first = offset + 1;
  const last = Math.min(offset + items.length, total);
  return (
    <div className="results" aria-busy={busy}>
      <h2 id={headingId} className="results__count">
        {total > pageSize
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
              <th scope="col">{t('list.columnDate')}</th>
              <th scope="col">{t('list.columnContext')}</th>
              <th scope="col">{t('list.columnLocation')}</th>
              <th scope="col" className="num">
                {t('list.columnWeapons')}
              </th>
              <th scope="col">{t('list.columnSerials')}</th>
              <th scope="col">{t('list.columnStatus')}</th>
              <th scope="col">{t('list.columnChanged')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((item) => (
              <tr key={item.id}>
                <td>
                  <a href={`#/records/${encodeURIComponent(item.id)}`}>
                    {item.occurredAt === null ? t('list.noDate') : format.date(item.occurredAt)}
                  </a>
                </td>
                <td>{item.contextLabel ?? <span className="muted">{t('list.notSet')}</span>}</td>
                <td>{item.locationName ?? <span className="muted">{t('list.notSet')}</span>}</td>
                <td className="num">{format.number(item.weaponCount)}</td>
                <td>
                  {item.serials.length === 0 ? (
                    <span className="muted">{t('list.noSerials')}</span>
                  ) : (
                    <ul className="serials">
                      {item.serials.map((serial, index) => (
                        <li key={`${index}:${serial}`} className="mono">
                          {serial}
                        </li>
                      ))}
                      {item.weaponCount > item.serials.length && item.serials.length >= 5 && (
                        <li className="muted">{t('list.moreSerials')}</li>
                      )}
                    </ul>
                  )}
                </td>
                <td>
                  <span className="status-cell">
                    <StatusBadge status={item.status} />
                    <SyncStateBadge state={item.syncState} />
                  </span>
                </td>
                <td>
                  <span className="changed">
                    {item.updatedByName}
                    <br />
                    <span className="muted">{format.dateTime(item.updatedAt)}</span>
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {total > pageSize && (
        <nav className="pager" aria-label={t('list.pages')}>
          <button
            type="button"
            className="button button--small"
            disabled={offset === 0}
            onClick={() => onPage(Math.max(0, offset - pageSize))}
          >
            {t('list.previous')}
          </button>
          <button
            type="button"
            className="button button--small"
            disabled={offset + pageSize >= total}
            onClick={() => onPage(offset + pageSize)}
          >
            {t('list.next')}
          </button>
        </nav>
      )}
    </div>
  );
}
