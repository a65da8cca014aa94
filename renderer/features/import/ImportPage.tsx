import { useCallback, useEffect, useId, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { importMessageKeys, type ImportError } from '../../../shared/import/intake-import.ts';
import { templateColumn, templateColumnNames } from '../../../shared/import/intake-template.ts';
import { IpcError } from '../../../shared/ipc/errors.ts';
import {
  maxImportFileBytes,
  type ImportPreview,
  type ImportResult,
} from '../../../shared/ipc/procedures/import.ts';
import { api } from '../../api.ts';
import { useCurrentUser } from '../../app/SessionProvider.tsx';
import { useDomainValidationText } from '../../components/domain-labels.ts';
import { useErrorText } from '../../components/ErrorMessage.tsx';
import { useFormatters } from '../records/format.ts';
import { useIntakeRights } from '../records/use-intake-rights.ts';
import { importFormatOf, ReadAborted, sendImportFile } from './read-file.ts';
import './import.css';

type ImportMessageKey = (typeof importMessageKeys)[number];
const importKeys: ReadonlySet<string> = new Set(importMessageKeys);
const isImportKey = (key: string): key is ImportMessageKey => importKeys.has(key);

/** The template as the app ships it (renderer/public), saved by the browser or Electron. */
const templateHref = './import-template-intake.csv';
/** Records linked from the result: enough to check a few, not a second records list. */
const linkedRecords = 10;

interface ChosenFile {
  readonly file: File;
  readonly format: 'csv' | 'xlsx';
}

type Phase =
  | { readonly kind: 'choose' }
  | { readonly kind: 'reading'; readonly loaded: number; readonly total: number }
  | { readonly kind: 'checking' }
  | { readonly kind: 'ready' }
  | { readonly kind: 'confirming' }
  | { readonly kind: 'done'; readonly result: ImportResult };

type Notice =
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'error'; readonly text: string }
  | { readonly kind: 'confirmFailed' }
  | { readonly kind: 'expired' };

/** A token main no longer needs to keep; it may already be gone (replaced, or main restarted). */
function discard(token: string): void {
  void api()
    .cancelImport({ token })
    .catch(() => undefined);
}

/**
 * `#/records/import`: intake records from a CSV or XLSX register (issue 15). The file is sent to
 * main in parts and checked there; main keeps it under a token; nothing is stored until the person
 * confirms, and confirming writes every record or none, in one transaction. The column mapping
 * can be changed, which checks the file again. Main checks the person's role too.
 */
export function ImportPage() {
  const { t } = useTranslation('records');
  const rights = useIntakeRights();
  const errorText = useErrorText();
  const format = useFormatters();
  const fileId = useId();
  const fileHintId = useId();
  const [phase, setPhase] = useState<Phase>({ kind: 'choose' });
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  // The mapping as the person set it: a changed select keeps its new value while main checks.
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const checkedMapping = useRef<Record<string, string>>({});
  const [notice, setNotice] = useState<Notice | null>(null);
  // Each read or check belongs to one generation; Cancel or a newer one makes it stale, and a
  // stale answer is dropped (its token discarded) instead of overwriting the screen.
  const generation = useRef(0);
  const abortRead = useRef<(() => void) | null>(null);
  const token = useRef<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const summaryHeading = useRef<HTMLHeadingElement>(null);
  const doneHeading = useRef<HTMLHeadingElement>(null);
  const focusSummary = useRef(false);
  const focusFile = useRef(false);

  // Leaving the page leaves nothing open in main.
  useEffect(
    () => () => {
      generation.current += 1;
      abortRead.current?.();
      if (token.current !== null) discard(token.current);
    },
    [],
  );

  useEffect(() => {
    if (phase.kind === 'ready' && focusSummary.current) {
      focusSummary.current = false;
      summaryHeading.current?.focus();
    }
    if (phase.kind === 'done') doneHeading.current?.focus();
    if (phase.kind === 'choose' && focusFile.current) {
      focusFile.current = false;
      fileInput.current?.focus();
    }
  }, [phase.kind]);

  const failureText = useCallback(
    (error: unknown) =>
      error instanceof IpcError && error.issues.some((issue) => issue.message === 'unreadableFile')
        ? t('import.message.unreadableFile')
        : error instanceof IpcError &&
            error.issues.some((issue) => issue.message === 'historicCountsFile')
          ? t('import.message.historicCountsFile')
          : errorText(error),
    [errorText, t],
  );

  /** Main checks the file it holds under the token; a stale answer (Cancel, a newer check) is dropped. */
  const check = useCallback(
    async (mapping: Record<string, string> | undefined, first: boolean) => {
      const current = token.current;
      if (current === null) return;
      const mine = ++generation.current;
      setPhase({ kind: 'checking' });
      try {
        const answer = await api().previewImport({
          token: current,
          ...(mapping === undefined ? {} : { mapping }),
        });
        if (mine !== generation.current) return;
        focusSummary.current = first;
        setPreview(answer);
        checkedMapping.current = answer.mapping;
        setMapping(answer.mapping);
        setPhase({ kind: 'ready' });
      } catch (error) {
        if (mine !== generation.current) return;
        setNotice({ kind: 'error', text: failureText(error) });
        // The last preview stands, with the mapping it was made with.
        setMapping(checkedMapping.current);
        setPhase(first ? { kind: 'choose' } : { kind: 'ready' });
      }
    },
    [failureText],
  );

  /**
   * Sends the file to main, with the bar moving as its parts arrive. True once main holds it
   * whole under `token`; false when cancelled or failed (the notice says which).
   */
  const send = useCallback(
    async (chosen: ChosenFile): Promise<boolean> => {
      const mine = ++generation.current;
      setPhase({ kind: 'reading', loaded: 0, total: chosen.file.size });
      const sending = sendImportFile(
        chosen.file,
        chosen.format,
        (given) => {
          if (mine === generation.current) token.current = given;
          else discard(given);
        },
        (loaded, total) => {
          if (mine === generation.current) setPhase({ kind: 'reading', loaded, total });
        },
      );
      abortRead.current = sending.abort;
      try {
        await sending.done;
        return mine === generation.current;
      } catch (error) {
        if (mine !== generation.current || error instanceof ReadAborted) return false;
        setNotice({
          kind: 'error',
          text: error instanceof IpcError ? errorText(error) : t('import.readFailed'),
        });
        if (token.current !== null) discard(token.current);
        token.current = null;
        setPhase({ kind: 'choose' });
        return false;
      } finally {
        if (abortRead.current === sending.abort) abortRead.current = null;
      }
    },
    [errorText, t],
  );

  /** Back to no file: `keepInput` when the person has just picked the next one. */
  const reset = (keepInput = false) => {
    generation.current += 1;
    abortRead.current?.();
    abortRead.current = null;
    if (token.current !== null) discard(token.current);
    token.current = null;
    setFile(null);
    setPreview(null);
    setPhase({ kind: 'choose' });
    if (!keepInput && fileInput.current !== null) fileInput.current.value = '';
  };

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const picked = event.target.files?.[0];
    reset(true);
    setNotice(null);
    if (picked === undefined) return;
    const pickedFormat = importFormatOf(picked.name);
    if (pickedFormat === null) {
      setNotice({ kind: 'error', text: t('import.wrongType') });
      return;
    }
    if (picked.size > maxImportFileBytes) {
      setNotice({
        kind: 'error',
        text: t('import.tooLarge', { size: format.number(maxImportFileBytes / 1024 / 1024) }),
      });
      return;
    }
    if (picked.size === 0) {
      setNotice({ kind: 'error', text: t('import.emptyFile') });
      return;
    }
    const chosen: ChosenFile = { file: picked, format: pickedFormat };
    if (!(await send(chosen))) return;
    setFile(chosen);
    await check(undefined, true);
  };

  const cancel = () => {
    reset();
    setNotice({ kind: 'cancelled' });
    fileInput.current?.focus();
  };

  const remap = (header: string, target: string) => {
    if (file === null || preview === null) return;
    setNotice(null);
    const next = { ...mapping, [header]: target };
    setMapping(next);
    void check(next, false);
  };

  const confirm = async () => {
    const current = token.current;
    if (current === null || file === null || preview === null) return;
    if (preview.errorCount > 0 || preview.eventCount === 0) return;
    setNotice(null);
    setPhase({ kind: 'confirming' });
    try {
      const result = await api().confirmImport({ token: current });
      token.current = null;
      setPhase({ kind: 'done', result });
    } catch (error) {
      if (error instanceof IpcError && error.code === 'VALIDATION_ERROR') {
        // Something changed since the preview (a place renamed, the date passed): nothing was
        // stored; checking again shows what is wrong now, at its row and column.
        setNotice({ kind: 'confirmFailed' });
        await check(preview.mapping, false);
      } else if (error instanceof IpcError && error.code === 'NOT_FOUND') {
        // Main no longer holds this preview (restarted, or replaced by a preview elsewhere); the
        // file is still here, so it is checked again rather than asked for again.
        setNotice({ kind: 'expired' });
        token.current = null;
        if (await send(file)) await check(preview.mapping, false);
      } else {
        setNotice({ kind: 'error', text: errorText(error) });
        setPhase({ kind: 'ready' });
      }
    }
  };

  const another = () => {
    focusFile.current = true;
    reset();
    setNotice(null);
  };

  if (!(rights.create && rights.finalise)) {
    return (
      <section aria-labelledby="import-title" className="import-page">
        <BackLink />
        <h1 id="import-title">{t('import.title')}</h1>
        <p className="notice">{t('import.notAllowed')}</p>
      </section>
    );
  }

  const working = phase.kind === 'reading' || phase.kind === 'checking';
  return (
    <section aria-labelledby="import-title" className="import-page">
      <BackLink />
      <div className="page-head">
        <h1 id="import-title">{t('import.title')}</h1>
      </div>

      {phase.kind === 'done' ? (
        <ImportDone result={phase.result} headingRef={doneHeading} onAnother={another} />
      ) : (
        <>
          <div className="card stack">
            <p className="import-page__intro">{t('import.intro')}</p>
            <p className="field__hint">
              {t('import.aggregates')} <a href="#/dashboard">{t('import.aggregatesLink')}</a>
            </p>
            <p>
              <a href={templateHref} download="import-template-intake.csv">
                {t('import.template')}
              </a>
            </p>
            <div className="field">
              <label htmlFor={fileId}>{t('import.file')}</label>
              <input
                id={fileId}
                ref={fileInput}
                type="file"
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                aria-describedby={fileHintId}
                disabled={phase.kind === 'confirming'}
                onChange={(event) => void choose(event)}
              />
              <p id={fileHintId} className="field__hint">
                {t('import.fileHint', {
                  size: format.number(maxImportFileBytes / 1024 / 1024),
                })}
              </p>
            </div>
          </div>

          {working && (
            <div className="card import-page__progress">
              <p role="status">
                {phase.kind === 'reading' ? t('import.reading') : t('import.checking')}
              </p>
              {phase.kind === 'reading' ? (
                <progress
                  max={Math.max(phase.total, 1)}
                  value={phase.loaded}
                  aria-label={t('import.reading')}
                />
              ) : (
                <progress aria-label={t('import.checking')} />
              )}
              {/* Once there is a preview, its own Cancel button does this. */}
              {preview === null && (
                <div className="actions">
                  <button type="button" className="button" onClick={cancel}>
                    {t('import.cancel')}
                  </button>
                </div>
              )}
            </div>
          )}

          {notice !== null && <NoticeText notice={notice} />}

          {preview !== null && (
            <PreviewPanel
              preview={preview}
              fileName={file?.file.name ?? ''}
              checking={phase.kind === 'checking'}
              confirming={phase.kind === 'confirming'}
              headingRef={summaryHeading}
              mapping={mapping}
              onRemap={remap}
              onConfirm={() => void confirm()}
              onCancel={cancel}
            />
          )}
        </>
      )}
    </section>
  );
}

function BackLink() {
  const { t } = useTranslation('records');
  return (
    <p className="back">
      <a href="#/records">{t('editor.back')}</a>
    </p>
  );
}

function NoticeText({ notice }: { notice: Notice }) {
  const { t } = useTranslation('records');
  if (notice.kind === 'cancelled' || notice.kind === 'expired') {
    return (
      <p className="notice" role="status">
        {notice.kind === 'cancelled' ? t('import.cancelled') : t('import.expired')}
      </p>
    );
  }
  return (
    <p className="notice notice--error" role="alert">
      {notice.kind === 'confirmFailed' ? t('import.confirmFailed') : notice.text}
    </p>
  );
}

function PreviewPanel({
  preview,
  fileName,
  checking,
  confirming,
  headingRef,
  mapping,
  onRemap,
  onConfirm,
  onCancel,
}: {
  preview: ImportPreview;
  fileName: string;
  checking: boolean;
  confirming: boolean;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
  mapping: Readonly<Record<string, string>>;
  onRemap: (header: string, target: string) => void;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('records');
  const format = useFormatters();
  const me = useCurrentUser();
  const headingId = useId();
  const blockedId = useId();
  const blocked = preview.errorCount > 0 || preview.eventCount === 0;
  return (
    <div className="import-page__preview" aria-busy={checking}>
      <section className="card" aria-labelledby={headingId}>
        <h2 id={headingId} ref={headingRef} tabIndex={-1}>
          {t('import.summaryTitle', { fileName })}
        </h2>
        <dl className="import-counts" aria-label={t('import.countsLabel')}>
          <div>
            <dt>{t('import.rows')}</dt>
            <dd>{format.number(preview.rowCount)}</dd>
          </div>
          <div>
            <dt>{t('import.events')}</dt>
            <dd>{format.number(preview.eventCount)}</dd>
          </div>
          <div>
            <dt>{t('import.items')}</dt>
            <dd>{format.number(preview.itemCount)}</dd>
          </div>
          <div className={preview.errorCount > 0 ? 'import-counts__errors' : undefined}>
            <dt>{t('import.errors')}</dt>
            <dd>{format.number(preview.errorCount)}</dd>
          </div>
        </dl>
        <p className="field__hint">{t('import.allOrNothing', { name: me.name })}</p>
        {confirming ? (
          <div className="import-page__progress">
            <p role="status">{t('import.importing')}</p>
            <progress aria-label={t('import.importing')} />
          </div>
        ) : (
          <div className="actions">
            <button
              type="button"
              className="button button--primary"
              disabled={blocked || checking}
              aria-describedby={blocked ? blockedId : undefined}
              onClick={onConfirm}
            >
              {t('import.confirm')}
            </button>
            <button type="button" className="button" onClick={onCancel}>
              {t('import.cancel')}
            </button>
            {blocked && (
              <span id={blockedId} className="actions__status">
                {preview.eventCount === 0 && preview.errorCount === 0
                  ? t('import.nothingToImport')
                  : t('import.fixFirst')}
              </span>
            )}
          </div>
        )}
      </section>

      {preview.errorCount > 0 && <ErrorGroups preview={preview} />}
      <MappingTable preview={preview} mapping={mapping} disabled={confirming} onRemap={onRemap} />
    </div>
  );
}

function useColumnLabel(): (column: string) => string {
  const { t } = useTranslation('records');
  return (column) => (column === '' ? t('import.wholeRow') : column);
}

function MappingTable({
  preview,
  mapping,
  disabled,
  onRemap,
}: {
  preview: ImportPreview;
  mapping: Readonly<Record<string, string>>;
  disabled: boolean;
  onRemap: (header: string, target: string) => void;
}) {
  const { t } = useTranslation('records');
  const format = useFormatters();
  const headingId = useId();
  const baseId = useId();
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('import.mappingTitle')}</h2>
      <p className="field__hint">{t('import.mappingHint')}</p>
      <div className="table-wrap">
        <table className="table table--compact import-mapping">
          <thead>
            <tr>
              <th scope="col">{t('import.fileColumn')}</th>
              <th scope="col">{t('import.templateColumn')}</th>
              <th scope="col" className="num">
                {t('import.errors')}
              </th>
            </tr>
          </thead>
          <tbody>
            {preview.headers.map((header, index) => {
              const target = mapping[header] ?? '';
              // Counted by the preview's mapping: a changed select shows its new count once checked.
              const checked = preview.mapping[header] ?? '';
              const errors = checked === '' ? 0 : (preview.errorsByColumn[checked] ?? 0);
              const id = `${baseId}-${index}`;
              return (
                <tr key={`${index}:${header}`}>
                  <th scope="row">
                    <label htmlFor={id} className="import-mapping__header">
                      {header === '' ? t('import.noHeader', { number: index + 1 }) : header}
                    </label>
                  </th>
                  <td>
                    <select
                      id={id}
                      className="input--mono"
                      value={target}
                      disabled={disabled}
                      aria-invalid={errors > 0 || undefined}
                      onChange={(event) => onRemap(header, event.target.value)}
                    >
                      <option value="">{t('import.ignore')}</option>
                      {templateColumnNames.map((name) => (
                        <option key={name} value={name}>
                          {name}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="num">
                    {errors > 0 ? (
                      <strong className="import-error-count">{format.number(errors)}</strong>
                    ) : (
                      <span className="muted">{target === '' ? '–' : format.number(0)}</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function ErrorGroups({ preview }: { preview: ImportPreview }) {
  const { t } = useTranslation('records');
  const format = useFormatters();
  const columnLabel = useColumnLabel();
  const headingId = useId();
  // Columns in the order their first error appears in the file.
  const groups = Object.entries(preview.errorsByColumn)
    .map(([column, count]) => ({
      column,
      count,
      errors: preview.errors.filter((error) => error.column === column),
    }))
    .sort(
      (a, b) =>
        (a.errors[0]?.row ?? Number.MAX_SAFE_INTEGER) -
          (b.errors[0]?.row ?? Number.MAX_SAFE_INTEGER) || a.column.localeCompare(b.column),
    );
  return (
    <section className="card import-errors" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('import.errorsTitle')}</h2>
      <p className="field__hint">{t('import.errorsHint')}</p>
      {groups.map((group) => (
        <ErrorGroup
          key={group.column}
          label={columnLabel(group.column)}
          mono={group.column !== ''}
          column={group.column}
          count={group.count}
          errors={group.errors}
          countText={
            group.count > group.errors.length
              ? t('import.shownOf', {
                  shown: format.number(group.errors.length),
                  count: format.number(group.count),
                })
              : t('import.errorCount', { count: format.number(group.count) })
          }
        />
      ))}
    </section>
  );
}

function ErrorGroup({
  label,
  mono,
  column,
  errors,
  countText,
}: {
  label: string;
  mono: boolean;
  column: string;
  count: number;
  errors: readonly ImportError[];
  countText: string;
}) {
  const { t } = useTranslation('records');
  const format = useFormatters();
  const messageText = useImportMessageText();
  const headingId = useId();
  const allowed = templateColumn(column)?.values;
  const showAllowed =
    allowed !== undefined && errors.some((error) => error.message === 'invalidOption');
  return (
    <section className="import-errors__group" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <span className={mono ? 'mono' : undefined}>{label}</span>{' '}
        <span className="import-errors__count">{countText}</span>
      </h3>
      <div className="table-wrap">
        <table className="table table--compact import-errors__table">
          <thead>
            <tr>
              <th scope="col" className="num">
                {t('import.errorRow')}
              </th>
              <th scope="col">{t('import.errorValue')}</th>
              <th scope="col">{t('import.errorMessage')}</th>
            </tr>
          </thead>
          <tbody>
            {errors.map((error, index) => (
              <tr key={`${error.row}:${index}`}>
                <td className="num">{format.number(error.row)}</td>
                <td className="mono import-errors__value">
                  {error.value === undefined || error.value === '' ? (
                    <span className="muted">{t('import.noValue')}</span>
                  ) : (
                    error.value
                  )}
                </td>
                <td>{messageText(error)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {showAllowed && (
        <details className="import-errors__allowed">
          <summary>{t('import.allowedValues')}</summary>
          <p className="mono">{allowed.join(', ')}</p>
        </details>
      )}
    </section>
  );
}

/** Main sends message keys, never sentences: import keys here, the domain's in `domain`. */
function useImportMessageText(): (error: ImportError) => string {
  const { t } = useTranslation('records');
  const domainText = useDomainValidationText();
  const format = useFormatters();
  return (error) =>
    isImportKey(error.message)
      ? t(`import.message.${error.message}`, {
          firstRow: error.firstRow === undefined ? '' : format.number(error.firstRow),
        })
      : domainText(error.message);
}

function ImportDone({
  result,
  headingRef,
  onAnother,
}: {
  result: ImportResult;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
  onAnother: () => void;
}) {
  const { t } = useTranslation('records');
  const format = useFormatters();
  const headingId = useId();
  const shown = result.records.slice(0, linkedRecords);
  return (
    <section className="card stack" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        {t('import.doneTitle')}
      </h2>
      <dl className="import-counts">
        <div>
          <dt>{t('import.events')}</dt>
          <dd>{format.number(result.eventCount)}</dd>
        </div>
        <div>
          <dt>{t('import.items')}</dt>
          <dd>{format.number(result.itemCount)}</dd>
        </div>
      </dl>
      <p>{t('import.doneHint')}</p>
      {shown.length > 0 && (
        <>
          <h3>
            {result.eventCount > shown.length
              ? t('import.firstRecords', { count: format.number(shown.length) })
              : t('import.theRecords')}
          </h3>
          <ul className="import-done__records">
            {shown.map((record) => (
              <li key={record.id}>
                <a href={`#/records/${encodeURIComponent(record.id)}`} className="mono">
                  {record.recordNumber ?? t('list.noNumber')}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="actions">
        <a className="button button--primary" href="#/records">
          {t('import.toList')}
        </a>
        <button type="button" className="button" onClick={onAnother}>
          {t('import.another')}
        </button>
      </div>
    </section>
  );
}
