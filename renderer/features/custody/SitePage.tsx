import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { lifecycleStatusValues } from '../../../shared/domain/enums.ts';
import {
  ageingBuckets,
  type SiteInventory,
  type SiteInventoryFilter,
} from '../../../shared/ipc/procedures/custody.ts';
import { quantityUnitValues } from '../../../shared/domain/quantity.ts';
import { itemKinds } from '../../../shared/records/intake-items.ts';
import { api } from '../../api.ts';
import { useSyncGeneration } from '../../app/SyncProvider.tsx';
import { useEnumLabel } from '../../components/domain-labels.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { useItemLabels } from '../items/item-labels.ts';
import { PageTitle } from '../places/PlaceFacts.tsx';
import { useLoaded } from '../places/use-loaded.ts';
import { useFormatters } from '../records/format.ts';
import {
  decisionHref,
  destructionHref,
  incidentHref,
  stockCheckHref,
  transferHref,
} from './custody-location.ts';
import {
  ConflictBadge,
  ItemIdentityCell,
  ItemTypeCell,
  useAmountText,
  useItemName,
  useStatusText,
  useWhenText,
} from './item-text.tsx';
import { MinimumStandardSection } from './MinimumStandard.tsx';
import { useCustodyRights } from './use-custody-rights.ts';

export const inventoryPageSize = 50;

type Filters = Pick<SiteInventoryFilter, 'kind' | 'lifecycleStatus' | 'ageing' | 'serial'>;

/**
 * `#/custody/sites/<id>`: what one site holds now, derived from intakes and transfers: totals by
 * kind and unit (never summed across them), how long items have waited for destruction, the
 * minimum-standard assessment, and the items page by page, to tick and move or mark for
 * destruction.
 */
export function SitePage({ id }: { id: string }) {
  const { t } = useTranslation('custody');
  const label = useEnumLabel();
  const typeText = (type: SiteInventory['location']['locationType']) => label('locationType', type);
  const [filters, setFilters] = useState<Filters>({});
  const [offset, setOffset] = useState(0);
  const [round, setRound] = useState(0);
  const syncGeneration = useSyncGeneration();
  const [answer, setAnswer] = useState<{
    key: string;
    inventory: SiteInventory | null;
    error: unknown;
  } | null>(null);
  const requestKey = JSON.stringify({ id, filters, offset, round, syncGeneration });
  useEffect(() => {
    let live = true;
    api()
      .getSiteInventory({ siteId: id, ...filters, limit: inventoryPageSize, offset })
      .then(
        (inventory) => live && setAnswer({ key: requestKey, inventory, error: null }),
        (error: unknown) => live && setAnswer({ key: requestKey, inventory: null, error }),
      );
    return () => {
      live = false;
    };
  }, [id, filters, offset, requestKey]);
  // The location's revision, which an edit of its assessment is checked against.
  const loadLocation = useCallback(() => {
    void round;
    return api().getLocation({ id });
  }, [id, round]);
  const { state: located } = useLoaded(loadLocation);

  const changeFilters = useCallback((next: Filters) => {
    setFilters(next);
    setOffset(0);
  }, []);
  const inventory = answer?.inventory ?? null;
  const loading = answer?.key !== requestKey;
  const title = inventory?.location.name ?? t('site.titleFallback');

  return (
    <section aria-labelledby="place-title" className="records-view custody site-page">
      <p className="back">
        <a href="#/custody/sites">{t('site.back')}</a>
      </p>
      <div className="page-head">
        <PageTitle>{title}</PageTitle>
      </div>
      <SiteActions siteId={id} />
      {inventory !== null && (
        <p className="record-number">{typeText(inventory.location.locationType)}</p>
      )}
      {answer?.error !== null && answer?.error !== undefined && (
        <ErrorMessage error={answer.error} />
      )}
      {answer === null && <p className="field__hint">{t('common.loading')}</p>}
      {inventory !== null && <Holdings inventory={inventory} />}
      {located.kind === 'ready' && (
        <MinimumStandardSection
          location={located.value.location}
          revision={located.value.revision}
          onSaved={() => setRound((value) => value + 1)}
        />
      )}
      {inventory !== null && (
        <Inventory
          siteId={id}
          inventory={inventory}
          filters={filters}
          onFilters={changeFilters}
          offset={offset}
          onPage={setOffset}
          busy={loading}
        />
      )}
    </section>
  );
}

/** What the signed-in person may record about this site. */
function SiteActions({ siteId }: { siteId: string }) {
  const { t } = useTranslation('custody');
  const rights = useCustodyRights();
  if (!rights.stockCheck && !rights.incident && !rights.destroy) return null;
  return (
    <>
      <div className="custody-actions">
        {rights.stockCheck && (
          <a className="button" href={stockCheckHref(siteId)}>
            {t('site.stockCheck')}
          </a>
        )}
        {rights.incident && (
          <a className="button" href={incidentHref({ site: siteId })}>
            {t('site.reportLoss')}
          </a>
        )}
        {rights.destroy && (
          <a className="button" href={destructionHref({ site: siteId })}>
            {t('site.recordDestruction')}
          </a>
        )}
      </div>
      {/* A custody officer marks items for destruction and then looks for the destruction
          itself: say who records it instead of leaving them searching for a missing button. */}
      {!rights.destroy && <p className="field__hint">{t('rights.destroy')}</p>}
    </>
  );
}

const kindOrder: ReadonlyMap<string, number> = new Map(
  itemKinds.map((kind, index) => [kind, index]),
);
const unitOrder: ReadonlyMap<string, number> = new Map(
  quantityUnitValues.map((unit, index) => [unit, index]),
);

/** Weapons, parts, ammunition, explosives; within a kind, pieces, rounds, boxes, kg, tonnes. */
function sortedTotals(totals: SiteInventory['totals']): SiteInventory['totals'] {
  return [...totals].sort(
    (a, b) =>
      (kindOrder.get(a.kind) ?? 0) - (kindOrder.get(b.kind) ?? 0) ||
      (unitOrder.get(a.unit ?? '') ?? 99) - (unitOrder.get(b.unit ?? '') ?? 99),
  );
}

function Holdings({ inventory }: { inventory: SiteInventory }) {
  const { t } = useTranslation('custody');
  const labels = useItemLabels();
  const format = useFormatters();
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('site.holds')}</h2>
      {inventory.totals.length === 0 ? (
        <p className="field__hint">{t('site.holdsNothing')}</p>
      ) : (
        <>
          <p className="field__hint">{t('site.totalsHint')}</p>
          <div className="table-wrap">
            <table className="table table--compact totals">
              <thead>
                <tr>
                  <th scope="col">{t('site.totalKind')}</th>
                  <th scope="col" className="num">
                    {t('site.totalItems')}
                  </th>
                  <th scope="col" className="num">
                    {t('site.totalAmount')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {sortedTotals(inventory.totals).map((total) => (
                  <tr key={`${total.kind}:${total.unit ?? ''}`}>
                    <td>{labels.kind(total.kind)}</td>
                    <td className="num">{format.number(total.items)}</td>
                    <td className="num">
                      {total.unit === null
                        ? t('site.notCounted')
                        : labels.quantity({
                            quantityAmount: total.amount,
                            quantityUnit: total.unit,
                          })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <h3>{t('site.awaiting')}</h3>
      <dl className="ageing-counts">
        {ageingBuckets.map((bucket) => (
          // Red only where items have waited over a year: a zero is no warning.
          <div
            key={bucket}
            className={
              (inventory.awaiting[bucket] ?? 0) > 0
                ? `ageing-counts__cell ageing__bucket--${bucket}`
                : 'ageing-counts__cell'
            }
          >
            <dt>{t(`ageing.${bucket}`)}</dt>
            <dd>{format.number(inventory.awaiting[bucket] ?? 0)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function Inventory({
  siteId,
  inventory,
  filters,
  onFilters,
  offset,
  onPage,
  busy,
}: {
  siteId: string;
  inventory: SiteInventory;
  filters: Filters;
  onFilters: (filters: Filters) => void;
  offset: number;
  onPage: (offset: number) => void;
  busy: boolean;
}) {
  const { t } = useTranslation('custody');
  const enumLabel = useEnumLabel();
  const labels = useItemLabels();
  const format = useFormatters();
  const itemName = useItemName();
  const amountText = useAmountText();
  const statusText = useStatusText();
  const whenText = useWhenText();
  const rights = useCustodyRights();
  const selecting = rights.transfer || rights.destroy;
  const [serialText, setSerialText] = useState(filters.serial ?? '');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const ids = {
    heading: useId(),
    serial: useId(),
    kind: useId(),
    status: useId(),
    ageing: useId(),
    selection: useId(),
  };

  // The serial search runs once typing pauses.
  useEffect(() => {
    const serial = serialText.trim() === '' ? undefined : serialText.trim();
    if (serial === filters.serial) return;
    const timer = setTimeout(() => onFilters({ ...filters, serial }), 300);
    return () => clearTimeout(timer);
  }, [serialText, filters, onFilters]);

  const items = inventory.items;
  const pageIds = items.map((item) => item.id);
  const allOnPage = pageIds.length > 0 && pageIds.every((id) => selected.has(id));
  const toggle = (id: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const statusOptions = lifecycleStatusValues.map((value) => ({
    value,
    label: enumLabel('lifecycleStatus', value),
  }));
  const filtered = Object.values(filters).some((value) => value !== undefined);
  const chosen = [...selected];
  const first = offset + 1;
  const last = Math.min(offset + items.length, inventory.total);

  return (
    <section className="inventory" aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>{t('site.inventory')}</h2>
      <div role="search" className="card filters" aria-label={t('site.filters')}>
        <div className="filters__grid">
          <div className="field filters__serial">
            <label htmlFor={ids.serial}>{t('site.serial')}</label>
            <input
              id={ids.serial}
              type="search"
              className="input--mono"
              value={serialText}
              autoComplete="off"
              spellCheck={false}
              onChange={(event) => setSerialText(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={ids.kind}>{t('site.kind')}</label>
            <select
              id={ids.kind}
              value={filters.kind ?? ''}
              onChange={(event) =>
                onFilters({
                  ...filters,
                  kind: itemKinds.find((kind) => kind === event.target.value),
                })
              }
            >
              <option value="">{t('site.anyKind')}</option>
              {itemKinds.map((kind) => (
                <option key={kind} value={kind}>
                  {labels.kind(kind)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.status}>{t('site.status')}</label>
            <select
              id={ids.status}
              value={filters.lifecycleStatus ?? ''}
              onChange={(event) =>
                onFilters({
                  ...filters,
                  lifecycleStatus: lifecycleStatusValues.find(
                    (value) => value === event.target.value,
                  ),
                })
              }
            >
              <option value="">{t('site.anyStatus')}</option>
              {statusOptions.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.ageing}>{t('site.ageing')}</label>
            <select
              id={ids.ageing}
              value={filters.ageing ?? ''}
              onChange={(event) =>
                onFilters({
                  ...filters,
                  ageing: ageingBuckets.find((bucket) => bucket === event.target.value),
                })
              }
            >
              <option value="">{t('site.anyAge')}</option>
              {ageingBuckets.map((bucket) => (
                <option key={bucket} value={bucket}>
                  {t(`ageing.${bucket}`)}
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
              onFilters({});
            }}
          >
            {t('site.clearFilters')}
          </button>
        )}
      </div>

      {selecting && (
        <div className="selection-bar" role="group" aria-labelledby={ids.selection}>
          <span id={ids.selection} className="selection-bar__count" aria-live="polite">
            {t('site.selected', { count: chosen.length })}
          </span>
          {chosen.length > 0 ? (
            <>
              {rights.transfer && (
                <a
                  className="button button--primary"
                  href={transferHref({ site: siteId, items: chosen })}
                >
                  {t('site.moveSelected')}
                </a>
              )}
              {rights.decide && (
                <a
                  className="button"
                  href={decisionHref({ site: siteId, items: chosen, decision: 'for_destruction' })}
                >
                  {t('site.markSelected')}
                </a>
              )}
              {rights.destroy && (
                <a className="button" href={destructionHref({ site: siteId, items: chosen })}>
                  {t('site.destroySelected')}
                </a>
              )}
              <button
                type="button"
                className="button button--small"
                onClick={() => setSelected(new Set())}
              >
                {t('site.clearSelection')}
              </button>
            </>
          ) : (
            <span className="field__hint">{t('site.selectHint')}</span>
          )}
        </div>
      )}

      {inventory.total === 0 ? (
        filtered ? (
          <EmptyState title={t('site.noMatch')} hint={t('site.noMatchHint')} />
        ) : (
          <EmptyState title={t('site.empty')} hint={t('site.emptyHint')} />
        )
      ) : (
        <div className="results" aria-busy={busy}>
          <h3 id={`${ids.heading}-count`} className="results__count">
            {inventory.total > inventoryPageSize
              ? t('site.showing', {
                  from: format.number(first),
                  to: format.number(last),
                  total: format.number(inventory.total),
                })
              : t('site.found', { count: inventory.total, total: format.number(inventory.total) })}
          </h3>
          <div className="table-wrap">
            <table className="table inventory-table" aria-labelledby={`${ids.heading}-count`}>
              <thead>
                <tr>
                  {selecting && (
                    <th scope="col" className="select-cell">
                      <input
                        type="checkbox"
                        aria-label={t('site.selectPage')}
                        checked={allOnPage}
                        onChange={(event) =>
                          setSelected((current) => {
                            const next = new Set(current);
                            for (const id of pageIds) {
                              if (event.target.checked) next.add(id);
                              else next.delete(id);
                            }
                            return next;
                          })
                        }
                      />
                    </th>
                  )}
                  <th scope="col">{t('columns.serial')}</th>
                  <th scope="col">{t('columns.item')}</th>
                  <th scope="col" className="num">
                    {t('columns.amountHere')}
                  </th>
                  <th scope="col">{t('columns.status')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <tr key={item.id}>
                    {selecting && (
                      <td className="select-cell">
                        <input
                          type="checkbox"
                          aria-label={t('site.select', { item: itemName(item) })}
                          checked={selected.has(item.id)}
                          onChange={(event) => toggle(item.id, event.target.checked)}
                        />
                      </td>
                    )}
                    <td>
                      <ItemIdentityCell item={item} />
                    </td>
                    <td>
                      <ItemTypeCell item={item} />
                    </td>
                    <td className="num">{amountText(item) ?? t('common.notSet')}</td>
                    <td>
                      {statusText(item.lifecycleStatus) ?? t('common.notSet')}
                      {item.statusSince !== null && (
                        <span className="item-identity">
                          {t('site.since', { date: whenText(item.statusSince) })}
                        </span>
                      )}
                      {item.daysAwaiting !== null && (
                        <span className="item-identity days-awaiting">
                          {t('site.daysAwaiting', {
                            count: item.daysAwaiting,
                            n: format.number(item.daysAwaiting),
                          })}
                        </span>
                      )}
                      {item.inConflict && (
                        <>
                          <br />
                          <ConflictBadge />
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {inventory.total > inventoryPageSize && (
            <nav className="pager" aria-label={t('site.pages')}>
              <button
                type="button"
                className="button button--small"
                disabled={offset === 0}
                onClick={() => onPage(Math.max(0, offset - inventoryPageSize))}
              >
                {t('site.previous')}
              </button>
              <button
                type="button"
                className="button button--small"
                disabled={offset + inventoryPageSize >= inventory.total}
                onClick={() => onPage(offset + inventoryPageSize)}
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
