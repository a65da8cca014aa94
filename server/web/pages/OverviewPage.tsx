import { useCallback, useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { intakeContextValues } from '../../../shared/domain/enums.ts';
import {
  consoleDataApiPaths,
  OverviewQuerySchema,
  overviewQueryText,
  type OverviewQuery,
} from '../../../shared/console/overview.ts';
import { MeasuresSchema } from '../../../shared/measures/measure-results.ts';
import type { MeasureFilter } from '../../../shared/measures/measure-filter.ts';
import type { QuantityRows } from '../../../shared/measures/measure-results.ts';
import { UNKNOWN } from '../../../shared/measures/measure-results.ts';
import { consoleApi } from '../api-client.ts';
import { ErrorNotice } from '../parts/ErrorNotice.tsx';
import { useLoad } from '../parts/use-load.ts';
import { OverviewMap } from './OverviewMap.tsx';

/** Labels built from values at run time; en.json's `overview` section holds every one. */
type LooseT = (key: string, options?: Record<string, unknown>) => string;

/** The breakdowns shown, by the dimension their rows carry. */
const dimensions = { context: 'context', method: 'method', category: 'category' } as const;
type Dimension = keyof typeof dimensions;

type Row = QuantityRows[number] & { readonly by?: Readonly<Record<string, string>> };

/** The current calendar year: what a coordinator asks first. */
function thisYear(): OverviewQuery {
  const year = new Date().getFullYear();
  return { from: `${String(year)}-01-01`, to: `${String(year)}-12-31` };
}

/** The filter kept in the address (`#/home/?from=…`), so a filtered overview can be bookmarked. */
function queryOfAddress(): OverviewQuery {
  const [, search = ''] = window.location.hash.split('?');
  const params = new URLSearchParams(search);
  const from = params.get('from');
  const to = params.get('to');
  if (from === null || to === null) return thisYear();
  return {
    from,
    to,
    context: (params.get('context') ?? '') as OverviewQuery['context'],
    jurisdiction: (params.get('jurisdiction') ?? '') as OverviewQuery['jurisdiction'],
    finalOnly: params.get('finalOnly') === 'false' ? 'false' : undefined,
  };
}

/** "500 rounds", "2 komada": the unit in the language's plural; no recorded unit says so. */
function useAmountText() {
  const { t, i18n } = useTranslation();
  const loose = t as unknown as LooseT;
  const number = useMemo(() => new Intl.NumberFormat(i18n.language), [i18n.language]);
  return (row: Pick<Row, 'amount' | 'unit'>) => {
    const amount = number.format(row.amount);
    if (row.unit === UNKNOWN) return `${amount} (${t('overview.unknown')})`;
    return loose(`overview.unitCount.${row.unit}`, {
      count: row.amount,
      amount,
      defaultValue: `${amount} ${row.unit}`,
    });
  };
}

/** One figure as tiles: one per kind and unit (quantities are never added across them). */
function FigureTiles({ title, rows }: { title: string; rows: readonly Row[] }) {
  const { t } = useTranslation();
  const loose = t as unknown as LooseT;
  const amount = useAmountText();
  return (
    <section className="card console-figure" aria-label={title}>
      <h2 className="console-figure__title">{title}</h2>
      {rows.length === 0 ? (
        <p className="console-figure__empty">{t('overview.nothing')}</p>
      ) : (
        <ul className="console-figure__values">
          {rows.map((row) => (
            <li key={`${row.kind}:${row.unit}`} data-testid={`figure-${row.kind}`}>
              <span className="console-figure__number">{amount(row)}</span>{' '}
              <span className="console-figure__kind">{loose(`overview.kind.${row.kind}`)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A breakdown as a table: the value, the kind, the amount, the records it comes from. */
function BreakdownTable({
  caption,
  rows,
  dimension,
}: {
  caption: string;
  rows: readonly Row[];
  dimension: Dimension;
}) {
  const { t, i18n } = useTranslation();
  const loose = t as unknown as LooseT;
  const amount = useAmountText();
  const number = new Intl.NumberFormat(i18n.language);
  const valueText = (value: string | undefined) =>
    value === undefined || value === UNKNOWN
      ? t('overview.unknown')
      : loose(`overview.label.${dimension}.${value}`, { defaultValue: value });
  if (rows.length === 0) {
    return (
      <p className="console-figure__empty">
        <strong>{caption}</strong>: {t('overview.nothing')}
      </p>
    );
  }
  return (
    <div className="console-table-wrap">
      <table className="console-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('overview.value')}</th>
            <th scope="col">{t('overview.amount')}</th>
            <th scope="col">{t('overview.records')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.by?.[dimension] ?? ''}:${row.kind}:${row.unit}`}>
              <th scope="row">{valueText(row.by?.[dimension])}</th>
              <td>
                {amount(row)} {loose(`overview.kind.${row.kind}`)}
              </td>
              <td>{number.format(row.records)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The national overview: the measures every laptop's records give (K1, K3, K6-K8, SDG 16.4.2),
 * counted on the server by the laptops' own definitions, for a period, a context and a
 * jurisdiction, and the national map under the same filter, between the figures and their
 * breakdowns. Drafts are left out unless asked for, and the page says how many.
 */
export function OverviewPage() {
  const { t, i18n } = useTranslation();
  const formId = useId();
  const [query, setQuery] = useState<OverviewQuery>(queryOfAddress);
  const [draft, setDraft] = useState<OverviewQuery>(query);
  const load = useCallback(() => {
    // A filter that does not parse (a hand-edited address) goes as it is: the server refuses
    // it with the field that is wrong, and the page says so.
    const parsed = OverviewQuerySchema.safeParse(query);
    return consoleApi.post(
      consoleDataApiPaths.measures,
      MeasuresSchema,
      parsed.success ? parsed.data : query,
    );
  }, [query]);
  const { data, error } = useLoad(load);
  const pending = data === null || overviewQueryText(query) !== overviewQueryText(queryOf(data));
  const percent = new Intl.NumberFormat(i18n.language, { style: 'percent' });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setQuery(draft);
    // Replaced, not pushed: Back leaves the overview instead of stepping through filters.
    window.history.replaceState(null, '', `#/home/?${overviewQueryText(draft)}`);
  };
  const field = (name: keyof OverviewQuery) => `${formId}-${name}`;
  const sdg = data?.sdg16_4_2.total;

  return (
    <>
      <h1>{t('overview.title')}</h1>
      <p>{t('overview.intro')}</p>
      <form
        className="console-inline-form console-section"
        onSubmit={submit}
        aria-label={t('overview.filter')}
      >
        <div className="field">
          <label htmlFor={field('from')}>{t('overview.from')}</label>
          <input
            id={field('from')}
            type="date"
            required
            value={draft.from}
            onChange={(event) => setDraft({ ...draft, from: event.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={field('to')}>{t('overview.to')}</label>
          <input
            id={field('to')}
            type="date"
            required
            min={draft.from}
            value={draft.to}
            onChange={(event) => setDraft({ ...draft, to: event.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={field('context')}>{t('overview.context')}</label>
          <select
            id={field('context')}
            value={draft.context ?? ''}
            onChange={(event) =>
              setDraft({ ...draft, context: event.target.value as OverviewQuery['context'] })
            }
          >
            <option value="">{t('overview.any')}</option>
            {intakeContextValues.map((value) => (
              <option key={value} value={value}>
                {t(`overview.label.context.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={field('jurisdiction')}>{t('overview.jurisdiction')}</label>
          <input
            id={field('jurisdiction')}
            type="text"
            aria-describedby={`${field('jurisdiction')}-hint`}
            maxLength={2}
            size={4}
            value={draft.jurisdiction ?? ''}
            onChange={(event) =>
              setDraft({
                ...draft,
                jurisdiction: event.target.value.toUpperCase() as OverviewQuery['jurisdiction'],
              })
            }
          />
          <p className="field__hint" id={`${field('jurisdiction')}-hint`}>
            {t('overview.jurisdictionHint')}
          </p>
        </div>
        <div className="field">
          <label>
            <input
              type="checkbox"
              checked={draft.finalOnly === 'false'}
              onChange={(event) =>
                setDraft({ ...draft, finalOnly: event.target.checked ? 'false' : undefined })
              }
            />{' '}
            {t('overview.draftsIn')}
          </label>
        </div>
        <button type="submit" className="button button--primary">
          {t('overview.apply')}
        </button>
      </form>
      <p role="status">{pending && error === null ? t('overview.loading') : ''}</p>
      <ErrorNotice error={error} />
      {data !== null && (
        <div className="stack" aria-busy={pending} data-testid="overview-figures">
          {data.draftsLeftOut > 0 && (
            <p className="notice">{t('overview.draftsLeftOut', { count: data.draftsLeftOut })}</p>
          )}
          <div className="console-figures">
            <FigureTiles title={t('overview.k1')} rows={data.k1.total} />
            <FigureTiles title={t('overview.k6')} rows={data.k6.byUnit} />
            <FigureTiles title={t('overview.k7')} rows={data.k7.byUnit} />
            <FigureTiles title={t('overview.k8')} rows={data.k8.total} />
            <section className="card console-figure" aria-label={t('overview.sdg')}>
              <h2 className="console-figure__title">{t('overview.sdg')}</h2>
              {sdg === undefined || sdg.proportion === null ? (
                <p className="console-figure__empty">{t('overview.sdgNone')}</p>
              ) : (
                <p className="console-figure__number">
                  {t('overview.sdgText', {
                    part: sdg.part,
                    whole: sdg.whole,
                    percent: percent.format(sdg.proportion),
                  })}
                </p>
              )}
            </section>
          </div>
          <OverviewMap query={query} />
          <BreakdownTable
            caption={t('overview.k1ByContext')}
            rows={data.k1.byContext}
            dimension={dimensions.context}
          />
          <BreakdownTable
            caption={t('overview.k3ByCategory')}
            rows={data.k3.byCategory}
            dimension={dimensions.category}
          />
          <BreakdownTable
            caption={t('overview.k8ByMethod')}
            rows={data.k8.byMethod}
            dimension={dimensions.method}
          />
        </div>
      )}
    </>
  );
}

/** The query an answer was computed for (the server echoes its filter). */
function queryOf(measures: { filter: MeasureFilter }): OverviewQuery {
  return {
    from: measures.filter.from,
    to: measures.filter.to,
    context: measures.filter.context,
    jurisdiction: measures.filter.jurisdiction,
    finalOnly: measures.filter.finalOnly ? undefined : 'false',
  };
}
