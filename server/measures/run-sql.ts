import type { Built, FigureRow } from '../../shared/measures/figure-sql.ts';
import type { Queryable } from '../db/database.ts';

/** Parameters the server adds to a shared statement: a team's scope (scopedMeasureDialect). */
export type ServerParams = Readonly<Record<string, unknown>>;

/**
 * The shared measures' statements name their parameters (`@from`); PostgreSQL numbers them.
 * Only the names a statement uses become parameters: PostgreSQL refuses one it cannot type.
 */
export function positional(
  built: Built,
  extra: ServerParams = {},
): { sql: string; values: unknown[] } {
  const params: ServerParams = { ...built.params, ...extra };
  const names: string[] = [];
  const sql = built.sql.replace(/@([A-Za-z_][A-Za-z0-9_]*)/g, (_match, name: string) => {
    if (!Object.hasOwn(params, name)) throw new Error(`No value for the parameter @${name}.`);
    let index = names.indexOf(name);
    if (index < 0) index = names.push(name) - 1;
    return `$${index + 1}`;
  });
  return { sql, values: names.map((name) => params[name]) };
}

export async function runBuilt<T = FigureRow>(
  tx: Queryable,
  built: Built,
  extra: ServerParams = {},
): Promise<T[]> {
  const { sql, values } = positional(built, extra);
  return (await tx.query<T>(sql, values)).rows;
}

/**
 * SQLite's order of values (NULL, then numbers, then text by code point), which the laptop's
 * figures come in: PostgreSQL's text order follows the database's collation, so rows are put in
 * the laptop's order here and both sides list a figure's groups alike.
 */
export function compareAsSqlite(a: unknown, b: unknown): number {
  const rank = (value: unknown) =>
    value === null || value === undefined ? 0 : typeof value === 'number' ? 1 : 2;
  const byRank = rank(a) - rank(b);
  if (byRank !== 0) return byRank;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const left = String(a ?? '');
  const right = String(b ?? '');
  return left < right ? -1 : left > right ? 1 : 0;
}

export function sortRows(rows: FigureRow[], columns: readonly string[]): FigureRow[] {
  return rows.sort((a, b) => {
    for (const column of columns) {
      const order = compareAsSqlite(a[column], b[column]);
      if (order !== 0) return order;
    }
    return 0;
  });
}
