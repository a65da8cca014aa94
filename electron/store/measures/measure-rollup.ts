import { createHash } from 'node:crypto';
import type { MeasureFilter } from '../../../shared/measures/measure-filter.ts';
import type { Db } from '../encrypted-database.ts';
import type { Built, FigureRow } from '../../../shared/measures/figure-sql.ts';
import { prepared } from '../prepared.ts';
import { intakeConditions, type RollupKeys } from './measure-sources.ts';

/**
 * Month rollups of the figures (migration 160). Counting a year's items off the index takes
 * ~110 ms per figure at 1M items and a six-year one ~1.6 s: a scan of every entry is the floor.
 * A figure over whole months instead reads what it counted before for each month, broken down by
 * what a filter can ask (RollupKeys), and adds it up; the days before the first and after the
 * last whole month are counted from the rows, as is any month nothing has built yet.
 *
 * The rollup of a (figure, month) is built by the figure's own SQL (measure-sources.ts) over that
 * month, unfiltered, grouped further by the rollup keys: one definition, so the two cannot
 * disagree (a test checks every figure both ways). It is built the first time a figure needs the
 * month and read from then on, until a write forgets the month (the triggers of migration 160).
 * A figure's key includes a hash of its SQL, so a release that changes a definition never reads
 * a rollup the old one built.
 */

export type { Built, FigureRow } from '../../../shared/measures/figure-sql.ts';

export interface RolledUpFigure {
  /** The figure's name (source, dims, slice), for its key. */
  readonly label: string;
  readonly keys: RollupKeys;
  /** Quantities (entries, amount, unknownAmount, records) or counts (count). */
  readonly quantity: boolean;
  /** The figure's group columns, in order: kind, unit (quantities) and d0, d1, ... */
  readonly groups: readonly string[];
  /** The figure's SQL for a filter, also grouped by `extra` (alias -> SQL over the rows). */
  sql(filter: MeasureFilter, extra: Readonly<Record<string, string>>): Built;
}

/** The rollup's columns for a figure's group columns (kind, unit, d0..d3). */
const GROUP_COLUMNS: ReadonlySet<string> = new Set(['kind', 'unit', 'd0', 'd1', 'd2', 'd3']);

export interface Months {
  readonly first: string;
  readonly last: string;
}

const monthOf = (day: string) => day.slice(0, 7);

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function nextMonth(month: string): string {
  return addDays(`${month}-28`, 7).slice(0, 7);
}

export function lastDayOf(month: string): string {
  return addDays(`${nextMonth(month)}-01`, -1);
}

/**
 * A period as the whole months inside it (if any) and the days around them (the edges), which
 * are counted from the rows.
 */
export function splitPeriod(
  from: string,
  to: string,
): { months: Months | null; edges: Array<{ from: string; to: string }> } {
  const first = from.endsWith('-01') ? monthOf(from) : nextMonth(monthOf(from));
  const last =
    to === lastDayOf(monthOf(to)) ? monthOf(to) : monthOf(addDays(`${monthOf(to)}-01`, -1));
  if (first > last) return { months: null, edges: [{ from, to }] };
  const edges: Array<{ from: string; to: string }> = [];
  if (from < `${first}-01`) edges.push({ from, to: addDays(`${first}-01`, -1) });
  if (to > lastDayOf(last)) edges.push({ from: addDays(lastDayOf(last), 1), to });
  return { months: { first, last }, edges };
}

export function monthsOf({ first, last }: Months): string[] {
  const months: string[] = [];
  for (let month = first; month <= last; month = nextMonth(month)) months.push(month);
  return months;
}

/**
 * The columns a rollup row keeps besides the figure's groups, by RollupKeys. A count figure
 * counts no records, so it never needs the record to count them once.
 */
function keyColumns(keys: RollupKeys, quantity: boolean): Record<string, string> {
  return {
    month: keys.month,
    record_status: keys.recordStatus,
    context: keys.context,
    location_id: keys.locationId,
    campaign_id: keys.campaignId,
    agency: keys.agency,
    ...(keys.record === undefined || !quantity ? {} : { record: keys.record }),
  };
}

/** An unfiltered filter over whole months: what a rollup counts. */
function monthsFilter(months: Months): MeasureFilter {
  return { from: `${months.first}-01`, to: lastDayOf(months.last), finalOnly: false };
}

const figureKeys = new Map<string, string>();

/** The figure's key: its name and a hash of the SQL that builds it. */
function figureKey(figure: RolledUpFigure): string {
  const known = figureKeys.get(figure.label);
  if (known !== undefined) return known;
  const { sql, params } = figure.sql(monthsFilter({ first: '2000-01', last: '2000-01' }), {
    ...keyColumns(figure.keys, figure.quantity),
  });
  const { from: _from, to: _to, toNext: _toNext, ...rest } = params;
  const hash = createHash('sha256')
    .update(sql)
    .update(JSON.stringify(rest))
    .digest('hex')
    .slice(0, 16);
  const key = `${figure.label}#${hash}`;
  figureKeys.set(figure.label, key);
  return key;
}

/** Builds the rollup of the figure for a run of months, replacing what was there. */
function build(db: Db, figure: RolledUpFigure, key: string, months: Months): void {
  const extra = keyColumns(figure.keys, figure.quantity);
  const { sql, params } = figure.sql(monthsFilter(months), extra);
  const columns = [...Object.keys(extra), ...figure.groups];
  const values = figure.quantity ? 'entries, amount, unknownAmount, records' : 'count, 0, 0, 0';
  prepared(db, 'DELETE FROM measure_rollup WHERE figure = ? AND month >= ? AND month <= ?').run(
    key,
    months.first,
    months.last,
  );
  prepared(
    db,
    `INSERT INTO measure_rollup (figure, ${columns.join(', ')}, entries, amount, unknown_amount,
       records)
     SELECT @rollupFigure, ${columns.join(', ')}, ${values} FROM (${sql})`,
  ).run({ ...params, rollupFigure: key });
  const done = prepared(
    db,
    'INSERT OR IGNORE INTO measure_rollup_built (figure, month) VALUES (?, ?)',
  );
  for (const month of monthsOf(months)) done.run(key, month);
}

/** Builds whatever months of the run no rollup is current for, in runs of consecutive months. */
function ensureBuilt(db: Db, figure: RolledUpFigure, key: string, months: Months): void {
  const built = new Set(
    prepared(
      db,
      'SELECT month FROM measure_rollup_built WHERE figure = ? AND month >= ? AND month <= ?',
    )
      .pluck()
      .all(key, months.first, months.last) as string[],
  );
  const runs: Months[] = [];
  for (const month of monthsOf(months)) {
    if (built.has(month)) continue;
    const last = runs.at(-1);
    if (last !== undefined && nextMonth(last.last) === month)
      runs[runs.length - 1] = { ...last, last: month };
    else runs.push({ first: month, last: month });
  }
  for (const run of runs) build(db, figure, key, run);
}

function readRollup(
  db: Db,
  filter: MeasureFilter,
  figure: RolledUpFigure,
  key: string,
  months: Months,
): FigureRow[] {
  const conditions = intakeConditions(filter, 'rollup');
  const groups = figure.groups.join(', ');
  const records =
    figure.keys.record === undefined ? 'sum(ro.records)' : 'count(DISTINCT ro.record)';
  const values = figure.quantity
    ? `sum(ro.entries) AS entries, total(ro.amount) AS amount,
       sum(ro.unknown_amount) AS unknownAmount, ${records} AS records`
    : 'sum(ro.entries) AS count';
  const joins = conditions.where.some((part) => part.startsWith('l.'))
    ? 'LEFT JOIN locations l ON l.id = ro.location_id'
    : '';
  const where = [
    'ro.figure = @rollupFigure',
    'ro.month >= @firstMonth',
    'ro.month <= @lastMonth',
    ...conditions.where,
  ].join(' AND ');
  return prepared(
    db,
    `SELECT ${groups === '' ? '' : `${groups}, `}${values} FROM measure_rollup ro ${joins}
     WHERE ${where} ${groups === '' ? '' : `GROUP BY ${groups}`}`,
  ).all({
    ...conditions.params,
    rollupFigure: key,
    firstMonth: months.first,
    lastMonth: months.last,
  }) as FigureRow[];
}

/** Rows of one figure from several parts of the period, added up group by group, in order. */
export function merge(
  parts: readonly FigureRow[][],
  figure: Pick<RolledUpFigure, 'groups' | 'quantity'>,
): FigureRow[] {
  const sums = figure.quantity ? ['entries', 'amount', 'unknownAmount', 'records'] : ['count'];
  const groups = new Map<string, FigureRow>();
  for (const row of parts.flat()) {
    // A figure with no groups over an empty part still answers one row of nothing.
    if (figure.groups.length === 0 && !figure.quantity && row.count === null) continue;
    // A rollup keeps groups as text; the rows may give a number (K11's days).
    const id = JSON.stringify(
      figure.groups.map((column) => (row[column] === null ? null : String(row[column]))),
    );
    const sum = groups.get(id);
    if (sum === undefined) {
      groups.set(id, { ...row });
      continue;
    }
    for (const column of sums) sum[column] = Number(sum[column] ?? 0) + Number(row[column] ?? 0);
  }
  const compare = (a: FigureRow, b: FigureRow): number => {
    for (const column of figure.groups) {
      const left = String(a[column]);
      const right = String(b[column]);
      if (left !== right) return left < right ? -1 : 1;
    }
    return 0;
  };
  return [...groups.values()].sort(compare);
}

/**
 * A figure's rows for the filter: whole months from their rollups (built first where none is
 * current), the days around them from the rows.
 */
export function rolledUpRows(db: Db, filter: MeasureFilter, figure: RolledUpFigure): FigureRow[] {
  for (const column of figure.groups) {
    if (!GROUP_COLUMNS.has(column)) throw new Error(`A rollup has no column ${column}.`);
  }
  const { months, edges } = splitPeriod(filter.from, filter.to);
  const parts = edges.map((edge) => {
    const { sql, params } = figure.sql({ ...filter, ...edge }, {});
    return prepared(db, sql).all(params) as FigureRow[];
  });
  if (months !== null) {
    const key = figureKey(figure);
    ensureBuilt(db, figure, key, months);
    parts.push(readRollup(db, filter, figure, key, months));
  }
  return merge(parts, figure);
}
