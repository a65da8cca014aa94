import { useCallback, useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  registerExportFormats,
  RegisterPageSchema,
  RegisterQuerySchema,
  type RegisterItem,
} from '../../../shared/console/console-data.ts';
import { consoleDataApiPaths } from '../../../shared/console/overview.ts';
import { consoleApiPrefix } from '../../../shared/console/api.ts';
import { lifecycleStatusValues } from '../../../shared/domain/enums.ts';
import { itemKinds } from '../../../shared/records/intake-items.ts';
import { consoleApi } from '../api-client.ts';
import { useHashSegments } from '../app/use-hash-route.ts';
import { ErrorNotice } from '../parts/ErrorNotice.tsx';
import { TeamOptions } from '../parts/TeamOptions.tsx';
import { useLoad } from '../parts/use-load.ts';
import { useSubmit } from '../parts/use-submit.ts';
import { useTeams } from '../parts/use-teams.ts';
import { RecordPage } from './RecordPage.tsx';
import { numberFormat } from '../../../shared/i18n/formats.ts';
import { dayText } from '../parts/time-text.ts';

type LooseT = (key: string, options?: Record<string, unknown>) => string;

/** The search form's fields: the register query's, as the form's text. */
const fields = [
  'serial',
  'make',
  'calibre',
  'kind',
  'itemType',
  'status',
  'jurisdiction',
  'from',
  'to',
  'teamId',
] as const;
type Field = (typeof fields)[number];
type Search = Partial<Record<Field, string>>;

/**
 * The search form, in order: free text and dates, or a choice among the values given; then the
 * team's scope, a choice among the server's teams.
 */
const searchForm: ReadonlyArray<{
  readonly field: Field;
  readonly hint?: string;
  readonly choices?: { readonly values: readonly string[]; readonly labels: string };
}> = [
  { field: 'serial', hint: 'register.serialHint' },
  { field: 'make' },
  { field: 'calibre' },
  { field: 'kind', choices: { values: itemKinds, labels: 'register.kinds' } },
  { field: 'itemType' },
  { field: 'status', choices: { values: lifecycleStatusValues, labels: 'register.statuses' } },
  { field: 'jurisdiction' },
  { field: 'from' },
  { field: 'to' },
];

/** `?serial=…&make=…` → the search; unknown or empty parameters are left out. */
function searchOf(text: string): Search {
  const params = new URLSearchParams(text.replace(/^\?/, ''));
  const search: Search = {};
  for (const field of fields) {
    const value = params.get(field);
    if (value !== null && value.trim() !== '') search[field] = value;
  }
  return search;
}

function searchText(search: Search, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const field of fields) {
    const value = search[field]?.trim();
    if (value) params.set(field, value);
  }
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}

/**
 * The records area: `#/records/?serial=…` is the register (search, a page of items at a time,
 * exports of every row the search finds); `#/records/<record id>` is one record's page.
 */
export function RecordsArea() {
  const [, second] = useHashSegments();
  if (second !== undefined && !second.startsWith('?')) {
    return <RecordPage key={second} recordId={second} />;
  }
  return <RegisterPage initial={searchOf(second ?? '')} />;
}

/**
 * The register: every item the laptops pushed, searched by the fields people ask about, for the
 * whole country or one team's scope; the export takes the same search.
 */
function RegisterPage({ initial }: { initial: Search }) {
  const { t, i18n } = useTranslation();
  const loose = t as unknown as LooseT;
  const formId = useId();
  const teams = useTeams();
  const [search, setSearch] = useState<Search>(initial);
  const [draft, setDraft] = useState<Search>(initial);
  const load = useCallback(
    () =>
      consoleApi.get(`${consoleDataApiPaths.register}?${searchText(search)}`, RegisterPageSchema),
    [search],
  );
  const { data, error } = useLoad(load);
  const [more, setMore] = useState<{ items: RegisterItem[]; next: string | null } | null>(null);
  const moreRun = useSubmit();
  const items = [...(data?.items ?? []), ...(more?.items ?? [])];
  const next = more === null ? (data?.nextCursor ?? null) : more.next;
  const number = useMemo(() => numberFormat(i18n.language), [i18n.language]);
  // The export asks for the same rows as the table: checked by the server's own schema.
  const exportable = RegisterQuerySchema.safeParse(search).success;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSearch(draft);
    setMore(null);
    window.history.replaceState(null, '', `#/records/?${searchText(draft)}`);
  };
  const clear = () => {
    setDraft({});
    setSearch({});
    setMore(null);
    window.history.replaceState(null, '', '#/records');
  };
  const showMore = () =>
    void moreRun.run(async () => {
      if (next === null) return;
      const page = await consoleApi.get(
        `${consoleDataApiPaths.register}?${searchText(search, { cursor: next })}`,
        RegisterPageSchema,
      );
      setMore({ items: [...(more?.items ?? []), ...page.items], next: page.nextCursor });
    });
  const id = (field: Field) => `${formId}-${field}`;
  const textField = (field: Field, hint?: string) => (
    <div className="field" key={field}>
      <label htmlFor={id(field)}>{loose(`register.${field}`)}</label>
      <input
        id={id(field)}
        type={field === 'from' || field === 'to' ? 'date' : 'text'}
        value={draft[field] ?? ''}
        aria-describedby={hint === undefined ? undefined : `${id(field)}-hint`}
        onChange={(event) => setDraft({ ...draft, [field]: event.target.value })}
      />
      {hint !== undefined && (
        <p className="field__hint" id={`${id(field)}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
  const choiceField = (field: Field, values: readonly string[], prefix: string) => (
    <div className="field" key={field}>
      <label htmlFor={id(field)}>{loose(`register.${field}`)}</label>
      <select
        id={id(field)}
        value={draft[field] ?? ''}
        onChange={(event) => setDraft({ ...draft, [field]: event.target.value })}
      >
        <option value="">{t('register.any')}</option>
        {values.map((value) => (
          <option key={value} value={value}>
            {loose(`${prefix}.${value}`)}
          </option>
        ))}
      </select>
    </div>
  );
  const statusText = (status: string) =>
    loose(`register.statuses.${status}`, { defaultValue: status });

  return (
    <>
      <h1>{t('register.title')}</h1>
      <p>{t('register.intro')}</p>
      <form
        className="console-inline-form console-section"
        onSubmit={submit}
        aria-label={t('register.search')}
      >
        {searchForm.map((entry) =>
          entry.choices === undefined
            ? textField(entry.field, entry.hint === undefined ? undefined : loose(entry.hint))
            : choiceField(entry.field, entry.choices.values, entry.choices.labels),
        )}
        <div className="field">
          <label htmlFor={id('teamId')}>{t('register.team')}</label>
          <select
            id={id('teamId')}
            value={draft.teamId ?? ''}
            onChange={(event) => setDraft({ ...draft, teamId: event.target.value })}
          >
            <option value="">{t('register.allTeams')}</option>
            <TeamOptions teams={teams.teams} />
          </select>
        </div>
        <button type="submit" className="button button--primary">
          {t('register.submit')}
        </button>
        <button type="button" className="button" onClick={clear}>
          {t('register.clear')}
        </button>
      </form>
      <ErrorNotice error={error ?? moreRun.error ?? teams.error} />
      {data !== null && items.length === 0 && <p>{t('register.none')}</p>}
      {items.length > 0 && (
        <>
          <div className="console-table-wrap">
            <table className="console-table" aria-label={t('register.title')}>
              <thead>
                <tr>
                  <th scope="col">{t('register.serial')}</th>
                  <th scope="col">{t('register.kind')}</th>
                  <th scope="col">{t('register.make')}</th>
                  <th scope="col">{t('register.calibre')}</th>
                  <th scope="col">{t('register.status')}</th>
                  <th scope="col">{t('register.takenIn')}</th>
                  <th scope="col">{t('register.place')}</th>
                  <th scope="col">{t('register.record')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <tr key={item.id}>
                    <td className="console-serial">
                      {item.serialNumber ??
                        (item.quantityAmount === null
                          ? ''
                          : `${number.format(item.quantityAmount)} ${item.quantityUnit ?? ''}`)}
                    </td>
                    <td>{loose(`register.kinds.${item.kind}`)}</td>
                    <td>{[item.manufacturer, item.model].filter(Boolean).join(' ')}</td>
                    <td>{item.calibre ?? ''}</td>
                    <td>{statusText(item.status)}</td>
                    <td>
                      {item.occurredOn === null ? '' : dayText(i18n.language, item.occurredOn)}
                    </td>
                    <td>{[item.locationName, item.jurisdiction].filter(Boolean).join(', ')}</td>
                    <td>
                      <a href={`#/records/${encodeURIComponent(item.intakeEventId)}`}>
                        {item.recordNumber ?? t('register.record')}
                      </a>
                      {item.recordStatus === 'draft' && ` (${t('register.draft')})`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {next !== null && (
            <p>
              <button type="button" className="button" disabled={moreRun.busy} onClick={showMore}>
                {t('register.more')}
              </button>
            </p>
          )}
        </>
      )}
      {data !== null && items.length > 0 && exportable && (
        <section className="console-section" aria-labelledby={`${formId}-export`}>
          <h2 id={`${formId}-export`}>{t('register.export')}</h2>
          <p className="field__hint">{t('register.exportHint')}</p>
          <p className="console-links">
            {registerExportFormats.map((format) => (
              <a
                key={format}
                download
                href={`${consoleApiPrefix}${consoleDataApiPaths.registerExport}?${searchText(search, { format })}`}
              >
                {format === 'csv' ? t('register.exportCsv') : t('register.exportXlsx')}
              </a>
            ))}
          </p>
        </section>
      )}
    </>
  );
}
