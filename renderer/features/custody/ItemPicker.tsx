import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ITEM_PICK_LIMIT,
  type CustodyItem,
  type ItemPick,
  type StorageSiteSummary,
} from '../../../shared/ipc/procedures/custody.ts';
import type { IntakeSummary } from '../../../shared/ipc/procedures/records.ts';
import { api } from '../../api.ts';
import { useEnumLabel } from '../../components/domain-labels.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { useFormatters } from '../records/format.ts';
import {
  ConflictBadge,
  ItemIdentityCell,
  ItemTypeCell,
  useAmountText,
  useItemName,
  useStatusText,
} from './item-text.tsx';

const sources = ['serial', 'record', 'site', 'seal'] as const;
type Source = (typeof sources)[number];

type Found =
  | { readonly kind: 'idle' }
  | { readonly kind: 'loading' }
  | { readonly kind: 'failed'; readonly error: unknown }
  | { readonly kind: 'ready'; readonly items: readonly CustodyItem[]; readonly round: number };

/**
 * Where items are picked from (A11): a serial typed or scanned (a barcode scanner types like a
 * keyboard and ends with Enter, so Enter adds the one item that matches), a record, a site's
 * inventory, or a seal or container number a transfer named. What is found is listed with boxes
 * to tick; the items chosen are the form's.
 */
export function ItemPicker({
  chosenIds,
  onAdd,
  sites,
}: {
  chosenIds: ReadonlySet<string>;
  onAdd: (items: readonly CustodyItem[]) => void;
  sites: readonly StorageSiteSummary[];
}) {
  const { t } = useTranslation('custody');
  const itemName = useItemName();
  const [source, setSource] = useState<Source>('serial');
  const [found, setFound] = useState<Found>({ kind: 'idle' });
  const [announcement, setAnnouncement] = useState('');
  const round = useRef(0);
  const ids = { legend: useId(), source: useId() };

  /**
   * Asks main for items; an answer to an older question is dropped. The count found is said in
   * the live region: the list appears below the field being typed in, where a screen reader
   * would not otherwise learn that anything changed.
   */
  const pick = useCallback(
    async (query: ItemPick): Promise<readonly CustodyItem[] | null> => {
      const mine = ++round.current;
      setFound({ kind: 'loading' });
      try {
        const items = await api().pickItems(query);
        if (mine !== round.current) return null;
        setFound({ kind: 'ready', items, round: mine });
        setAnnouncement(
          items.length === 0
            ? t('picker.none')
            : [
                t('picker.foundSaid', { count: items.length }),
                ...(items.length >= ITEM_PICK_LIMIT
                  ? [t('picker.limited', { limit: ITEM_PICK_LIMIT })]
                  : []),
              ].join(' '),
        );
        return items;
      } catch (error) {
        if (mine === round.current) setFound({ kind: 'failed', error });
        return null;
      }
    },
    [t],
  );
  const forget = useCallback(() => {
    round.current += 1;
    setFound({ kind: 'idle' });
  }, []);
  const add = (items: readonly CustodyItem[]) => {
    const fresh = items.filter((item) => !chosenIds.has(item.id));
    if (fresh.length === 0) return;
    onAdd(fresh);
    setAnnouncement(
      fresh.length === 1 && fresh[0] !== undefined
        ? t('picker.addedOne', { item: itemName(fresh[0]) })
        : t('picker.added', { count: fresh.length }),
    );
  };

  return (
    <fieldset className="picker" aria-labelledby={ids.legend}>
      <legend id={ids.legend}>{t('picker.legend')}</legend>
      <div className="radios picker__sources" role="radiogroup" aria-labelledby={ids.legend}>
        <div className="choices">
          {sources.map((value) => (
            <label key={value} className="choice">
              <input
                type="radio"
                name={ids.source}
                value={value}
                checked={source === value}
                onChange={() => {
                  setSource(value);
                  forget();
                }}
              />
              {t(`picker.source.${value}`)}
            </label>
          ))}
        </div>
      </div>
      {source === 'serial' && (
        <SerialSource
          pick={pick}
          onOne={(item) => add([item])}
          chosenIds={chosenIds}
          announce={setAnnouncement}
          forget={forget}
        />
      )}
      {source === 'record' && <RecordSource pick={pick} announce={setAnnouncement} />}
      {source === 'site' && <SiteSource pick={pick} sites={sites} forget={forget} />}
      {source === 'seal' && <SealSource pick={pick} />}
      <p className="visually-hidden" role="status" data-testid="picker-status">
        {announcement}
      </p>
      {found.kind === 'loading' && <p className="field__hint">{t('picker.searching')}</p>}
      {found.kind === 'failed' && <ErrorMessage error={found.error} />}
      {found.kind === 'ready' && (
        <FoundItems key={found.round} items={found.items} chosenIds={chosenIds} onAdd={add} />
      )}
    </fieldset>
  );
}

type Pick = (query: ItemPick) => Promise<readonly CustodyItem[] | null>;

function SerialSource({
  pick,
  onOne,
  chosenIds,
  announce,
  forget,
}: {
  pick: Pick;
  onOne: (item: CustodyItem) => void;
  chosenIds: ReadonlySet<string>;
  announce: (text: string) => void;
  forget: () => void;
}) {
  const { t } = useTranslation('custody');
  const [text, setText] = useState('');
  const asked = useRef('');
  const ids = { input: useId(), hint: useId() };

  // Typing by hand: the matches are listed once typing pauses.
  useEffect(() => {
    const serial = text.trim();
    if (serial === asked.current) return;
    const timer = setTimeout(() => {
      asked.current = serial;
      if (serial === '') forget();
      else void pick({ serial });
    }, 300);
    return () => clearTimeout(timer);
  }, [text, pick, forget]);

  // A scanner (or a person) ends with Enter: exactly one match goes straight into the list.
  const onKeyDown = async (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    const serial = text.trim();
    if (serial === '') return;
    asked.current = serial;
    const items = await pick({ serial });
    if (items === null) return;
    const open = items.filter((item) => !chosenIds.has(item.id));
    if (items.length === 1 && open.length === 1 && open[0] !== undefined) {
      onOne(open[0]);
      setText('');
      asked.current = '';
      forget();
    } else if (items.length === 1) {
      announce(t('picker.alreadyChosen'));
    } else if (items.length === 0) {
      announce(t('picker.noneFor', { serial }));
    } else {
      announce(t('picker.several', { count: items.length }));
    }
  };

  return (
    <div className="field picker__query">
      <label htmlFor={ids.input}>{t('picker.serial')}</label>
      <input
        id={ids.input}
        type="search"
        className="input--mono"
        autoComplete="off"
        spellCheck={false}
        value={text}
        aria-describedby={ids.hint}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => void onKeyDown(event)}
      />
      <p id={ids.hint} className="field__hint">
        {t('picker.serialHint')}
      </p>
    </div>
  );
}

/** Search as you would in the records list; Enter searches, and never submits the form. */
function SearchBox({
  label,
  hint,
  onSearch,
  mono = false,
}: {
  label: string;
  hint: string;
  onSearch: (text: string) => void;
  mono?: boolean;
}) {
  const { t } = useTranslation('custody');
  const [text, setText] = useState('');
  const ids = { input: useId(), hint: useId() };
  const search = () => {
    if (text.trim() !== '') onSearch(text.trim());
  };
  return (
    <div className="field picker__query">
      <label htmlFor={ids.input}>{label}</label>
      <div className="input-with-button">
        <input
          id={ids.input}
          type="search"
          className={mono ? 'input--mono' : undefined}
          autoComplete="off"
          spellCheck={false}
          value={text}
          aria-describedby={ids.hint}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key !== 'Enter') return;
            event.preventDefault();
            search();
          }}
        />
        <button type="button" className="button button--small" onClick={search}>
          {t('picker.search')}
        </button>
      </div>
      <p id={ids.hint} className="field__hint">
        {hint}
      </p>
    </div>
  );
}

function RecordSource({ pick, announce }: { pick: Pick; announce: (text: string) => void }) {
  const { t } = useTranslation('custody');
  const enumLabel = useEnumLabel();
  const contextText = (context: IntakeSummary['context']) =>
    context === null ? null : enumLabel('intakeContext', context);
  const format = useFormatters();
  const [records, setRecords] = useState<
    | { kind: 'idle' }
    | { kind: 'ready'; items: readonly IntakeSummary[] }
    | { kind: 'failed'; error: unknown }
  >({ kind: 'idle' });
  const search = (text: string) => {
    api()
      .listIntakes({ search: text, status: 'final', limit: 10 })
      .then(
        (page) => {
          setRecords({ kind: 'ready', items: page.items });
          announce(
            page.items.length === 0
              ? t('picker.noRecord')
              : t('picker.recordsFound', { count: page.items.length }),
          );
        },
        (error: unknown) => setRecords({ kind: 'failed', error }),
      );
  };
  return (
    <>
      <SearchBox label={t('picker.record')} hint={t('picker.recordHint')} onSearch={search} />
      {records.kind === 'failed' && <ErrorMessage error={records.error} />}
      {records.kind === 'ready' && records.items.length === 0 && (
        <p className="field__hint">{t('picker.noRecord')}</p>
      )}
      {records.kind === 'ready' && records.items.length > 0 && (
        <ul className="picker__records">
          {records.items.map((record) => {
            const what = [
              record.recordNumber,
              contextText(record.context),
              record.occurredAt === null ? null : format.date(record.occurredAt),
              record.locationName,
            ]
              .filter((part) => part !== null)
              .join(' · ');
            return (
              <li key={record.id}>
                <span>{what}</span>
                <button
                  type="button"
                  className="button button--small"
                  aria-label={t('picker.showRecordItemsOf', { record: what })}
                  onClick={() => void pick({ intakeEventId: record.id })}
                >
                  {t('picker.showRecordItems')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

function SiteSource({
  pick,
  sites,
  forget,
}: {
  pick: Pick;
  sites: readonly StorageSiteSummary[];
  forget: () => void;
}) {
  const { t } = useTranslation('custody');
  const [siteId, setSiteId] = useState('');
  const id = useId();
  return (
    <div className="field picker__query">
      <label htmlFor={id}>{t('picker.site')}</label>
      <select
        id={id}
        value={siteId}
        onChange={(event) => {
          setSiteId(event.target.value);
          if (event.target.value === '') forget();
          else void pick({ siteId: event.target.value });
        }}
      >
        <option value="">{t('picker.chooseSite')}</option>
        {sites.map((site) => (
          <option key={site.location.id} value={site.location.id}>
            {t('picker.siteOption', { name: site.location.name, count: site.items })}
          </option>
        ))}
      </select>
    </div>
  );
}

function SealSource({ pick }: { pick: Pick }) {
  const { t } = useTranslation('custody');
  return (
    <SearchBox
      label={t('picker.seal')}
      hint={t('picker.sealHint')}
      mono
      onSearch={(sealNumber) => void pick({ sealNumber })}
    />
  );
}

function FoundItems({
  items,
  chosenIds,
  onAdd,
}: {
  items: readonly CustodyItem[];
  chosenIds: ReadonlySet<string>;
  onAdd: (items: readonly CustodyItem[]) => void;
}) {
  const { t } = useTranslation('custody');
  const itemName = useItemName();
  const amountText = useAmountText();
  const statusText = useStatusText();
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const open = items.filter((item) => !chosenIds.has(item.id));
  const tickedOpen = open.filter((item) => ticked.has(item.id));
  const allTicked = open.length > 0 && tickedOpen.length === open.length;
  const toggle = (id: string, on: boolean) =>
    setTicked((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  if (items.length === 0) return <p className="field__hint">{t('picker.none')}</p>;
  return (
    <div className="picker__found">
      <h3 id={headingId} ref={heading} className="results__count" tabIndex={-1}>
        {t('picker.found', { count: items.length })}
      </h3>
      {/* A pick lists at most ITEM_PICK_LIMIT: "add all" must not pass for everything there is. */}
      {items.length >= ITEM_PICK_LIMIT && (
        <p className="notice">{t('picker.limited', { limit: ITEM_PICK_LIMIT })}</p>
      )}
      <div className="table-wrap">
        <table className="table table--compact" aria-labelledby={headingId}>
          <thead>
            <tr>
              <th scope="col" className="select-cell">
                <input
                  type="checkbox"
                  aria-label={t('picker.tickAll')}
                  checked={allTicked}
                  disabled={open.length === 0}
                  onChange={(event) =>
                    setTicked(new Set(event.target.checked ? open.map((item) => item.id) : []))
                  }
                />
              </th>
              <th scope="col">{t('columns.item')}</th>
              <th scope="col">{t('columns.serial')}</th>
              <th scope="col">{t('columns.where')}</th>
              <th scope="col">{t('columns.status')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => {
              const taken = chosenIds.has(item.id);
              return (
                <tr key={item.id}>
                  <td className="select-cell">
                    <input
                      type="checkbox"
                      aria-label={t('picker.tick', { item: itemName(item) })}
                      checked={taken || ticked.has(item.id)}
                      disabled={taken}
                      onChange={(event) => toggle(item.id, event.target.checked)}
                    />
                  </td>
                  <td>
                    <ItemTypeCell item={item} link={false} />
                  </td>
                  <td>
                    <ItemIdentityCell item={item} />
                  </td>
                  <td>
                    {item.currentLocationName ?? (
                      <span className="muted">{t('common.noSite')}</span>
                    )}
                    <br />
                    <span className="muted">{amountText(item)}</span>
                  </td>
                  <td>
                    {statusText(item.lifecycleStatus)}
                    {item.inConflict && (
                      <>
                        {' '}
                        <ConflictBadge />
                      </>
                    )}
                    {taken && (
                      <>
                        <br />
                        <span className="muted">{t('picker.inList')}</span>
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="actions actions--tight">
        <button
          type="button"
          className="button button--small"
          disabled={tickedOpen.length === 0}
          onClick={() => {
            onAdd(tickedOpen);
            setTicked(new Set());
            // The button just pressed is now disabled (nothing left ticked), which drops the focus
            // to the page; it stays on the list it came from, whose rows now say "In the list".
            heading.current?.focus();
          }}
        >
          {t('picker.addTicked', { count: tickedOpen.length })}
        </button>
        <button
          type="button"
          className="button button--small"
          disabled={open.length === 0}
          onClick={() => {
            onAdd(open);
            setTicked(new Set());
            heading.current?.focus();
          }}
        >
          {t('picker.addAll', { count: open.length })}
        </button>
      </div>
    </div>
  );
}
