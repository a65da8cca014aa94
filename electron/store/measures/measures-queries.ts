import type { MeasureFilter } from '../../../shared/measures/measure-filter.ts';
import {
  assembleMeasures,
  figureLabel,
  type FigureReader,
} from '../../../shared/measures/assemble-measures.ts';
import type {
  DrillKey,
  MeasureRecords,
  MeasureSource,
  Measures,
} from '../../../shared/measures/measure-results.ts';
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
 * The results are assembled from the figures by shared/measures/assemble-measures.ts, as on the
 * server.
 * Each figure carries its drill-down key, which `listMeasureRecords` turns back into the same
 * rows.
 */

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
  const reader: FigureReader = {
    rows: ({ name, dims, slice, quantity }) =>
      figureRows(db, filter, name, dims, slice, quantity, rollups),
    draftsLeftOut: () => draftsLeftOut(db, filter),
    ...(timed === undefined
      ? {}
      : {
          time: <T>(figure: string, run: () => T): T => {
            const started = performance.now();
            const result = run();
            timed(figure, performance.now() - started);
            return result;
          },
        }),
  };
  return db.transaction((): Measures => assembleMeasures(filter, reader))();
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
