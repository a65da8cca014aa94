import { normaliseMarkingText, reversedSearchForm } from '../../shared/domain/serial-number.ts';
import type { WatchListEntry, WatchListReason } from '../../shared/domain/watch-list.ts';
import type { WatchListSummary } from '../../shared/ipc/procedures/watch-list.ts';
import type { Db } from './encrypted-database.ts';
import { prepared } from './prepared.ts';

/**
 * Writes a list's rows: replaces the list of that name (its old rows go) or adds to it. The caller
 * runs this inside its transaction, so a file is imported whole or not at all.
 */
export function writeWatchList(
  db: Db,
  list: {
    name: string;
    fileName: string;
    mode: 'replace' | 'add';
    at: string;
    userId: string;
    entries: ReadonlyArray<{ row: number; entry: WatchListEntry }>;
  },
): { imported: number; replaced: number } {
  let replaced = 0;
  if (list.mode === 'replace') {
    replaced = prepared(db, 'DELETE FROM watch_list_entries WHERE list_name = ?').run(
      list.name,
    ).changes;
  }
  prepared(
    db,
    `INSERT INTO watch_lists (name, file_name, imported_at, imported_by) VALUES (?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET file_name = excluded.file_name,
       imported_at = excluded.imported_at, imported_by = excluded.imported_by`,
  ).run(list.name, list.fileName, list.at, list.userId);
  const insert = prepared(
    db,
    `INSERT INTO watch_list_entries (list_name, row_number, serial, serial_normalised,
       serial_reversed, make, model, calibre, reason, reference, listed_on, imported_at, imported_by)
     VALUES (@list, @row, @serial, @normalised, @reversed, @make, @model, @calibre, @reason,
       @reference, @listedOn, @at, @by)`,
  );
  for (const { row, entry } of list.entries) {
    const normalised = normaliseMarkingText(entry.serial);
    insert.run({
      list: list.name,
      row,
      serial: entry.serial,
      normalised,
      reversed: reversedSearchForm(normalised),
      make: entry.make,
      model: entry.model,
      calibre: entry.calibre,
      reason: entry.reason,
      reference: entry.reference,
      listedOn: entry.listedOn,
      at: list.at,
      by: list.userId,
    });
  }
  return { imported: list.entries.length, replaced };
}

export function listWatchLists(db: Db): WatchListSummary[] {
  return prepared(
    db,
    `SELECT w.name, w.file_name AS fileName, w.imported_at AS importedAt,
       w.imported_by AS importedBy, u.name AS importedByName,
       (SELECT count(*) FROM watch_list_entries e WHERE e.list_name = w.name) AS entries
     FROM watch_lists w LEFT JOIN users u ON u.id = w.imported_by
     ORDER BY w.name`,
  ).all() as WatchListSummary[];
}

/** Removes a list and its rows; how many rows went (0: there was no such list). */
export function removeWatchList(db: Db, name: string): number | null {
  const rows = prepared(db, 'DELETE FROM watch_list_entries WHERE list_name = ?').run(name).changes;
  const lists = prepared(db, 'DELETE FROM watch_lists WHERE name = ?').run(name).changes;
  return lists === 0 ? null : rows;
}

/** A listed serial the check found. */
export interface WatchListHit {
  id: number;
  listName: string;
  serial: string;
  normalised: string;
  make: string | null;
  model: string | null;
  calibre: string | null;
  reason: WatchListReason;
  reference: string | null;
  listedOn: string | null;
  exact: boolean;
}

/**
 * Listed serials that are the one typed, or (from `prefixMin` characters) begin or end with it:
 * two index ranges, each read at most `limit` entries from the serial itself, as for items.
 */
export function findWatchListHits(
  db: Db,
  range: { from: string; upper: string; fromEnd: string; upperEnd: string; limit: number },
): WatchListHit[] {
  const rows = prepared(
    db,
    `WITH hits(id, exact) AS (
       SELECT * FROM (
         SELECT e.id, e.serial_normalised = @from FROM watch_list_entries e
         WHERE e.serial_normalised >= @from AND e.serial_normalised < @upper
         ORDER BY e.serial_normalised LIMIT @limit)
       UNION ALL
       SELECT * FROM (
         SELECT e.id, 0 FROM watch_list_entries e
         WHERE e.serial_reversed >= @fromEnd AND e.serial_reversed < @upperEnd
         ORDER BY e.serial_reversed LIMIT @limit)
     ),
     best(id, exact) AS (SELECT id, max(exact) FROM hits GROUP BY id)
     SELECT e.id, e.list_name AS listName, e.serial, e.serial_normalised AS normalised, e.make,
       e.model, e.calibre, e.reason, e.reference, e.listed_on AS listedOn, best.exact AS exact
     FROM best CROSS JOIN watch_list_entries e ON e.id = best.id`,
  ).all(range) as Array<Omit<WatchListHit, 'exact'> & { exact: number }>;
  return rows.map((row) => ({ ...row, exact: row.exact === 1 }));
}
