import { assembleMeasures, type FigureRequest } from '../../shared/measures/assemble-measures.ts';
import { countSql, quantitySql, select, type FigureRow } from '../../shared/measures/figure-sql.ts';
import type { MeasureFilter } from '../../shared/measures/measure-filter.ts';
import type { DrillKey, MeasureRecords, Measures } from '../../shared/measures/measure-results.ts';
import { intakeConditions, sourceOf } from '../../shared/measures/measure-sources.ts';
import type { MeasureDialect } from '../../shared/measures/measure-dialect.ts';
import type { Database, Queryable } from '../db/database.ts';
import { teamViewIds } from '../teams/team-scope.ts';
import { postgresMeasureDialect, teamScopedMeasureDialect } from './measure-dialect.ts';
import { runBuilt, sortRows, type ServerParams } from './run-sql.ts';

export { UnknownDimensionError } from '../../shared/measures/figure-sql.ts';

/**
 * The national measures over the server's PostgreSQL (or PGlite): the same definitions as the
 * laptop's (shared/measures/measure-sources.ts, in the PostgreSQL dialect), over the rows push
 * derives from the records by the laptops' own functions (migration 140), assembled by the same
 * code (shared/measures/assemble-measures.ts). So a laptop and the server holding the same records
 * give equal results. No month rollups here yet: every figure is counted from the rows. A report
 * for a team's scope counts the same definitions over that team's view (teamScopedMeasureDialect).
 */

const keyOf = (request: FigureRequest) =>
  JSON.stringify([request.name, request.dims, request.slice, request.quantity]);

/** Which rows the figures read: every record's, or one team's view (its dialect and its ids). */
interface Scope {
  readonly d: MeasureDialect;
  readonly params: ServerParams;
}

function scopeOf(team: TeamScope | undefined): Scope {
  return team === undefined || team.national
    ? { d: postgresMeasureDialect, params: {} }
    : { d: teamScopedMeasureDialect, params: { scopeTeams: teamViewIds(team.id) } };
}

async function figureRows(
  tx: Queryable,
  filter: MeasureFilter,
  request: FigureRequest,
  { d, params }: Scope,
): Promise<FigureRow[]> {
  const { name, dims, slice, quantity } = request;
  const query = sourceOf(d, name, filter);
  const built = quantity
    ? quantitySql(d, query, name, dims, slice)
    : countSql(query, name, dims, slice);
  const rows = await runBuilt(tx, built, params);
  const groups = [...(quantity ? ['kind', 'unit'] : []), ...dims.map((_, index) => `d${index}`)];
  return sortRows(rows, groups);
}

async function draftsLeftOut(
  tx: Queryable,
  filter: MeasureFilter,
  { d, params: scopeParams }: Scope,
): Promise<number> {
  if (!filter.finalOnly) return 0;
  const { where, params } = intakeConditions({ ...filter, finalOnly: false }, 'event', d);
  const [row] = await runBuilt<{ n: string | number }>(
    tx,
    {
      sql: `SELECT count(*) AS n FROM ${d.tables.intakeEvents} e
      LEFT JOIN ${d.tables.locations} l ON l.id = e.location_id
      WHERE e.status = 'draft' AND e.occurred_on >= @from AND e.occurred_on <= @to
      ${where.map((part) => `AND ${part}`).join(' ')}`,
      params: { ...params, from: filter.from, to: filter.to },
    },
    scopeParams,
  );
  return Number(row?.n ?? 0);
}

/** A team whose view the measures are counted over; a national team's is every record. */
export interface TeamScope {
  readonly id: string;
  readonly national: boolean;
}

export interface ServerComputeOptions {
  /** Hears how long each figure took. */
  readonly timed?: (figure: string, ms: number) => void;
  /** Only the records this team's laptops pull (absent: every record the server holds). */
  readonly team?: TeamScope;
}

/**
 * Every measure for the filter, read in one repeatable-read transaction (one consistent picture
 * while laptops push). The figures a result needs are first listed by assembling it once over no
 * rows, then counted, then assembled.
 */
export async function computeServerMeasures(
  db: Database,
  filter: MeasureFilter,
  { timed, team }: ServerComputeOptions = {},
): Promise<Measures> {
  const scope = scopeOf(team);
  const requests = new Map<string, FigureRequest>();
  assembleMeasures(filter, {
    rows: (request) => {
      requests.set(keyOf(request), request);
      return [];
    },
    draftsLeftOut: () => 0,
  });
  const { rows, drafts } = await db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const counted = new Map<string, FigureRow[]>();
    for (const [key, request] of requests) {
      const started = performance.now();
      counted.set(key, await figureRows(tx, filter, request, scope));
      timed?.(key, performance.now() - started);
    }
    return { rows: counted, drafts: await draftsLeftOut(tx, filter, scope) };
  });
  return assembleMeasures(filter, {
    rows: (request) => rows.get(keyOf(request)) ?? [],
    draftsLeftOut: () => drafts,
  });
}

/**
 * The records behind a figure (its drill-down key), selected by the same definition the figure
 * was counted with, a page at a time in id order.
 */
export async function listServerMeasureRecords(
  db: Queryable,
  filter: MeasureFilter,
  drill: DrillKey,
  page: { limit: number; offset: number },
): Promise<MeasureRecords> {
  const d = postgresMeasureDialect;
  const query = sourceOf(d, drill.source, filter);
  const inner = select(query, `${query.source.id} AS id`, drill.slice, drill.source);
  const [total] = await runBuilt<{ n: string | number }>(db, {
    sql: `SELECT count(DISTINCT id) AS n FROM (${inner.sql}) AS figure_rows`,
    params: inner.params,
  });
  const ids = await runBuilt<{ id: string }>(db, {
    sql: `SELECT DISTINCT id COLLATE "C" AS id FROM (${inner.sql}) AS figure_rows
      ORDER BY 1 LIMIT @limit OFFSET @offset`,
    params: { ...inner.params, limit: page.limit, offset: page.offset },
  });
  return {
    entity: query.source.entity,
    ids: ids.map((row) => row.id),
    total: Number(total?.n ?? 0),
  };
}
