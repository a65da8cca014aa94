import { parse } from 'csv-parse/sync';
import {
  watchListColumns,
  watchListEntryOf,
  type WatchListColumn,
  type WatchListEntry,
} from '../../shared/domain/watch-list.ts';
import type {
  ImportWatchListResult,
  WatchListRowError,
} from '../../shared/ipc/procedures/watch-list.ts';

/** Shown at most: a file with thousands of bad rows is a wrong file, not thousands of fixes. */
const ROW_ERRORS_SHOWN = 200;

/**
 * A spreadsheet saved in a locale that writes decimal commas (Serbian among them) separates its
 * columns by semicolons: the header line says which.
 */
function delimiterOf(text: string): ',' | ';' {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const count = (char: string) => firstLine.split(char).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

/**
 * Reads a watch-list file: the documented header (serial,make,model,calibre,reason,reference,
 * listed_on; any order, names in any case, only `serial` required), then one serial a row. Every
 * wrong row is reported by its number; any wrong row and nothing is returned to import.
 */
export function parseWatchListCsv(
  csv: string,
):
  | { ok: true; entries: Array<{ row: number; entry: WatchListEntry }> }
  | Extract<ImportWatchListResult, { ok: false }> {
  const failed = (
    fileProblem: 'empty' | 'header' | 'unreadable',
    header?: string[],
  ): Extract<ImportWatchListResult, { ok: false }> => ({
    ok: false,
    fileProblem,
    ...(header === undefined ? {} : { header }),
    rowErrors: [],
    rowErrorCount: 0,
  });
  const text = csv.replace(/^\uFEFF/, '');
  if (text.trim() === '') return failed('empty');
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, {
      bom: true,
      // Each row with the line it is on, so a row is named by its number however many blank
      // lines come before it.
      info: true,
      delimiter: delimiterOf(text),
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch {
    // An unclosed quote or the like: the file is not CSV as written.
    return failed('unreadable');
  }
  const [first, ...rows] = records;
  if (first === undefined) return failed('empty');
  const headerRow = first.record;
  const header = headerRow.map((name) => name.trim().toLowerCase());
  const known = new Set<string>(watchListColumns);
  if (
    !header.includes('serial') ||
    header.some((name) => !known.has(name)) ||
    new Set(header).size !== header.length
  ) {
    return failed('header', headerRow);
  }
  const entries: Array<{ row: number; entry: WatchListEntry }> = [];
  const rowErrors: WatchListRowError[] = [];
  let rowErrorCount = 0;
  rows.forEach(({ record: cells, info }) => {
    const row = info.lines;
    if (cells.length !== header.length) {
      rowErrorCount += 1;
      if (rowErrors.length < ROW_ERRORS_SHOWN) rowErrors.push({ row, problems: ['columnCount'] });
      return;
    }
    const named: Partial<Record<WatchListColumn, string>> = {};
    header.forEach((name, column) => {
      named[name as WatchListColumn] = cells[column] ?? '';
    });
    const result = watchListEntryOf(named);
    if ('entry' in result) {
      entries.push({ row, entry: result.entry });
      return;
    }
    rowErrorCount += 1;
    if (rowErrors.length < ROW_ERRORS_SHOWN) rowErrors.push({ row, problems: result.problems });
  });
  if (rowErrorCount > 0) return { ok: false, fileProblem: null, rowErrors, rowErrorCount };
  if (entries.length === 0) return failed('empty');
  return { ok: true, entries };
}
