import type { MeasureFilter } from '../../../shared/measures/measure-filter.ts';
import {
  type DrillKey,
  type MeasureRecords,
  type MeasureSource,
  type Measures,
  type Proportion,
} from '../../../shared/measures/measure-results.ts';
import type { ItemKind } from '../../../shared/records/intake-items.ts';
import type { Db } from '../encrypted-database.ts';
import { prepared } from '../prepared.ts';
import { intakeConditions, sourceOf, type SourceQuery } from './measure-sources.ts';

/**
 * Computes the measures (shared/measures) over the store, in SQL: every figure is one GROUP BY
 * over the rows its source defines (measure-sources.ts); nothing walks the rows in JavaScript.
 * Each figure carries its drill-down key, which `listMeasureRecords` turns back into the same
 * rows.
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

interface Built {
  readonly sql: string;
  readonly params: Record<string, string | number>;
}

/** The source's rows with the slice applied, as a sub-select with the given columns. */
function select(
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

function dimColumns(query: SourceQuery, dims: readonly string[], name: MeasureSource): string {
  return dims
    .map((dimension, index) => {
      const sql = query.source.dims[dimension];
      if (sql === undefined) throw new UnknownDimensionError(name, dimension);
      return `${sql} AS d${index}`;
    })
    .join(', ');
}

/** The SQL of a quantity figure: its source's rows, grouped by kind, unit and `dims`. */
function quantitySql(
  query: SourceQuery,
  name: MeasureSource,
  dims: readonly string[],
  slice: Readonly<Record<string, string>>,
): Built {
  const amount = query.source.amount ?? '1';
  const extra = dims.length === 0 ? '' : `, ${dimColumns(query, dims, name)}`;
  const inner = select(
    query,
    `${query.source.dims.kind} AS kind, ${query.source.dims.unit} AS unit, ${amount} AS amount,
     ${query.source.record} AS record${extra}`,
    slice,
    name,
  );
  const groups = ['kind', 'unit', ...dims.map((_, index) => `d${index}`)].join(', ');
  return {
    sql: `SELECT ${groups}, count(*) AS entries, total(amount) AS amount,
       sum(amount IS NULL) AS unknownAmount, count(DISTINCT record) AS records
     FROM (${inner.sql}) GROUP BY ${groups} ORDER BY ${groups}`,
    params: inner.params,
  };
}

/**
 * How SQLite runs a quantity figure (EXPLAIN QUERY PLAN), for the tests that keep a period's
 * figures on the index rather than the table.
 */
export function quantityFigurePlan(
  db: Db,
  filter: MeasureFilter,
  name: MeasureSource,
  dims: readonly string[],
): string[] {
  const { sql, params } = quantitySql(sourceOf(name, filter), name, dims, {});
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as Array<{ detail: string }>).map(
    (step) => step.detail,
  );
}

export interface QuantityRow<K extends string> {
  readonly by: Record<K, string>;
  readonly kind: ItemKind;
  readonly unit: string;
  readonly amount: number;
  readonly entries: number;
  readonly unknownAmount: number;
  readonly records: number;
  readonly drill: DrillKey;
}

/**
 * Quantities of a source by (kind, unit) and the given dimensions: how many items or lots, the
 * sum of their known amounts, how many have none, from how many records.
 */
export function quantityRows<const K extends string>(
  db: Db,
  filter: MeasureFilter,
  name: MeasureSource,
  dims: readonly K[],
  slice: Readonly<Record<string, string>> = {},
): QuantityRow<K>[] {
  const { sql, params } = quantitySql(sourceOf(name, filter), name, dims, slice);
  const rows = prepared(db, sql).all(params) as Array<Record<string, string | number>>;
  return rows.map((row) => {
    const by = Object.fromEntries(
      dims.map((dimension, index) => [dimension, String(row[`d${index}`])]),
    ) as Record<K, string>;
    const kind = row.kind as ItemKind;
    const unit = String(row.unit);
    return {
      by,
      kind,
      unit,
      amount: Number(row.amount),
      entries: Number(row.entries),
      unknownAmount: Number(row.unknownAmount),
      records: Number(row.records),
      drill: { source: name, slice: { ...slice, ...by, kind, unit } },
    };
  });
}

export interface CountRow<K extends string> {
  readonly by: Record<K, string>;
  readonly count: number;
  readonly drill: DrillKey;
}

/** Rows of a source (people, checks, discrepancy lines, sites) counted by the given dimensions. */
export function countRows<const K extends string>(
  db: Db,
  filter: MeasureFilter,
  name: MeasureSource,
  dims: readonly K[],
  slice: Readonly<Record<string, string>> = {},
): CountRow<K>[] {
  const query = sourceOf(name, filter);
  const columns = dims.length === 0 ? '1 AS one' : dimColumns(query, dims, name);
  const inner = select(query, columns, slice, name);
  const groups = dims.map((_, index) => `d${index}`).join(', ');
  const rows = prepared(
    db,
    dims.length === 0
      ? `SELECT count(*) AS count FROM (${inner.sql})`
      : `SELECT ${groups}, count(*) AS count FROM (${inner.sql}) GROUP BY ${groups} ORDER BY ${groups}`,
  ).all(inner.params) as Array<Record<string, string | number>>;
  return rows.map((row) => {
    const by = Object.fromEntries(
      dims.map((dimension, index) => [dimension, String(row[`d${index}`])]),
    ) as Record<K, string>;
    return { by, count: Number(row.count), drill: { source: name, slice: { ...slice, ...by } } };
  });
}

function countOf(
  db: Db,
  filter: MeasureFilter,
  name: MeasureSource,
  slice: Record<string, string>,
): { count: number; drill: DrillKey } {
  const [row] = countRows(db, filter, name, [], slice);
  return { count: row?.count ?? 0, drill: { source: name, slice } };
}

function proportion(
  db: Db,
  filter: MeasureFilter,
  name: MeasureSource,
  whole: Record<string, string>,
  part: Record<string, string>,
): Proportion {
  const wholeCount = countOf(db, filter, name, whole);
  const partCount = countOf(db, filter, name, { ...whole, ...part });
  return {
    part: partCount.count,
    whole: wholeCount.count,
    proportion: wholeCount.count === 0 ? null : partCount.count / wholeCount.count,
    partDrill: partCount.drill,
    wholeDrill: wholeCount.drill,
  };
}

/** K11: the median of whole days from intake to destruction, per kind, ordered in SQL. */
function leadTimes(db: Db, filter: MeasureFilter): Measures['k11'] {
  const query = sourceOf('k11', filter);
  const perKind = countRows(db, filter, 'k11', ['kind']);
  return {
    byKind: perKind.map(({ by, count, drill }) => {
      const inner = select(query, `${query.source.dims.days} AS days`, { kind: by.kind }, 'k11');
      // The middle one (odd count) or the two middle ones (even), averaged.
      const middle = prepared(
        db,
        `SELECT avg(days) AS median FROM (SELECT days FROM (${inner.sql}) WHERE days IS NOT NULL
           ORDER BY days LIMIT CAST(@take AS INTEGER) OFFSET CAST(@skip AS INTEGER))`,
      ).get({ ...inner.params, take: 2 - (count % 2), skip: Math.floor((count - 1) / 2) }) as {
        median: number | null;
      };
      return { kind: by.kind as ItemKind, items: count, medianDays: middle.median, drill };
    }),
  };
}

/** Draft intake records the filter would have counted, left out by `finalOnly`. */
function draftsLeftOut(db: Db, filter: MeasureFilter): number {
  if (!filter.finalOnly) return 0;
  const { where, params } = intakeConditions({ ...filter, finalOnly: false }, 'event');
  const row = prepared(
    db,
    `SELECT count(*) AS n FROM intake_events e LEFT JOIN locations l ON l.id = e.location_id
     WHERE e.status = 'draft' AND e.occurred_on >= @from AND e.occurred_on <= @to
       ${where.map((part) => `AND ${part}`).join(' ')}`,
  ).get({ ...params, from: filter.from, to: filter.to }) as { n: number };
  return row.n;
}

/**
 * Every measure for the filter, in one read transaction (one consistent picture). `timed`, when
 * given, hears how long each figure took (the dashboard benchmark's per-figure times).
 */
export function computeMeasures(
  db: Db,
  filter: MeasureFilter,
  timed?: (figure: string, ms: number) => void,
): Measures {
  const time = <T>(figure: string, run: () => T): T => {
    if (timed === undefined) return run();
    const started = performance.now();
    const result = run();
    timed(figure, performance.now() - started);
    return result;
  };
  const label = (name: string, dims: readonly string[], slice: Record<string, string>) =>
    [name, ...dims, ...Object.entries(slice).map(([key, value]) => `${key}=${value}`)].join(':');
  const q = <const K extends string>(
    name: MeasureSource,
    dims: readonly K[],
    slice: Record<string, string> = {},
  ) => time(label(name, dims, slice), () => quantityRows(db, filter, name, dims, slice));
  const c = <const K extends string>(
    name: MeasureSource,
    dims: readonly K[],
    slice: Record<string, string> = {},
  ) => time(label(name, dims, slice), () => countRows(db, filter, name, dims, slice));
  const n = (name: MeasureSource, slice: Record<string, string>) =>
    time(label(name, [], slice), () => countOf(db, filter, name, slice));
  const p = (name: MeasureSource, whole: Record<string, string>, part: Record<string, string>) =>
    time(label(name, ['share'], { ...whole, ...part }), () =>
      proportion(db, filter, name, whole, part),
    );
  return db.transaction((): Measures => {
    const destroyedCounts = q('destroyed_counts', ['sourceContext', 'method']);
    const sites = c('k16', ['meetsStandard']);
    return {
      filter,
      draftsLeftOut: time('drafts_left_out', () => draftsLeftOut(db, filter)),
      k1: {
        total: q('k1', []),
        byContext: q('k1', ['context']),
      },
      k2: {
        total: q('k2', [], { criminal: 'yes' }),
        byJustification: q('k2', ['legalJustification']),
      },
      k3: {
        byCategory: q('k3', ['category']),
        byType: q('k3', ['category', 'weaponType']),
      },
      k4: {
        byIdentifiable: q('k4', ['uniquelyIdentifiable']),
        byIdentifiableAndMarking: q('k4', ['uniquelyIdentifiable', 'markingCondition']),
      },
      k5: { byPartType: q('k5', ['partType']) },
      k6: {
        byUnit: q('k6', []),
        byClass: q('k6', ['ammoClass']),
      },
      k7: {
        byUnit: q('k7', []),
        byType: q('k7', ['eoType']),
      },
      k8: {
        total: q('k8', []),
        byMethod: q('k8', ['method']),
        bySourceContext: q('k8', ['sourceContext']),
        countsWithoutItems: destroyedCounts.filter((row) => row.kind === 'weapon'),
      },
      k9: {
        byUnit: q('k9', []),
        byMethod: q('k9', ['method']),
        countsWithoutItems: destroyedCounts.filter((row) => row.kind === 'ammunition'),
      },
      k10: {
        asOf: filter.to,
        total: q('k10', []),
        byAge: q('k10', ['age']),
      },
      k11: time('k11:median', () => leadTimes(db, filter)),
      k12: { byCampaign: q('k12', ['campaignId', 'disposition']) },
      k13: {
        byLocationType: q('k13', ['locationType']),
        byDirection: q('k13', ['direction']),
        byConveyance: q('k13', ['conveyance']),
        byRoute: q('k13', ['departure', 'destination']),
      },
      k14: {
        bySex: c('k14', ['role', 'sex']),
        byAgeBand: c('k14', ['role', 'ageBand']),
        bySexAndAgeBand: c('k14', ['role', 'sex', 'ageBand']),
      },
      k15: {
        stockChecks: n('k15_stock_checks', {}),
        discrepancies: c('k15_discrepancies', ['discrepancyKind']),
        incidents: c('k15_losses', ['incidentKind']),
        itemsDiverted: q('k15_diverted', ['incidentKind']),
      },
      k16: {
        bySite: sites,
        share: p('k16', {}, { meetsStandard: 'yes' }),
      },
      sdg16_4_2: {
        total: p('sdg_16_4_2', {}, { outcome: 'established' }),
        byContext: (['seized', 'found', 'surrendered'] as const).map((context) => ({
          context,
          value: p('sdg_16_4_2', { context }, { outcome: 'established' }),
        })),
        byTraceOutcome: c('sdg_16_4_2', ['outcome']),
        byEstablishedHow: c('sdg_16_4_2', ['how'], { outcome: 'established' }),
        uniquelyIdentifiable: p(
          'sdg_16_4_2',
          { uniquelyIdentifiable: 'yes' },
          { outcome: 'established' },
        ),
      },
    };
  })();
}

/**
 * The records behind a figure: the ids its drill-down key selects, by the same definition the
 * figure was counted with, in a stable order (the id), a page at a time.
 */
export function listMeasureRecords(
  db: Db,
  filter: MeasureFilter,
  drill: DrillKey,
  page: { limit: number; offset: number },
): MeasureRecords {
  const query = sourceOf(drill.source, filter);
  const inner = select(query, `${query.source.id} AS id`, drill.slice, drill.source);
  const total = (
    prepared(db, `SELECT count(DISTINCT id) AS n FROM (${inner.sql})`).get(inner.params) as {
      n: number;
    }
  ).n;
  const ids = prepared(
    db,
    `SELECT DISTINCT id FROM (${inner.sql}) ORDER BY id LIMIT @limit OFFSET @offset`,
  )
    .pluck()
    .all({ ...inner.params, limit: page.limit, offset: page.offset }) as string[];
  return { entity: query.source.entity, ids, total };
}
