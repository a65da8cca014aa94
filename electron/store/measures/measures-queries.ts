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
import { intakeConditions, sourceOf } from './measure-sources.ts';
import { backlogFromRollups, backlogRows } from './backlog-rollup.ts';
import { countSql, quantitySql, select, UnknownDimensionError } from './figure-sql.ts';
import { rolledUpRows, type Built, type FigureRow } from './measure-rollup.ts';

export { UnknownDimensionError };

/**
 * Computes the measures (shared/measures) over the store, in SQL: every figure is one GROUP BY
 * over the rows its source defines (measure-sources.ts); nothing walks the rows in JavaScript.
 * Each figure carries its drill-down key, which `listMeasureRecords` turns back into the same
 * rows.
 */

/** A figure's name: its source, dimensions and slice. */
function figureLabel(
  name: MeasureSource,
  dims: readonly string[],
  slice: Readonly<Record<string, string>>,
): string {
  return [name, ...dims, ...Object.entries(slice).map(([key, value]) => `${key}=${value}`)].join(
    ':',
  );
}

/**
 * A figure's rows: from the month rollups where its source keeps them and `rollups` allows
 * (measure-rollup.ts), otherwise counted from the rows.
 */
function figureRows(
  db: Db,
  filter: MeasureFilter,
  name: MeasureSource,
  dims: readonly string[],
  slice: Readonly<Record<string, string>>,
  quantity: boolean,
  rollups: boolean,
): FigureRow[] {
  const sqlOf = (of: MeasureFilter, extra: Readonly<Record<string, string>>): Built =>
    (quantity ? quantitySql : countSql)(sourceOf(name, of), name, dims, slice, extra);
  // Rollups keep no review state: a review filter is counted from the rows.
  if (filter.reviewState !== undefined) rollups = false;
  if (
    rollups &&
    name === 'k10' &&
    dims.length === 1 &&
    dims[0] === 'age' &&
    Object.keys(slice).length === 0 &&
    backlogFromRollups(filter)
  ) {
    return backlogRows(db, filter);
  }
  const keys = sourceOf(name, filter).source.rollup;
  if (!rollups || keys === undefined) {
    const { sql, params } = sqlOf(filter, {});
    return prepared(db, sql).all(params) as FigureRow[];
  }
  return rolledUpRows(db, filter, {
    label: figureLabel(name, dims, slice),
    keys,
    quantity,
    groups: [...(quantity ? ['kind', 'unit'] : []), ...dims.map((_, index) => `d${index}`)],
    sql: sqlOf,
  });
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
  rollups = true,
): QuantityRow<K>[] {
  const rows = figureRows(db, filter, name, dims, slice, true, rollups);
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
  rollups = true,
): CountRow<K>[] {
  const rows = figureRows(db, filter, name, dims, slice, false, rollups);
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
  rollups: boolean,
): { count: number; drill: DrillKey } {
  const [row] = countRows(db, filter, name, [], slice, rollups);
  return { count: row?.count ?? 0, drill: { source: name, slice } };
}

function proportion(
  db: Db,
  filter: MeasureFilter,
  name: MeasureSource,
  whole: Record<string, string>,
  part: Record<string, string>,
  rollups: boolean,
): Proportion {
  const wholeCount = countOf(db, filter, name, whole, rollups);
  const partCount = countOf(db, filter, name, { ...whole, ...part }, rollups);
  return {
    part: partCount.count,
    whole: wholeCount.count,
    proportion: wholeCount.count === 0 ? null : partCount.count / wholeCount.count,
    partDrill: partCount.drill,
    wholeDrill: wholeCount.drill,
  };
}

/**
 * A quantity figure's rows added up across one of its dimensions, where every record's rows share
 * that dimension's value (so each record is still counted once): K10's total from its ages, an
 * intake's items all being as old as it is. Saves counting the backlog, the one figure no month
 * rollup serves, twice.
 */
function acrossDimension<K extends string>(
  rows: readonly QuantityRow<K>[],
  dimension: K,
): QuantityRow<never>[] {
  const sums = new Map<string, QuantityRow<never>>();
  for (const row of rows) {
    const id = `${row.kind}\u0000${row.unit}`;
    const sum = sums.get(id);
    const { [dimension]: _, ...slice } = row.drill.slice;
    sums.set(id, {
      by: {},
      kind: row.kind,
      unit: row.unit,
      amount: (sum?.amount ?? 0) + row.amount,
      entries: (sum?.entries ?? 0) + row.entries,
      unknownAmount: (sum?.unknownAmount ?? 0) + row.unknownAmount,
      records: (sum?.records ?? 0) + row.records,
      drill: { source: row.drill.source, slice },
    });
  }
  return [...sums.values()];
}

/**
 * K11: the median of whole days from intake to destruction, per kind: the middle value (odd
 * count) or the two middle ones averaged (even), read off how many items took each number of
 * days (a count figure, so its month rollups serve it like any other).
 */
function leadTimes(db: Db, filter: MeasureFilter, rollups: boolean): Measures['k11'] {
  const byDays = countRows(db, filter, 'k11', ['kind', 'days'], {}, rollups);
  const kinds = [...new Set(byDays.map((row) => row.by.kind))].sort();
  return {
    byKind: kinds.map((kind) => {
      const rows = byDays.filter((row) => row.by.kind === kind);
      const items = rows.reduce((sum, row) => sum + row.count, 0);
      const known = rows
        .filter((row) => row.by.days !== 'null')
        .map((row) => ({ days: Number(row.by.days), count: row.count }))
        .sort((a, b) => a.days - b.days);
      const skip = Math.floor((items - 1) / 2);
      const take = 2 - (items % 2);
      const middle: number[] = [];
      let seen = 0;
      for (const { days, count } of known) {
        for (let at = Math.max(skip, seen); at < Math.min(seen + count, skip + take); at += 1) {
          middle.push(days);
        }
        seen += count;
        if (seen >= skip + take) break;
      }
      return {
        kind: kind as ItemKind,
        items,
        medianDays:
          middle.length === 0 ? null : middle.reduce((sum, days) => sum + days, 0) / middle.length,
        drill: { source: 'k11', slice: { kind } },
      };
    }),
  };
}

/** Draft intake records the filter would have counted, left out by `finalOnly`. */
function draftsLeftOut(db: Db, filter: MeasureFilter): number {
  if (!filter.finalOnly) return 0;
  const { where, params } = intakeConditions({ ...filter, finalOnly: false }, 'event');
  // The period's drafts first (few, off intake_events_drafts_by_date), then the filter: left to
  // itself SQLite would start from the index of a filtered column (every seizure ever).
  const row = prepared(
    db,
    `WITH e AS MATERIALIZED (SELECT * FROM intake_events
       WHERE status = 'draft' AND occurred_on >= @from AND occurred_on <= @to)
     SELECT count(*) AS n FROM e LEFT JOIN locations l ON l.id = e.location_id
     WHERE 1 ${where.map((part) => `AND ${part}`).join(' ')}`,
  ).get({ ...params, from: filter.from, to: filter.to }) as { n: number };
  return row.n;
}

export interface ComputeOptions {
  /** Hears how long each figure took (the dashboard benchmark's per-figure times). */
  readonly timed?: (figure: string, ms: number) => void;
  /** false: count every figure from the rows (the tests' reference for the rollups). */
  readonly rollups?: boolean;
}

/**
 * Every measure for the filter, in one transaction (one consistent picture; it may build month
 * rollups, measure-rollup.ts).
 */
export function computeMeasures(
  db: Db,
  filter: MeasureFilter,
  { timed, rollups = true }: ComputeOptions = {},
): Measures {
  const time = <T>(figure: string, run: () => T): T => {
    if (timed === undefined) return run();
    const started = performance.now();
    const result = run();
    timed(figure, performance.now() - started);
    return result;
  };
  const q = <const K extends string>(
    name: MeasureSource,
    dims: readonly K[],
    slice: Record<string, string> = {},
  ) =>
    time(figureLabel(name, dims, slice), () =>
      quantityRows(db, filter, name, dims, slice, rollups),
    );
  const c = <const K extends string>(
    name: MeasureSource,
    dims: readonly K[],
    slice: Record<string, string> = {},
  ) =>
    time(figureLabel(name, dims, slice), () => countRows(db, filter, name, dims, slice, rollups));
  const n = (name: MeasureSource, slice: Record<string, string>) =>
    time(figureLabel(name, [], slice), () => countOf(db, filter, name, slice, rollups));
  const p = (name: MeasureSource, whole: Record<string, string>, part: Record<string, string>) =>
    time(figureLabel(name, ['share'], { ...whole, ...part }), () =>
      proportion(db, filter, name, whole, part, rollups),
    );
  return db.transaction((): Measures => {
    const backlogByAge = q('k10', ['age']);
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
        byUnodcType: q('k3', ['unodcType']),
        byRegisterCategory: q('k3', ['registerCategory']),
        byBarrel: q('k3', ['barrel']),
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
        total: acrossDimension(backlogByAge, 'age'),
        byAge: backlogByAge,
      },
      k11: time('k11:median', () => leadTimes(db, filter, rollups)),
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
