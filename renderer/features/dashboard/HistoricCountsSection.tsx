import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  HistoricCountView,
  HistoricTotal,
  ImportHistoricCountsResult,
} from '../../../shared/ipc/procedures/historic-counts.ts';
import { useCurrentUser } from '../../app/SessionProvider.tsx';
import { api } from '../../api.ts';
import { useDomainValidationText, useEnumLabel } from '../../components/domain-labels.ts';
import { useErrorText } from '../../components/ErrorMessage.tsx';
import { readFileAsBase64 } from '../records/photos.tsx';
import { HistoricCountForm } from './HistoricCountForm.tsx';
import { useFormatters } from '../records/format.ts';
import { useAmountWithUnit } from '../records/quantity-text.ts';

/** Messages the count import gives that are not domain validation keys. */
const importMessages = new Set(['columnMissing']);

/**
 * Historic aggregate counts (issue 15): figures from before item-level records, such as "857
 * weapons destroyed in 2015", kept apart from them and shown with totals per activity, kind and
 * unit (never added across units). Team leads and administrators import them from a CSV or XLSX
 * file: checked first with nothing stored, then imported whole (main checks the role again).
 */
export function HistoricCountsSection() {
  const { t } = useTranslation('reports');
  const enumLabel = useEnumLabel();
  const validationText = useDomainValidationText();
  const errorText = useErrorText();
  const format = useFormatters();
  const me = useCurrentUser();
  const mayImport = me.role === 'administrator' || me.role === 'team_lead';
  const titleId = useId();
  const fileId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const doneMessage = useRef<HTMLSpanElement>(null);
  const [counts, setCounts] = useState<HistoricCountView[] | null>(null);
  const [totals, setTotals] = useState<HistoricTotal[]>([]);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [checked, setChecked] = useState<ImportHistoricCountsResult | null>(null);
  const [imported, setImported] = useState<number | null>(null);
  const [failure, setFailure] = useState<{ error: unknown } | null>(null);

  const refresh = useCallback(
    () =>
      api()
        .listHistoricCounts({})
        .then(
          (result) => {
            setCounts(result.counts);
            setTotals(result.totals);
          },
          (error: unknown) => setFailure({ error }),
        ),
    [],
  );
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const send = async (dryRun: boolean) => {
    if (busy || file === null) return;
    setBusy(true);
    setFailure(null);
    setImported(null);
    try {
      const result = await api().importHistoricCounts({
        fileName: file.name,
        format: file.name.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv',
        dataBase64: await readFileAsBase64(file),
        dryRun,
      });
      if (result.imported) {
        setChecked(null);
        setImported(result.rowCount);
        setFile(null);
        if (fileInput.current !== null) fileInput.current.value = '';
        await refresh();
      } else {
        setChecked(result);
      }
    } catch (error) {
      setFailure({ error });
    } finally {
      setBusy(false);
    }
  };

  // Each outcome takes the focus once shown, so it is read at once and Tab goes on from there.
  useEffect(() => {
    if (checked !== null) resultHeading.current?.focus();
  }, [checked]);
  useEffect(() => {
    if (imported !== null) doneMessage.current?.focus();
  }, [imported]);

  const check = (event: FormEvent) => {
    event.preventDefault();
    void send(true);
  };

  const messageText = (message: string) =>
    importMessages.has(message)
      ? t(`import.message.${message as 'columnMissing'}`)
      : validationText(message);
  const kindLabel = (kind: HistoricTotal['kind']) => enumLabel('quantityKind', kind);
  const contextLabel = (context: NonNullable<HistoricCountView['count']['sourceContext']>) =>
    enumLabel('sourceContext', context);
  const quantity = useAmountWithUnit();
  const period = (count: HistoricCountView['count']) =>
    count.periodFrom.endsWith('-01-01') &&
    count.periodTo === `${count.periodFrom.slice(0, 4)}-12-31`
      ? count.periodFrom.slice(0, 4)
      : `${format.date(count.periodFrom)} – ${format.date(count.periodTo)}`;

  return (
    <section className="card stack" aria-labelledby={titleId} data-testid="historic-counts">
      <h2 id={titleId}>{t('historic.title')}</h2>
      <p className="field__hint">{t('historic.hint')}</p>
      {counts !== null && counts.length === 0 && <p>{t('historic.none')}</p>}
      {totals.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption>{t('historic.totalsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('historic.column.activity')}</th>
                <th scope="col">{t('historic.column.kind')}</th>
                <th scope="col" className="num">
                  {t('historic.column.total')}
                </th>
                <th scope="col" className="num">
                  {t('historic.column.counts')}
                </th>
              </tr>
            </thead>
            <tbody>
              {totals.map((total) => (
                <tr key={`${total.activity}-${total.kind}-${total.unit}`}>
                  <td>{t(`activity.${total.activity}`)}</td>
                  <td>{kindLabel(total.kind)}</td>
                  <td className="num">{quantity(total.amount, total.unit)}</td>
                  <td className="num">{format.number(total.counts)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {counts !== null && counts.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption>{t('historic.countsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('historic.column.period')}</th>
                <th scope="col">{t('historic.column.activity')}</th>
                <th scope="col">{t('historic.column.kind')}</th>
                <th scope="col" className="num">
                  {t('historic.column.amount')}
                </th>
                <th scope="col">{t('historic.column.source')}</th>
                <th scope="col">{t('historic.column.enteredBy')}</th>
              </tr>
            </thead>
            <tbody>
              {counts.map(({ count, createdBy, createdAt }) => (
                <tr key={count.id}>
                  <td>{period(count)}</td>
                  <td>
                    {t(`activity.${count.activity}`)}
                    {count.sourceContext !== undefined && ` (${contextLabel(count.sourceContext)})`}
                  </td>
                  <td>
                    {kindLabel(count.quantity.kind)}
                    {count.description !== undefined && ` · ${count.description}`}
                  </td>
                  <td className="num">{quantity(count.quantity.amount, count.quantity.unit)}</td>
                  <td>{count.source}</td>
                  <td>
                    {createdBy.name}, {format.date(createdAt.slice(0, 10))}
                    {count.importedFrom !== undefined && (
                      <>
                        <br />
                        <span className="field__hint">
                          {t('historic.importedFrom', {
                            file: count.importedFrom.fileName,
                            row: count.importedFrom.row,
                          })}
                        </span>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {mayImport && <HistoricCountForm onSaved={() => void refresh()} />}
      {mayImport ? (
        <form className="stack" onSubmit={check} aria-busy={busy}>
          <h3>{t('import.title')}</h3>
          <div className="field">
            <label htmlFor={fileId}>{t('import.file')}</label>
            <input
              id={fileId}
              ref={fileInput}
              type="file"
              accept=".csv,.xlsx,text/csv"
              onChange={(event) => {
                setFile(event.target.files?.[0] ?? null);
                setChecked(null);
                setImported(null);
              }}
            />
            <p className="field__hint">
              {t('import.fileHint')}{' '}
              <a href="import-template-historic-counts.csv" download>
                {t('import.template')}
              </a>
            </p>
          </div>
          <div className="actions">
            <button type="submit" className="button" aria-disabled={busy || file === null}>
              {busy ? t('import.working') : t('import.check')}
            </button>
          </div>
        </form>
      ) : (
        <p className="field__hint">{t('import.onlyLeads')}</p>
      )}
      {checked !== null && (
        <div
          className={checked.errorCount > 0 ? 'notice notice--error stack' : 'notice stack'}
          role={checked.errorCount > 0 ? 'alert' : 'status'}
        >
          <h3 ref={resultHeading} tabIndex={-1}>
            {checked.errorCount > 0
              ? t('import.hasErrors', { count: checked.errorCount })
              : t('import.ready', { count: checked.rowCount })}
          </h3>
          {checked.errorCount > 0 ? (
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('import.row')}</th>
                    <th scope="col">{t('import.column')}</th>
                    <th scope="col">{t('import.problem')}</th>
                    <th scope="col">{t('import.value')}</th>
                  </tr>
                </thead>
                <tbody>
                  {checked.errors.map((error) => (
                    <tr key={`${error.row}-${error.column}-${error.message}`}>
                      <td>{error.row}</td>
                      <td>
                        <code>{error.column}</code>
                      </td>
                      <td>{messageText(error.message)}</td>
                      <td>{error.value ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <>
              <ul>
                {checked.totals.map((total) => (
                  <li key={`${total.activity}-${total.kind}-${total.unit}`}>
                    {t(`activity.${total.activity}`)}: {kindLabel(total.kind)},{' '}
                    {quantity(total.amount, total.unit)}
                  </li>
                ))}
              </ul>
              <div className="actions">
                <button
                  type="button"
                  className="button button--primary"
                  aria-disabled={busy}
                  onClick={() => void send(false)}
                >
                  {t('import.confirm', { count: checked.rowCount })}
                </button>
              </div>
            </>
          )}
        </div>
      )}
      {imported !== null && (
        <p className="notice" role="status">
          <span ref={doneMessage} tabIndex={-1}>
            {t('import.done', { count: imported })}
          </span>
        </p>
      )}
      {failure !== null && (
        <p className="notice notice--error" role="alert">
          {errorText(failure.error)}
        </p>
      )}
    </section>
  );
}
