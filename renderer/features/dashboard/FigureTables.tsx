import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  DrillKey,
  Proportion,
  QuantityRows,
} from '../../../shared/measures/measure-results.ts';
import { UNKNOWN } from '../../../shared/measures/measure-results.ts';
import { useFormatters } from '../records/format.ts';
import { useAmountWithUnit } from '../records/quantity-text.ts';
import { barsOf, type ChartSource } from './chart-bars.ts';
import { useDimensionName } from './dimension-text.ts';
import { useFigureContext } from './figure-context.ts';
import { LazyChart } from './LazyChart.tsx';
import { numberFormat } from '../../../shared/i18n/formats.ts';

/** A quantity row with the dimensions it is broken down by. */
export type QuantityRow = QuantityRows[number] & { readonly by?: Readonly<Record<string, string>> };
export interface CountRow {
  readonly by: Readonly<Record<string, string>>;
  readonly count: number;
  readonly drill: DrillKey;
}

type LooseT = (key: string, options?: Record<string, unknown>) => string;

/** A breakdown with nothing in it: one line, its name and that there is nothing. */
export function EmptyFigure({ caption }: { caption: string }) {
  const { t } = useTranslation('reports');
  return (
    <p className="figure-empty">
      <span className="figure-empty__caption">{caption}</span>: {t('dashboard.nothing')}
    </p>
  );
}

/**
 * A table's figures also drawn as bars beside it. Quantities are never added across kinds or
 * units, so a quantity chart names the ONE kind and unit it draws (`only`); `by` says which of
 * the table's dimensions label the bars (all of them unless given).
 */
export interface QuantityChart {
  readonly only: { readonly kind: string; readonly unit: string };
  readonly by?: readonly string[];
}

/** The table, and beside it the chart of the same rows (named after the table's caption). */
function WithChart({
  caption,
  rows,
  dimensions,
  only,
  children,
}: {
  caption: string;
  rows: readonly ChartSource[];
  dimensions: readonly string[];
  only?: QuantityChart['only'];
  children: ReactNode;
}) {
  const { dimensionText, href } = useFigureContext();
  return (
    <div className="figure-pair">
      {children}
      <LazyChart name={caption} bars={barsOf(rows, dimensions, dimensionText, href, only)} />
    </div>
  );
}

/** A figure: the number, as a link to the records behind it. */
export function FigureLink({ drill, children }: { drill: DrillKey; children: ReactNode }) {
  const { href } = useFigureContext();
  return (
    <a className="figure-link" href={href(drill)}>
      {children}
    </a>
  );
}

/** An amount in its own unit ("500 rounds", "12.5 kg"), or said to have no unit recorded. */
export function useQuantityFigure(): (row: Pick<QuantityRow, 'amount' | 'unit'>) => string {
  const { t } = useTranslation('reports');
  const format = useFormatters();
  const amountWithUnit = useAmountWithUnit();
  return (row) =>
    row.unit === UNKNOWN
      ? t('dashboard.unitUnknown', { amount: format.number(row.amount) })
      : amountWithUnit(row.amount, row.unit);
}

export function useKindText(): (kind: string) => string {
  const { t } = useTranslation('reports');
  return (kind) => (t as unknown as LooseT)(`dashboard.kind.${kind}`);
}

/**
 * Quantities by kind and unit (one row each, never added across them) and the dimensions given;
 * every amount opens the items behind it.
 */
export function QuantityTable({
  caption,
  rows,
  dimensions = [],
  chart,
  'data-testid': testId,
}: {
  caption: string;
  rows: readonly QuantityRow[];
  dimensions?: readonly string[];
  chart?: QuantityChart;
  'data-testid'?: string;
}) {
  const { t } = useTranslation('reports');
  const format = useFormatters();
  const { dimensionText } = useFigureContext();
  const dimensionName = useDimensionName();
  const quantity = useQuantityFigure();
  const kindText = useKindText();
  const anyUnknownAmount = rows.some((row) => row.unknownAmount > 0);
  if (rows.length === 0) return <EmptyFigure caption={caption} />;
  const table = (
    <div className="table-wrap figure-table" data-testid={testId}>
      <table className="table table--compact">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {dimensions.map((dimension) => (
              <th key={dimension} scope="col">
                {dimensionName(dimension)}
              </th>
            ))}
            <th scope="col">{t('dashboard.column.kind')}</th>
            <th scope="col" className="num">
              {t('dashboard.column.quantity')}
            </th>
            <th scope="col" className="num">
              {t('dashboard.column.entries')}
            </th>
            {anyUnknownAmount && (
              <th scope="col" className="num">
                {t('dashboard.column.noAmount')}
              </th>
            )}
            <th scope="col" className="num">
              {t('dashboard.column.records')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={JSON.stringify(row.drill.slice)}>
              {dimensions.map((dimension) => (
                <td key={dimension}>{dimensionText(dimension, row.by?.[dimension] ?? UNKNOWN)}</td>
              ))}
              <td>{kindText(row.kind)}</td>
              <td className="num">
                <FigureLink drill={row.drill}>{quantity(row)}</FigureLink>
              </td>
              <td className="num">{format.number(row.entries)}</td>
              {anyUnknownAmount && <td className="num">{format.number(row.unknownAmount)}</td>}
              <td className="num">{format.number(row.records)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  return chart === undefined ? (
    table
  ) : (
    <WithChart caption={caption} rows={rows} dimensions={chart.by ?? dimensions} only={chart.only}>
      {table}
    </WithChart>
  );
}

/** Counts of people, checks, incidents or sites by the dimensions given; each opens its records. */
export function CountTable({
  caption,
  rows,
  dimensions,
  chart = false,
  'data-testid': testId,
}: {
  caption: string;
  rows: readonly CountRow[];
  dimensions: readonly string[];
  /** Draw the counts as bars beside the table, labelled by its dimensions. */
  chart?: boolean;
  'data-testid'?: string;
}) {
  const { t } = useTranslation('reports');
  const format = useFormatters();
  const { dimensionText } = useFigureContext();
  const dimensionName = useDimensionName();
  if (rows.length === 0) return <EmptyFigure caption={caption} />;
  const table = (
    <div className="table-wrap figure-table" data-testid={testId}>
      <table className="table table--compact">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {dimensions.map((dimension) => (
              <th key={dimension} scope="col">
                {dimensionName(dimension)}
              </th>
            ))}
            <th scope="col" className="num">
              {t('dashboard.column.count')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={JSON.stringify(row.drill.slice)}>
              {dimensions.map((dimension) => (
                <td key={dimension}>{dimensionText(dimension, row.by[dimension] ?? UNKNOWN)}</td>
              ))}
              <td className="num">
                <FigureLink drill={row.drill}>{format.number(row.count)}</FigureLink>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  return chart ? (
    <WithChart caption={caption} rows={rows} dimensions={dimensions}>
      {table}
    </WithChart>
  ) : (
    table
  );
}

/** "3 of 12 (25 %)": the part and the whole each open their records. */
export function ProportionFigure({ value }: { value: Proportion }) {
  const { t } = useTranslation('reports');
  const format = useFormatters();
  const { i18n } = useTranslation();
  const percent = numberFormat(i18n.language, {
    style: 'percent',
    maximumFractionDigits: 1,
  });
  return (
    <span className="proportion">
      <FigureLink drill={value.partDrill}>{format.number(value.part)}</FigureLink>{' '}
      {t('dashboard.sdgText.of')}{' '}
      <FigureLink drill={value.wholeDrill}>{format.number(value.whole)}</FigureLink>
      {value.proportion !== null && ` (${percent.format(value.proportion)})`}
    </span>
  );
}

/** A headline figure: a name and the quantities that answer it, each opening its records. */
export function FigureTile({
  title,
  rows,
  note,
}: {
  title: string;
  rows: readonly QuantityRow[];
  note?: ReactNode;
}) {
  const { t } = useTranslation('reports');
  const titleId = useId();
  const quantity = useQuantityFigure();
  const kindText = useKindText();
  return (
    <section className="figure-tile" aria-labelledby={titleId}>
      <h3 id={titleId} className="figure-tile__title">
        {title}
      </h3>
      {rows.length === 0 ? (
        <p className="figure-tile__empty">{t('dashboard.nothing')}</p>
      ) : (
        <ul className="figure-tile__values">
          {rows.map((row) => (
            <li key={JSON.stringify(row.drill.slice)}>
              <FigureLink drill={row.drill}>
                <span className="figure-tile__value">{quantity(row)}</span>
              </FigureLink>{' '}
              <span className="figure-tile__kind">{kindText(row.kind)}</span>
            </li>
          ))}
        </ul>
      )}
      {note !== undefined && <p className="figure-tile__note">{note}</p>}
    </section>
  );
}
