import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { intakeContextValues, recordStatusValues } from '../../../shared/domain/enums.ts';
import type { IntakeSort, IntakeSummary } from '../../../shared/ipc/procedures/records.ts';
import { api } from '../../api.ts';
import { useSyncGeneration } from '../../app/SyncProvider.tsx';
import { useDomainValidationText, useEnumLabel } from '../../components/domain-labels.ts';
import { DateField } from '../../components/DateField.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { reviewFilterValues } from '../../../shared/domain/record-review.ts';
import { BulkReview } from '../review/BulkReview.tsx';
import { ReviewStandingBadge } from '../review/ReviewStandingBadge.tsx';
import { ReviewTasks } from '../review/ReviewTasks.tsx';
import { useReviewRights } from '../review/use-review-rights.ts';
import { SyncStateBadge } from '../sync/SyncStateBadge.tsx';
import { useFormatters } from './format.ts';
import { readFilters, writeFilters, type ListFilters } from './list-filters.ts';
import { useIntakeRights } from './use-intake-rights.ts';
import { useLocations } from './use-locations.ts';

export const pageSize = 25;

/** Sorting is not filtering: a sorted list with no filter still offers no "Clear filters". */
const isIsoDate = (value: string | undefined): value is string =>
  value !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(value);

function isFiltered({ sort: _sort, direction: _direction, ...filters }: ListFilters): boolean {
  return Object.values(filters).some((value) => value !== undefined && value !== '');
}

/** The direction a column sorts in when first chosen: newest, most and latest first. */
const firstDirection: Readonly<Record<IntakeSort, 'asc' | 'desc'>> = {
  date: 'desc',
  number: 'asc',
  place: 'asc',
  items: 'desc',
  updated: 'desc',
};

/** The sortable columns by name (one place for the values the headers pass). */
const sortColumn: Readonly<Record<IntakeSort, IntakeSort>> = {
  date: 'date',
  number: 'number',
  place: 'place',
  items: 'items',
  updated: 'updated',
};

/** The marks a sortable header shows (for the eye; aria-sort tells a screen reader). */
const sortArrow = { asc: '▲', desc: '▼', none: '↕' } as const;

export interface SortState {
  readonly sort: IntakeSort;
  readonly direction: 'asc' | 'desc';
}

/**
 * `#/records`: filters, a search (record number, case reference, receipt number, make, model,
 * serial or marking), the matching records page by page, sorted by the column the person chose.
 * The filters and the sort the person left are read from main first, so the list asks for them
 * from the start.
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
  const rights = useIntakeRights();
  const mayReview = useReviewRights();
  const { t } = useTranslation(['records', 'review']);
  // Final records chosen for a bulk review; kept across pages, cleared once reviewed.
  const [selected, setSelected] = useState<readonly string[]>([]);
  const [reviewedCount, setReviewedCount] = useState<number | null>(null);
  const [reviewRound, setReviewRound] = useState(0);
  const enumLabel = useEnumLabel();
  const validationText = useDomainValidationText();
  const { locations } = useLocations();
  const [filters, setFilters] = useState<ListFilters>(initialFilters);
  // A search kept from before the list searched more than serials comes back as a search.
  const [searchText, setSearchText] = useState(filters.search ?? filters.serial ?? '');
  const [offset, setOffset] = useState(0);
  // The date filters as typed, in the app's language: a date reaches the filters once it reads
  // as one; text that does not stays on screen with the field's own hint, never dropped.
  const [fromText, setFromText] = useState<string | undefined>(filters.from);
  const [toText, setToText] = useState<string | undefined>(filters.to);
  // Each answer is kept with the request it answers: a stale one shows while the next loads.
  const [answer, setAnswer] = useState<{
    key: string;
    page: { items: IntakeSummary[]; total: number } | null;
    error: unknown;
  } | null>(null);
  const ids = {
    context: useId(),
    status: useId(),
    review: useId(),
    from: useId(),
    to: useId(),
    toError: useId(),
    location: useId(),
    search: useId(),
    searchHint: useId(),
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

  // The search runs once typing pauses.
  useEffect(() => {
    const search = searchText.trim() === '' ? undefined : searchText.trim();
    if (search === filters.search && filters.serial === undefined) return;
    const timer = setTimeout(() => update({ search, serial: undefined }), 300);
    return () => clearTimeout(timer);
  }, [searchText, filters.search, filters.serial, update]);

  const sortState: SortState = {
    sort: filters.sort ?? 'date',
    direction: filters.direction ?? firstDirection[filters.sort ?? 'date'],
  };
  const sortBy = (sort: IntakeSort) =>
    update({
      sort,
      direction:
        sort === sortState.sort
          ? sortState.direction === 'asc'
            ? 'desc'
            : 'asc'
          : firstDirection[sort],
    });

  // A sync round changes what rows say about the server (waiting → sent) and may bring records.
  const syncGeneration = useSyncGeneration();
  const requestKey = JSON.stringify({ filters, offset, syncGeneration, reviewRound });
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
    setSearchText('');
    setFromText(undefined);
    setToText(undefined);
    // Clearing the filters keeps the order the person chose.
    const kept = { sort: filters.sort, direction: filters.direction };
    setFilters(kept);
    writeFilters(kept);
    setOffset(0);
  };

  return (
    <section aria-labelledby="records-title" className="records-list">
      <div className="page-head">
        <h1 id="records-title">{t('list.title')}</h1>
        <div className="page-head__action page-head__buttons">
          <a className="button" href="#/records/export">
            {t('export.link')}
          </a>
          {rights.create && rights.finalise && (
            // Importing stores final records, so it needs both rights (main checks both again).
            <a className="button" href="#/records/import">
              {t('import.link')}
            </a>
          )}
          {rights.create && (
            <a className="button button--primary" href="#/records/new">
              {t('list.newRecord')}
            </a>
          )}
        </div>
      </div>

      <ReviewTasks />

      <div role="search" className="card filters" aria-label={t('list.filters')}>
        <div className="filters__grid">
          <div className="field filters__serial">
            <label htmlFor={ids.search}>{t('list.search')}</label>
            <input
              id={ids.search}
              type="search"
              className="input--mono"
              value={searchText}
              autoComplete="off"
              spellCheck={false}
              aria-describedby={ids.searchHint}
              onChange={(event) => setSearchText(event.target.value)}
            />
            <p id={ids.searchHint} className="field__hint">
              {t('list.searchHint')}
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
            <DateField
              id={ids.from}
              value={fromText}
              onChange={(value) => {
                setFromText(value);
                update({ from: isIsoDate(value) ? value : undefined });
              }}
            />
          </div>
          <div className="field">
            <label htmlFor={ids.to}>{t('list.to')}</label>
            <DateField
              id={ids.to}
              value={toText}
              aria-invalid={rangeInvalid}
              aria-describedby={rangeInvalid ? ids.toError : undefined}
              onChange={(value) => {
                setToText(value);
                update({ to: isIsoDate(value) ? value : undefined });
              }}
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
            <label htmlFor={ids.review}>{t('review:filter.label')}</label>
            <select
              id={ids.review}
              value={filters.reviewState ?? ''}
              onChange={(event) =>
                update({
                  reviewState: reviewFilterValues.find((value) => value === event.target.value),
                })
              }
            >
              <option value="">{t('list.any')}</option>
              {reviewFilterValues.map((value) => (
                <option key={value} value={value}>
                  {t(`review:standing.${value}`)}
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

      {mayReview && (
        <BulkReview
          selected={selected}
          onClear={() => setSelected([])}
          onDone={(count) => {
            setSelected([]);
            setReviewedCount(count);
            setReviewRound((round) => round + 1);
          }}
        />
      )}
      {reviewedCount !== null && (
        <p role="status" className="field__hint">
          {t('review:bulk.done', { count: reviewedCount })}
        </p>
      )}
      {error !== null && <ErrorMessage error={error} />}
      {error === null && result !== null && result.total === 0 && !loading && (
        <div className="empty-with-action">
          {filtered ? (
            <EmptyState title={t('list.noMatch')} hint={t('list.noMatchHint')} />
          ) : (
            <EmptyState
              title={t('list.empty')}
              hint={rights.create ? t('list.emptyHint') : t('list.emptyHintReader')}
            />
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
          sortState={sortState}
          onSort={sortBy}
          selection={
            mayReview
              ? {
                  selected,
                  toggle: (id) => {
                    setReviewedCount(null);
                    setSelected((current) =>
                      current.includes(id) ? current.filter((one) => one !== id) : [...current, id],
                    );
                  },
                }
              : null
          }
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
  sortState,
  onSort,
  selection,
}: {
  items: readonly IntakeSummary[];
  total: number;
  offset: number;
  busy: boolean;
  onPage: (offset: number) => void;
  headingId: string;
  sortState: SortState;
  onSort: (sort: IntakeSort) => void;
  /** Team leads choose final records for a bulk review; null for everyone else. */
  selection: { selected: readonly string[]; toggle: (id: string) => void } | null;
}) {
  const { t } = useTranslation(['records', 'review']);
  const enumLabel = useEnumLabel();
  const format = useFormatters();
  const rows = items.map((item) => ({
    ...item,
    contextLabel: item.context === null ? null : enumLabel('intakeContext', item.context),
  }));
  const first = offset + 1;
  const last = Math.min(offset + items.length, total);
  // A record is reviewed once final and on the server: the column shows when one here may be.
  const selectable = (item: IntakeSummary) => item.status === 'final' && item.syncState !== 'local';
  const choose = selection !== null && items.some(selectable) ? selection : null;
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
              {choose !== null && (
                <th scope="col">
                  <span className="visually-hidden">{t('review:bulk.apply')}</span>
                </th>
              )}
              <SortableHeader column={sortColumn.number} state={sortState} onSort={onSort}>
                {t('list.columnNumber')}
              </SortableHeader>
              <SortableHeader column={sortColumn.date} state={sortState} onSort={onSort}>
                {t('list.columnDate')}
              </SortableHeader>
              <th scope="col">{t('list.columnContext')}</th>
              <SortableHeader column={sortColumn.place} state={sortState} onSort={onSort}>
                {t('list.columnLocation')}
              </SortableHeader>
              <SortableHeader column={sortColumn.items} state={sortState} onSort={onSort}>
                {t('list.columnItems')}
              </SortableHeader>
              <th scope="col">{t('list.columnSerials')}</th>
              <th scope="col">{t('list.columnStatus')}</th>
              <SortableHeader column={sortColumn.updated} state={sortState} onSort={onSort}>
                {t('list.columnChanged')}
              </SortableHeader>
            </tr>
          </thead>
          <tbody>
            {rows.map((item) => (
              <tr key={item.id}>
                {choose !== null && (
                  <td>
                    {selectable(item) && (
                      <input
                        type="checkbox"
                        checked={choose.selected.includes(item.id)}
                        onChange={() => choose.toggle(item.id)}
                        aria-label={t('review:bulk.select', {
                          number: item.recordNumber ?? t('list.noNumber'),
                        })}
                      />
                    )}
                  </td>
                )}
                <td className="nowrap">
                  <a href={`#/records/${encodeURIComponent(item.id)}`} className="mono">
                    {item.recordNumber ?? t('list.noNumber')}
                  </a>
                </td>
                <td>
                  {item.occurredAt === null ? (
                    <span className="muted">{t('list.noDate')}</span>
                  ) : (
                    format.date(item.occurredAt)
                  )}
                </td>
                <td>{item.contextLabel ?? <span className="muted">{t('list.notSet')}</span>}</td>
                <td>{item.locationName ?? <span className="muted">{t('list.notSet')}</span>}</td>
                <td>
                  <EntryCounts counts={item.entryCounts} />
                </td>
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
                    <ReviewStandingBadge standing={item.reviewStanding} />
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

/**
 * A column header that sorts the list: a button inside the header cell, the cell saying how the
 * list is sorted (aria-sort) so a screen reader announces it with the column.
 */
function SortableHeader({
  column,
  state,
  onSort,
  children,
}: {
  column: IntakeSort;
  state: SortState;
  onSort: (sort: IntakeSort) => void;
  children: string;
}) {
  const { t } = useTranslation('records');
  const active = state.sort === column;
  const direction = active ? state.direction : null;
  const arrow = direction === null ? sortArrow.none : sortArrow[direction];
  return (
    <th
      scope="col"
      aria-sort={direction === null ? undefined : direction === 'asc' ? 'ascending' : 'descending'}
      className={column === 'items' ? 'sortable sortable--items' : 'sortable'}
    >
      <button
        type="button"
        className="sortable__button"
        onClick={() => onSort(column)}
        title={t('list.sortBy', { column: children })}
      >
        {children}
        <span className="sortable__arrow" aria-hidden="true">
          {arrow}
        </span>
      </button>
    </th>
  );
}

/** How many entries of each kind a record lists (never a sum across kinds or units). */
function EntryCounts({ counts }: { counts: IntakeSummary['entryCounts'] }) {
  const { t } = useTranslation('records');
  const format = useFormatters();
  const shown = (['weapon', 'part', 'ammunition', 'explosive'] as const).filter(
    (kind) => counts[kind] > 0,
  );
  if (shown.length === 0) return <span className="muted">{t('list.noItems')}</span>;
  return (
    <ul className="entry-counts">
      {shown.map((kind) => (
        <li key={kind}>{t(`list.entries.${kind}`, { n: format.number(counts[kind]) })}</li>
      ))}
    </ul>
  );
}
