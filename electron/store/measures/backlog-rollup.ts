import type { MeasureFilter } from '../../../shared/measures/measure-filter.ts';
import { backlogAgeOf } from '../../../shared/measures/measure-rules.ts';
import type { Db } from '../encrypted-database.ts';
import { prepared } from '../prepared.ts';
import { quantitySql } from './figure-sql.ts';
import {
  lastDayOf,
  merge,
  monthsOf,
  rolledUpRows,
  type FigureRow,
  type RolledUpFigure,
} from './measure-rollup.ts';
import { backlogCells, backlogTakenIn, type RollupKeys } from './measure-sources.ts';

/**
 * K10, the backlog at the period's end, from month rollups. It is a stock at a day, not a sum
 * over the period: every item taken in by then counts unless it stopped being held by then, so
 * counted from the rows it reads every item ever taken in (1.4 s at 1M items).
 *
 * At a month's end T, the items taken in month M (up to T) still held are those whose `gone`
 * month is after T, from the records whose `recordGone` is after T (backlogCells): both kept per
 * intake month by measure-rollup.ts, like any figure. Their age is the same for a whole month M
 * unless M holds the 90th or 365th day before T: those (at most two) months are counted from the
 * rows. A period ending on any other day is counted from the rows.
 */

const UNIT_GROUPS = ['kind', 'unit', 'd0'] as const;

function figureOf(keys: RollupKeys, dim: 'gone' | 'recordGone'): RolledUpFigure {
  return {
    label: `k10:${dim}`,
    keys,
    quantity: true,
    groups: UNIT_GROUPS,
    sql: (filter, extra) => quantitySql(backlogCells(filter), 'k10', [dim], {}, extra),
  };
}

const julian = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

/** The age of a whole intake month at `to`, or null when its days fall in two ages. */
function ageOfMonth(month: string, to: string): string | null {
  const oldest = backlogAgeOf(julian(to) - julian(`${month}-01`));
  const newest = backlogAgeOf(julian(to) - julian(lastDayOf(month)));
  return oldest === newest ? oldest : null;
}

/** Whether the backlog at this filter's end can be read from month rollups. */
export function backlogFromRollups(filter: MeasureFilter): boolean {
  return filter.to === lastDayOf(filter.to.slice(0, 7));
}

/** K10 by kind, unit and age (d0) at the filter's end, which must be a month's last day. */
export function backlogRows(db: Db, filter: MeasureFilter): FigureRow[] {
  const first = prepared(db, 'SELECT min(occurred_on) FROM items').pluck().get() as string | null;
  const end = filter.to.slice(0, 7);
  if (first === null || first > filter.to) return [];
  const keys = backlogCells(filter).source.rollup;
  if (keys === undefined) throw new Error('The backlog cells keep no rollup keys.');
  // Whole intake months in runs of one age; the months that straddle two ages apart.
  const runs: Array<{ first: string; last: string; age: string }> = [];
  const straddling: string[] = [];
  let run: { first: string; last: string; age: string } | null = null;
  for (const month of monthsOf({ first: first.slice(0, 7), last: end })) {
    const age = ageOfMonth(month, filter.to);
    if (age === null) {
      straddling.push(month);
      run = null;
    } else if (run !== null && run.age === age) {
      run.last = month;
    } else {
      run = { first: month, last: month, age };
      runs.push(run);
    }
  }
  const parts: FigureRow[][] = runs.map((run) => {
    const period = { ...filter, from: `${run.first}-01`, to: lastDayOf(run.last) };
    const held = (row: FigureRow) => String(row.d0) > end;
    const items = rolledUpRows(db, period, figureOf(keys, 'gone')).filter(held);
    const records = rolledUpRows(db, period, figureOf(keys, 'recordGone')).filter(held);
    const atAge = (row: FigureRow, counts: Partial<FigureRow>): FigureRow => ({
      kind: row.kind ?? null,
      unit: row.unit ?? null,
      d0: run.age,
      entries: 0,
      amount: 0,
      unknownAmount: 0,
      records: 0,
      ...counts,
    });
    return [
      ...items.map((row) =>
        atAge(row, { entries: row.entries, amount: row.amount, unknownAmount: row.unknownAmount }),
      ),
      ...records.map((row) => atAge(row, { records: row.records })),
    ];
  });
  for (const month of straddling) {
    const { sql, params } = quantitySql(
      backlogTakenIn(filter, { from: `${month}-01`, to: lastDayOf(month) }),
      'k10',
      ['age'],
      {},
    );
    parts.push(prepared(db, sql).all(params) as FigureRow[]);
  }
  return merge(parts, { groups: UNIT_GROUPS, quantity: true });
}
