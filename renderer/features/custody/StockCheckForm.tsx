import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  StockCheckInputSchema,
  StockCheckSchema,
  type StockCheck,
} from '../../../shared/domain/stock-check.ts';
import type { CustodyItem } from '../../../shared/ipc/procedures/custody.ts';
import type { CustodyEntity } from '../../../shared/custody/item-custody.ts';
import { useCurrentUser } from '../../app/SessionProvider.tsx';
import { api } from '../../api.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { useItemLabels } from '../items/item-labels.ts';
import { PageTitle } from '../places/PlaceFacts.tsx';
import { useLoaded } from '../places/use-loaded.ts';
import { blank, decimal, localTimestamp } from './custody-form.ts';
import { custodyRecordHref, siteHref } from './custody-location.ts';
import { CorrectedRecord, type Corrected } from './CorrectedRecord.tsx';
import { CorrectionCard } from './CorrectionCard.tsx';
import { CustodyField, MomentInputs } from './fields.tsx';
import { ItemIdentityCell, ItemTypeCell, useAmountText, useItemName } from './item-text.tsx';
import { IssueList, Labelled, SealFooter, useSealing } from './sealing.tsx';
import { SiteChooser } from './SiteChooser.tsx';
import { useCustodyRights } from './use-custody-rights.ts';

/** A serial as a scanner or a person types it: case, spaces and dashes do not matter. */
export const serialKey = (serial: string) => serial.toUpperCase().replace(/[\s\-_./]/g, '');

/** How much of an item the site should hold (a weapon is one). */
const expectedOf = (item: CustodyItem) =>
  item.kind === 'weapon' ? 1 : (item.amountHere ?? item.quantityAmount ?? 1);

type Preview =
  | { key: string; kind: 'missing' | 'count_differs'; item: CustodyItem; entry: null }
  | { key: string; kind: 'not_on_record'; item: null; entry: Unlisted };

interface Unlisted {
  key: number;
  description: string;
  serialNumber: string;
}

/** The kind of record this form seals (and corrects). */
const stockCheckEntity: CustodyEntity = 'stock_check';

const formPath = 'stock-check';

/** `#/custody/stock-check/new?site=<id>`: the site's list counted against what is there. */
export function StockCheckEditor({ query }: { query: string }) {
  const { t } = useTranslation('custody');
  const rights = useCustodyRights();
  const params = new URLSearchParams(query);
  const site = params.get('site') ?? '';
  const correctsId = params.get('corrects');
  const back =
    correctsId !== null
      ? custodyRecordHref(correctsId)
      : site === ''
        ? '#/custody/sites'
        : siteHref(site);
  return (
    <section aria-labelledby="place-title" className="records-editor custody-form">
      <p className="back">
        <a href={back}>{t('form2.back')}</a>
      </p>
      <PageTitle>
        {correctsId === null ? t('stockCheck.newTitle') : t('stockCheck.correctTitle')}
      </PageTitle>
      {!rights.stockCheck ? (
        <p className="notice notice--warning">{t('form2.notAllowed')}</p>
      ) : correctsId !== null ? (
        <>
          <p className="places-intro">{t('stockCheck.intro')}</p>
          {/* A correction counts again at the site of the stock check it corrects. */}
          <CorrectedRecord
            correctsId={correctsId}
            entity={stockCheckEntity}
            schema={StockCheckSchema}
          >
            {(corrected) => (
              <StockCheckForm
                site={corrected.record.siteLocationId}
                corrected={corrected}
                cancelHref={back}
              />
            )}
          </CorrectedRecord>
        </>
      ) : (
        <>
          <p className="places-intro">{t('stockCheck.intro')}</p>
          <SiteChooser site={site} path={formPath} />
          {site !== '' && (
            <StockCheckForm key={site} site={site} corrected={null} cancelHref={back} />
          )}
        </>
      )}
    </section>
  );
}

function StockCheckForm({
  site,
  corrected,
  cancelHref,
}: {
  site: string;
  /** The stock check this one corrects: the form starts from its counts. */
  corrected: Corrected<StockCheck> | null;
  cancelHref: string;
}) {
  const was = corrected?.record ?? null;
  const { t } = useTranslation('custody');
  const amountText = useAmountText();
  const labels = useItemLabels();
  const itemName = useItemName();
  const load = useCallback(() => api().getSiteInventory({ siteId: site, limit: 10000 }), [site]);
  const { state } = useLoaded(load);
  const [found, setFound] = useState<Record<string, string>>(() =>
    Object.fromEntries((was?.found ?? []).map((line) => [line.itemId, String(line.amount)])),
  );
  const [unlisted, setUnlisted] = useState<Unlisted[]>(() =>
    (was?.unlistedFinds ?? []).map((find, index) => ({
      key: index + 1,
      description: find.description,
      serialNumber: find.serialNumber ?? '',
    })),
  );
  const [scan, setScan] = useState('');
  const [scanNote, setScanNote] = useState('');
  // The person recording the check usually counted it: typed over when someone else did.
  const me = useCurrentUser();
  const [countedBy, setCountedBy] = useState(was?.countedBy ?? me.name);
  const [checkedAt, setCheckedAt] = useState(() => was?.checkedAt ?? localTimestamp(new Date()));
  const [note, setNote] = useState(was?.note ?? '');
  const [correctionReason, setCorrectionReason] = useState('');
  const sealing = useSealing();
  const ids = {
    list: useId(),
    scan: useId(),
    countedBy: useId(),
    note: useId(),
    preview: useId(),
    unlisted: useId(),
  };
  const ready = state.kind === 'ready';
  // A scanner types like a keyboard: once the list is there, the scan box has the focus, so the
  // first scan is not lost to the page heading.
  useEffect(() => {
    if (ready && corrected === null) document.getElementById(ids.scan)?.focus();
  }, [ready, corrected, ids.scan]);
  if (state.kind === 'loading') return <p className="field__hint">{t('common.loading')}</p>;
  if (state.kind === 'failed') return <ErrorMessage error={state.error} />;
  const items = state.value.items;

  const foundAmount = (item: CustodyItem): number | undefined => {
    const text = found[item.id];
    if (text === undefined) return undefined;
    return item.kind === 'weapon' ? 1 : decimal(text);
  };
  const setAmount = (id: string, value: string | undefined) =>
    setFound((current) => {
      const next = { ...current };
      if (value === undefined) delete next[id];
      else next[id] = value;
      return next;
    });

  const onScan = () => {
    const key = serialKey(scan);
    if (key === '') return;
    const match = items.filter(
      (item) => item.serialNumber !== null && serialKey(item.serialNumber) === key,
    );
    const [item] = match;
    if (match.length === 1 && item !== undefined) {
      setAmount(
        item.id,
        found[item.id] ?? (item.kind === 'weapon' ? '1' : String(expectedOf(item))),
      );
      setScanNote(t('stockCheck.scanFound', { item: itemName(item) }));
    } else {
      setUnlisted((current) => [
        ...current,
        { key: Date.now(), description: '', serialNumber: scan.trim() },
      ]);
      setScanNote(t('stockCheck.scanUnlisted', { serial: scan.trim() }));
    }
    setScan('');
  };

  const discrepancies: Preview[] = [
    ...items.flatMap((item): Preview[] => {
      const amount = foundAmount(item);
      if (amount === undefined || amount === 0)
        return [{ key: item.id, kind: 'missing', item, entry: null }];
      if (!Number.isNaN(amount) && amount !== expectedOf(item))
        return [{ key: item.id, kind: 'count_differs', item, entry: null }];
      return [];
    }),
    ...unlisted.map((entry): Preview => ({
      key: `u${entry.key}`,
      kind: 'not_on_record',
      item: null,
      entry,
    })),
  ];

  const record = () => ({
    siteLocationId: site,
    checkedAt: blank(checkedAt),
    countedBy: blank(countedBy),
    found: items.flatMap((item) => {
      const amount = foundAmount(item);
      return amount === undefined ? [] : [{ itemId: item.id, amount }];
    }),
    unlistedFinds: unlisted.map((entry) => ({
      description: blank(entry.description),
      serialNumber: blank(entry.serialNumber),
    })),
    note: blank(note),
    correction:
      corrected === null
        ? undefined
        : { correctsId: corrected.id, reason: blank(correctionReason) },
  });
  const fieldLabels: Record<string, string> = {
    correction: t('correction.reason'),
    found: t('stockCheck.foundCount'),
    unlistedFinds: t('stockCheck.unlisted'),
    checkedAt: t('stockCheck.checkedAt'),
    countedBy: t('stockCheck.countedBy'),
    note: t('stockCheck.note'),
  };
  const onSubmit = (event: FormEvent) =>
    sealing.submit(event, StockCheckInputSchema, record(), (stockCheck: never, passphrase) =>
      api().recordStockCheck({ stockCheck, passphrase }),
    );

  return (
    <form aria-labelledby="place-title" noValidate autoComplete="off" onSubmit={onSubmit}>
      {corrected !== null && (
        <CorrectionCard
          corrected={corrected.view}
          correctsId={corrected.id}
          error={sealing.errorAt('correction')}
          reason={{ value: correctionReason, onChange: setCorrectionReason }}
        />
      )}
      <section className="card" aria-labelledby={ids.list}>
        <h2 id={ids.list}>{t('stockCheck.expected', { count: items.length })}</h2>
        <Labelled id={ids.scan} label={t('stockCheck.scan')} hint={t('stockCheck.scanHint')}>
          <input
            id={ids.scan}
            type="text"
            className="input--mono"
            value={scan}
            spellCheck={false}
            onChange={(event) => setScan(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                onScan();
              }
            }}
          />
        </Labelled>
        <p role="status" className="field__hint" data-testid="scan-outcome">
          {scanNote}
        </p>
        {items.length === 0 ? (
          <p className="field__hint">{t('site.holdsNothing')}</p>
        ) : (
          <div className="table-wrap">
            <table className="table table--compact">
              <thead>
                <tr>
                  <th scope="col">{t('columns.serial')}</th>
                  <th scope="col">{t('columns.item')}</th>
                  <th scope="col">{t('stockCheck.expectedAmount')}</th>
                  <th scope="col">{t('stockCheck.foundAmount')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <tr key={item.id}>
                    <td>
                      <ItemIdentityCell item={item} />
                    </td>
                    <td>
                      <ItemTypeCell item={item} link={false} />
                    </td>
                    <td>{amountText(item, expectedOf(item))}</td>
                    <td>
                      {item.kind === 'weapon' || item.quantityUnit === null ? (
                        <label className="record-actions__check">
                          <input
                            type="checkbox"
                            checked={found[item.id] !== undefined}
                            onChange={(event) =>
                              setAmount(item.id, event.target.checked ? '1' : undefined)
                            }
                          />
                          {t('stockCheck.foundOne', { item: itemName(item) })}
                        </label>
                      ) : (
                        <input
                          type="text"
                          inputMode="decimal"
                          className="input--short"
                          aria-label={t('stockCheck.countOf', {
                            item: itemName(item),
                            unit: labels.known('quantityUnit', item.quantityUnit) ?? '',
                          })}
                          value={found[item.id] ?? ''}
                          onChange={(event) =>
                            setAmount(
                              item.id,
                              event.target.value === '' ? undefined : event.target.value,
                            )
                          }
                        />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="card" aria-labelledby={ids.unlisted}>
        <h2 id={ids.unlisted}>{t('stockCheck.unlisted')}</h2>
        <p className="field__hint">{t('stockCheck.unlistedHint')}</p>
        {unlisted.map((entry, index) => (
          <div
            className="grid__row"
            key={entry.key}
            role="group"
            aria-label={t('stockCheck.unlistedN', { n: index + 1 })}
          >
            <Labelled
              id={`${ids.unlisted}-d${entry.key}`}
              error={sealing.errorAt(`unlistedFinds.${index}.description`)}
              label={t('stockCheck.description')}
              required
            >
              <input
                id={`${ids.unlisted}-d${entry.key}`}
                type="text"
                value={entry.description}
                onChange={(event) =>
                  setUnlisted((current) =>
                    current.map((other) =>
                      other.key === entry.key
                        ? { ...other, description: event.target.value }
                        : other,
                    ),
                  )
                }
              />
            </Labelled>
            <Labelled
              id={`${ids.unlisted}-s${entry.key}`}
              error={sealing.errorAt(`unlistedFinds.${index}.serialNumber`)}
              label={t('columns.serial')}
            >
              <input
                id={`${ids.unlisted}-s${entry.key}`}
                type="text"
                className="input--mono"
                value={entry.serialNumber}
                onChange={(event) =>
                  setUnlisted((current) =>
                    current.map((other) =>
                      other.key === entry.key
                        ? { ...other, serialNumber: event.target.value }
                        : other,
                    ),
                  )
                }
              />
            </Labelled>
            <button
              type="button"
              className="button button--small"
              onClick={() =>
                setUnlisted((current) => current.filter((other) => other.key !== entry.key))
              }
            >
              {t('form2.remove')}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button button--small"
          onClick={() =>
            setUnlisted((current) => [
              ...current,
              { key: Date.now(), description: '', serialNumber: '' },
            ])
          }
        >
          {t('stockCheck.addUnlisted')}
        </button>
      </section>
      <section className="card" aria-labelledby={ids.preview} aria-live="polite">
        <h2 id={ids.preview}>{t('stockCheck.preview', { count: discrepancies.length })}</h2>
        {discrepancies.length === 0 ? (
          <p className="field__hint">{t('stockCheck.noDiscrepancy')}</p>
        ) : (
          <ul data-testid="discrepancy-preview">
            {discrepancies.map((entry) => (
              <li key={entry.key}>
                {t(`stockCheck.kind.${entry.kind}`)}:{' '}
                {entry.item !== null
                  ? itemName(entry.item)
                  : [entry.entry.description, entry.entry.serialNumber]
                      .filter((part) => part !== '')
                      .join(' · ')}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card">
        <div className="grid">
          <Labelled
            id={ids.countedBy}
            error={sealing.errorAt('countedBy')}
            label={t('stockCheck.countedBy')}
            required
          >
            <input
              id={ids.countedBy}
              type="text"
              value={countedBy}
              onChange={(event) => setCountedBy(event.target.value)}
            />
          </Labelled>
          <CustodyField
            label={t('stockCheck.checkedAt')}
            required
            error={sealing.errorAt('checkedAt')}
          >
            {(a11y) => (
              <MomentInputs
                control={a11y}
                value={checkedAt}
                onChange={setCheckedAt}
                timeLabel={t('stockCheck.checkedAtTime')}
                nowLabel={t('stockCheck.checkedAtNow')}
              />
            )}
          </CustodyField>
        </div>
        <Labelled id={ids.note} error={sealing.errorAt('note')} label={t('stockCheck.note')}>
          <textarea
            id={ids.note}
            rows={3}
            value={note}
            onChange={(event) => setNote(event.target.value)}
          />
        </Labelled>
      </section>
      <IssueList
        issues={sealing.issues}
        fieldLabel={(path) => fieldLabels[path.split('.')[0] ?? ''] ?? path}
      />
      <SealFooter sealing={sealing} saveLabel={t('stockCheck.save')} cancelHref={cancelHref} />
    </form>
  );
}
