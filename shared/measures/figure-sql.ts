import type { MeasureDialect } from './measure-dialect.ts';
import type { MeasureSource } from './measure-results.ts';
import type { SourceQuery } from './measure-sources.ts';

/** A statement and its named parameters (`@name`). */
export interface Built {
  readonly sql: string;
  readonly params: Record<string, string | number>;
}

/** A figure's row as a query returns it: group columns (kind, unit, d0...) and its counts. */
export type FigureRow = Record<string, string | number | null>;

/**
 * A figure's SQL over its source's rows (measure-sources.ts): the rows with a drill-down's slice
 * applied, grouped into quantities (kind, unit, amounts, records) or counts. Figures, drill-downs
 * and month rollups all read the rows through these.
 */

/** A drill-down naming a dimension its measure does not have. */
export class UnknownDimensionError extends Error {
  override readonly name = 'UnknownDimensionError';
  readonly source: MeasureSource;
  readonly dimension: string;

  constructor(source: MeasureSource, dimension: string) {
    super(`The measure ${source} has no dimension "${dimension}".`);
    this.source = source;
    this.dimension = dimension;
  }
}

/** The source's rows with the slice applied, as a sub-select with the given columns. */
export function select(
  query: SourceQuery,
  columns: string,
  slice: Readonly<Record<string, string>>,
  name: MeasureSource,
): Built {
  const { source } = query;
  const where = [...source.where];
  const params: Record<string, string | number> = { ...query.params };
  Object.entries(slice).forEach(([dimension, value], index) => {
    const sql = source.dims[dimension];
    if (sql === undefined) throw new UnknownDimensionError(name, dimension);
    where.push(`${sql} = @slice${index}`);
    params[`slice${index}`] = value;
  });
  const conditions = where.map((part) => `(${part})`).join(' AND ');
  const joins = Object.entries(source.joins ?? {})
    .filter(([alias]) => new RegExp(`\\b${alias}\\.`).test(`${columns} ${conditions}`))
    .map(([, join]) => join)
    .join(' ');
  return {
    sql: `SELECT ${columns} FROM ${source.from} ${joins} WHERE ${conditions}`,
    params,
  };
}

export function dimColumns(
  query: SourceQuery,
  dims: readonly string[],
  name: MeasureSource,
): string {
  return dims
    .map((dimension, index) => {
      const sql = query.source.dims[dimension];
      if (sql === undefined) throw new UnknownDimensionError(name, dimension);
      return `${sql} AS d${index}`;
    })
    .join(', ');
}

/** `extra` (alias -> SQL) as select columns and their aliases, to group by them too. */
function extraColumns(extra: Readonly<Record<string, string>>): {
  select: string;
  groups: string[];
} {
  const entries = Object.entries(extra);
  return {
    select: entries.map(([alias, sql]) => `, ${sql} AS ${alias}`).join(''),
    groups: entries.map(([alias]) => alias),
  };
}

/**
 * The SQL of a quantity figure: its source's rows, grouped by kind, unit and `dims` (and `extra`,
 * which a month rollup keeps besides them).
 */
export function quantitySql(
  d: MeasureDialect,
  query: SourceQuery,
  name: MeasureSource,
  dims: readonly string[],
  slice: Readonly<Record<string, string>>,
  extra: Readonly<Record<string, string>> = {},
): Built {
  const amount = query.source.amount ?? '1';
  const more = extraColumns(extra);
  const extraDims = dims.length === 0 ? '' : `, ${dimColumns(query, dims, name)}`;
  const inner = select(
    query,
    `${query.source.dims.kind} AS kind, ${query.source.dims.unit} AS unit, ${amount} AS amount,
     ${query.source.record} AS record${extraDims}${more.select}`,
    slice,
    name,
  );
  const groups = ['kind', 'unit', ...dims.map((_, index) => `d${index}`), ...more.groups].join(
    ', ',
  );
  return {
    sql: `SELECT ${groups}, count(*) AS entries, ${d.sumOrZero('amount')} AS amount,
       ${d.countNull('amount')} AS "unknownAmount", count(DISTINCT record) AS records
     FROM (${inner.sql}) AS figure_rows GROUP BY ${groups} ORDER BY ${groups}`,
    params: inner.params,
  };
}

/** The SQL of a count figure: its source's rows counted by `dims` (and `extra`). */
export function countSql(
  query: SourceQuery,
  name: MeasureSource,
  dims: readonly string[],
  slice: Readonly<Record<string, string>>,
  extra: Readonly<Record<string, string>> = {},
): Built {
  const more = extraColumns(extra);
  const columns = dims.length === 0 ? '1 AS one' : dimColumns(query, dims, name);
  const inner = select(query, `${columns}${more.select}`, slice, name);
  const groups = [...dims.map((_, index) => `d${index}`), ...more.groups].join(', ');
  return {
    sql:
      groups === ''
        ? `SELECT count(*) AS count FROM (${inner.sql}) AS figure_rows`
        : `SELECT ${groups}, count(*) AS count FROM (${inner.sql}) AS figure_rows GROUP BY ${groups} ORDER BY ${groups}`,
    params: inner.params,
  };
}
