import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  ImportWatchListResult,
  WatchListSummary,
} from '../../../shared/ipc/procedures/watch-list.ts';
import { useCurrentUser } from '../../app/SessionProvider.tsx';
import { api } from '../../api.ts';
import { useErrorText } from '../../components/ErrorMessage.tsx';
import { useFormatters } from '../records/format.ts';

const importModes = ['replace', 'add'] as const;

/**
 * Watch lists (issue 15): serials of interest, for example a national register of lost and
 * stolen firearms, imported from a CSV file. Everyone sees which lists the serial check uses;
 * administrators and team leads import and remove them (main checks it again).
 */
export function WatchListSection() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const format = useFormatters();
  const me = useCurrentUser();
  const mayManage = me.role === 'administrator' || me.role === 'team_lead';
  const titleId = useId();
  const nameId = useId();
  const fileId = useId();
  const [lists, setLists] = useState<WatchListSummary[] | null>(null);
  const [listName, setListName] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<'replace' | 'add'>('replace');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ImportWatchListResult | null>(null);
  const [failure, setFailure] = useState<{ error: unknown } | null>(null);

  const refresh = useCallback(
    () =>
      api()
        .listWatchLists()
        .then(
          (result) => setLists(result.lists),
          (error: unknown) => setFailure({ error }),
        ),
    [],
  );
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || file === null || listName.trim() === '') return;
    setBusy(true);
    setFailure(null);
    setOutcome(null);
    try {
      const csv = await file.text();
      const result = await api().importWatchList({ listName, fileName: file.name, csv, mode });
      setOutcome(result);
      if (result.ok) await refresh();
    } catch (error) {
      setFailure({ error });
    } finally {
      setBusy(false);
    }
  };

  const remove = async (name: string) => {
    setFailure(null);
    setOutcome(null);
    try {
      await api().removeWatchList({ listName: name });
      await refresh();
    } catch (error) {
      setFailure({ error });
    }
  };

  return (
    <section className="card stack" aria-labelledby={titleId} data-testid="watch-lists">
      <h2 id={titleId}>{t('settings.watchList.title')}</h2>
      <p className="field__hint">{t('settings.watchList.hint')}</p>
      {lists !== null && lists.length === 0 && <p>{t('settings.watchList.none')}</p>}
      {lists !== null && lists.length > 0 && (
        <ul className="stack">
          {lists.map((list) => (
            <li key={list.name}>
              <strong>{list.name}</strong>
              {' · '}
              {t('settings.watchList.entries', { count: list.entries })}
              {' · '}
              {t('settings.watchList.imported', {
                date: format.date(list.importedAt.slice(0, 10)),
                name: list.importedByName ?? list.importedBy,
              })}
              {list.fileName !== '' && ` · ${list.fileName}`}
              {mayManage && (
                <>
                  {' '}
                  <button
                    type="button"
                    className="button button--small"
                    onClick={() => void remove(list.name)}
                    aria-label={t('settings.watchList.removeNamed', { name: list.name })}
                  >
                    {t('settings.watchList.remove')}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {mayManage ? (
        <form className="stack" onSubmit={(event) => void submit(event)} aria-busy={busy}>
          <div className="field">
            <label htmlFor={nameId}>{t('settings.watchList.listName')}</label>
            <input
              id={nameId}
              type="text"
              value={listName}
              maxLength={120}
              onChange={(event) => setListName(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={fileId}>{t('settings.watchList.file')}</label>
            <input
              id={fileId}
              type="file"
              accept=".csv,text/csv"
              onChange={(event) => setFile(event.target.files?.[0] ?? null)}
            />
            <p className="field__hint">{t('settings.watchList.fileHint')}</p>
          </div>
          <fieldset className="choices">
            <legend>{t('settings.watchList.mode')}</legend>
            {importModes.map((choice) => (
              <label key={choice} className="choice">
                <input
                  type="radio"
                  name="watch-list-mode"
                  value={choice}
                  checked={mode === choice}
                  onChange={() => setMode(choice)}
                />
                {t(`settings.watchList.modes.${choice}`)}
              </label>
            ))}
          </fieldset>
          <div className="actions">
            <button
              type="submit"
              className="button"
              aria-disabled={busy || file === null || listName.trim() === ''}
            >
              {busy ? t('settings.watchList.importing') : t('settings.watchList.import')}
            </button>
          </div>
        </form>
      ) : (
        <p className="field__hint">{t('settings.watchList.onlyManagers')}</p>
      )}
      {outcome?.ok === true && (
        <p className="notice" role="status">
          {t('settings.watchList.done', { count: outcome.imported, replaced: outcome.replaced })}
        </p>
      )}
      {outcome?.ok === false && (
        <div className="notice notice--error" role="alert">
          {outcome.fileProblem !== null ? (
            <p>
              {t(`settings.watchList.fileProblem.${outcome.fileProblem}`, {
                header: (outcome.header ?? []).join(', '),
              })}
            </p>
          ) : (
            <>
              <p>{t('settings.watchList.rowErrors', { count: outcome.rowErrorCount })}</p>
              <ul>
                {outcome.rowErrors.map((error) => (
                  <li key={error.row}>
                    {t('settings.watchList.row', { row: error.row })}{' '}
                    {error.problems
                      .map((problem) => t(`settings.watchList.problem.${problem}`))
                      .join('; ')}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      {failure !== null && (
        <p className="notice notice--error" role="alert">
          {errorText(failure.error)}
        </p>
      )}
    </section>
  );
}
