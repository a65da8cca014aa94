import type { HistoricCount } from '../../shared/domain/historic-count.ts';
import type { Db } from './encrypted-database.ts';
import type { ReferenceRowMeta } from './locations-repository.ts';
import { prepared } from './prepared.ts';

/**
 * Historic aggregate counts (migration 140), in a table of their own: nothing that lists, counts
 * or checks items reads it. Totals are per (activity, kind, unit), never across units.
 */

export function readHistoricCount(db: Db, id: string): HistoricCount | null {
  const row = prepared(db, 'SELECT data_json FROM historic_counts WHERE id = ?').get(id) as
    { data_json: string } | undefined;
  return row === undefined ? null : (JSON.parse(row.data_json) as HistoricCount);
}

export function readHistoricCountMeta(db: Db, id: string): ReferenceRowMeta | null {
  return (
    (prepared(
      db,
      `SELECT revision, server_rev AS serverRev, created_at AS createdAt, created_by AS createdBy
       FROM historic_counts WHERE id = ?`,
    ).get(id) as ReferenceRowMeta | undefined) ?? null
  );
}

/** Revisions as in writeLocation: `serverRev` only from sync; a local save keeps it. */
export function writeHistoricCount(
  db: Db,
  count: HistoricCount,
  at: string,
  by: string,
  revision: number,
  serverRev: number | null = null,
): void {
  prepared(
    db,
    `INSERT INTO historic_counts (id, activity, period_from, period_to, quantity_kind,
       quantity_unit, amount, data_json, created_at, created_by, revision, server_rev)
     VALUES (@id, @activity, @periodFrom, @periodTo, @kind, @unit, @amount, @data, @at, @by,
       @revision, coalesce(@serverRev, 0))
     ON CONFLICT (id) DO UPDATE SET activity = excluded.activity,
       period_from = excluded.period_from, period_to = excluded.period_to,
       quantity_kind = excluded.quantity_kind, quantity_unit = excluded.quantity_unit,
       amount = excluded.amount, data_json = excluded.data_json, revision = excluded.revision,
       server_rev = coalesce(@serverRev, historic_counts.server_rev)`,
  ).run({
    id: count.id,
    activity: count.activity,
    periodFrom: count.periodFrom,
    periodTo: count.periodTo,
    kind: count.quantity.kind,
    unit: count.quantity.unit,
    amount: count.quantity.amount,
    data: JSON.stringify(count),
    at,
    by,
    revision,
    serverRev,
  });
}

/** Kinds in the order reports give them: weapons, parts, ammunition, explosives. */
const kindOrder = `CASE quantity_kind WHEN 'weapons' THEN 1 WHEN 'parts' THEN 2
  WHEN 'ammunition' THEN 3 ELSE 4 END`;

export interface HistoricCountRow {
  readonly count: HistoricCount;
  readonly revision: number;
  readonly createdAt: string;
  readonly createdBy: string;
}

/** Counts whose period ends on or after `from` and starts on or before `to`, oldest first. */
export function listHistoricCounts(
  db: Db,
  filter: { from?: string | undefined; to?: string | undefined; limit: number },
): HistoricCountRow[] {
  const rows = prepared(
    db,
    `SELECT data_json, revision, created_at AS createdAt, created_by AS createdBy
     FROM historic_counts
     WHERE period_to >= coalesce(@from, '') AND period_from <= coalesce(@to, '9999-12-31')
     ORDER BY period_from, activity, ${kindOrder}, quantity_unit, id
     LIMIT @limit`,
  ).all({ from: filter.from ?? null, to: filter.to ?? null, limit: filter.limit }) as Array<
    Omit<HistoricCountRow, 'count'> & { data_json: string }
  >;
  return rows.map(({ data_json, ...row }) => ({
    ...row,
    count: JSON.parse(data_json) as HistoricCount,
  }));
}

export interface HistoricTotal {
  readonly activity: HistoricCount['activity'];
  readonly kind: HistoricCount['quantity']['kind'];
  readonly unit: HistoricCount['quantity']['unit'];
  readonly amount: number;
  readonly counts: number;
}

/** Sums per activity, kind and unit over the same period filter: never two units together. */
export function historicTotals(
  db: Db,
  filter: { from?: string | undefined; to?: string | undefined },
): HistoricTotal[] {
  return prepared(
    db,
    `SELECT activity, quantity_kind AS kind, quantity_unit AS unit, sum(amount) AS amount,
       count(*) AS counts
     FROM historic_counts
     WHERE period_to >= coalesce(@from, '') AND period_from <= coalesce(@to, '9999-12-31')
     GROUP BY activity, quantity_kind, quantity_unit
     ORDER BY activity, ${kindOrder}, quantity_unit`,
  ).all({ from: filter.from ?? null, to: filter.to ?? null }) as HistoricTotal[];
}
