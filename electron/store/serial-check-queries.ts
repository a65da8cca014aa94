import {
  normaliseMarkingText,
  reversedSearchForm,
  sameOrUnknown,
} from '../../shared/domain/serial-number.ts';
import type {
  SerialAlarm,
  SerialCheckInput,
  SerialMatch,
  WatchListMatch,
} from '../../shared/ipc/procedures/serial-check.ts';
import type { Db } from './encrypted-database.ts';
import { itemColumns, type ItemListRow } from './items-repository.ts';
import { prepared } from './prepared.ts';
import { findWatchListHits } from './watch-list-repository.ts';

/** Shown at most; the check is a warning, not a search (the Items list searches). */
const MATCH_LIMIT = 50;
/** Shorter than this, only a whole serial matches: "12" begins (and ends) far too many. */
const PREFIX_MIN = 4;
/** Above every character a search form holds (they are upper-case Latin, digits, a few others). */
const PREFIX_END = '\u{10FFFF}';

/** Trace statuses of a request still open: the weapon is under trace. */
const openTrace = new Set(['international_request_sent', 'pending']);

function alarmOf(row: ItemListRow): SerialAlarm | null {
  if (row.lifecycleStatus === 'destroyed') return 'destroyed';
  if (row.lifecycleStatus === 'lost_stolen') return 'lost_stolen';
  if (row.traceStatus !== null && openTrace.has(row.traceStatus)) return 'under_trace';
  return null;
}

/**
 * Items whose serial, or a text read off them, is the serial typed, or (from four characters on)
 * begins with it; and items whose serial ends with it. Each lookup walks an index
 * (items_by_serial, items_by_serial_end, item_texts_by_text) over a range, so the check stays
 * fast however many items the laptop holds. Alarms first, then exact matches.
 */
export function findSerialMatches(
  db: Db,
  input: SerialCheckInput,
): {
  normalised: string;
  matches: SerialMatch[];
  narrowedOut: number;
  watchListMatches: WatchListMatch[];
} {
  const normalised = normaliseMarkingText(input.serial);
  if (normalised === '') return { normalised, matches: [], narrowedOut: 0, watchListMatches: [] };
  const upper = normalised.length >= PREFIX_MIN ? `${normalised}${PREFIX_END}` : `${normalised}\0`;
  // How a serial ends, from four characters: an empty range below that.
  const fromEnd = reversedSearchForm(normalised);
  const params = {
    from: normalised,
    upper,
    fromEnd,
    upperEnd: normalised.length >= PREFIX_MIN ? `${fromEnd}${PREFIX_END}` : fromEnd,
    exclude: input.intakeEventId ?? '',
    limit: MATCH_LIMIT * 4,
  };
  const rows = prepared(
    db,
    // Each side reads at most @limit index entries, in order from the serial itself: the exact
    // match comes first, and a short start shared by thousands of serials stays cheap.
    `WITH hits(rowid, matched_on, exact) AS (
       SELECT * FROM (
         SELECT i.rowid, 'serial', i.serial_normalised = @from FROM items i
         WHERE i.serial_normalised >= @from AND i.serial_normalised < @upper
           AND i.intake_event_id <> @exclude
         ORDER BY i.serial_normalised LIMIT @limit)
       UNION ALL
       SELECT * FROM (
         SELECT i.rowid, 'serial', 0 FROM items i
         WHERE i.serial_reversed >= @fromEnd AND i.serial_reversed < @upperEnd
           AND i.intake_event_id <> @exclude
         ORDER BY i.serial_reversed LIMIT @limit)
       UNION ALL
       SELECT * FROM (
         SELECT i.rowid, 'marking', t.text_normalised = @from FROM item_texts t
         JOIN items i ON i.id = t.item_id
         WHERE t.text_normalised >= @from AND t.text_normalised < @upper
           AND t.text_normalised <> coalesce(i.serial_normalised, '')
           AND i.intake_event_id <> @exclude
         ORDER BY t.text_normalised LIMIT @limit)
     ),
     best(rowid, matched_on, exact) AS (
       -- 'serial' sorts after 'marking': an item matched on both counts as a serial match.
       SELECT rowid, max(matched_on), max(exact) FROM hits GROUP BY rowid
     )
     SELECT ${itemColumns}, best.matched_on AS matchedOn, best.exact AS exact
     FROM best CROSS JOIN items i ON i.rowid = best.rowid
     JOIN intake_events e ON e.id = i.intake_event_id
     LEFT JOIN locations l ON l.id = i.location_id`,
  ).all(params) as Array<ItemListRow & { matchedOn: 'serial' | 'marking'; exact: number }>;

  let narrowedOut = 0;
  const matches: SerialMatch[] = [];
  for (const row of rows) {
    if (
      !sameOrUnknown(row.manufacturer, input.manufacturer) ||
      !sameOrUnknown(row.calibre, input.calibre)
    ) {
      narrowedOut += 1;
      continue;
    }
    matches.push({
      ...row,
      intakeContext: row.intakeContext as SerialMatch['intakeContext'],
      exact: row.exact === 1,
      alarm: alarmOf(row),
    });
  }
  matches.sort(
    (a, b) =>
      Number(b.alarm !== null) - Number(a.alarm !== null) ||
      Number(b.exact) - Number(a.exact) ||
      (b.occurredAt ?? '').localeCompare(a.occurredAt ?? ''),
  );
  // The watch lists, over the same index ranges, narrowed the same way.
  const watchListMatches: WatchListMatch[] = [];
  for (const hit of findWatchListHits(db, params)) {
    if (
      !sameOrUnknown(hit.make, input.manufacturer) ||
      !sameOrUnknown(hit.calibre, input.calibre)
    ) {
      narrowedOut += 1;
      continue;
    }
    const { id: _id, normalised: _normalised, ...listed } = hit;
    watchListMatches.push({ ...listed, alarm: hit.exact ? 'watch_list' : null });
  }
  watchListMatches.sort(
    (a, b) => Number(b.exact) - Number(a.exact) || a.listName.localeCompare(b.listName),
  );
  return {
    normalised,
    matches: matches.slice(0, MATCH_LIMIT),
    narrowedOut,
    watchListMatches: watchListMatches.slice(0, MATCH_LIMIT),
  };
}

/**
 * Whether the serial is exactly another record's (its serial or a text read off it) or a listed
 * serial, narrowed by make and calibre as findSerialMatches narrows: all the "checked" flags need.
 * Equality lookups on the same indexes only, so an import can check every weapon it brings.
 */
export function exactSerialHits(
  db: Db,
  input: SerialCheckInput,
): { localRecords: boolean; watchList: boolean } {
  const serial = normaliseMarkingText(input.serial);
  if (serial === '') return { localRecords: false, watchList: false };
  const narrowed = (row: { manufacturer: string | null; calibre: string | null }) =>
    sameOrUnknown(row.manufacturer, input.manufacturer) &&
    sameOrUnknown(row.calibre, input.calibre);
  const items = prepared(
    db,
    `SELECT i.manufacturer, i.calibre FROM items i
     WHERE i.serial_normalised = @serial AND i.intake_event_id <> @exclude
     UNION ALL
     SELECT i.manufacturer, i.calibre FROM item_texts t JOIN items i ON i.id = t.item_id
     WHERE t.text_normalised = @serial AND i.intake_event_id <> @exclude
     LIMIT 200`,
  ).all({ serial, exclude: input.intakeEventId ?? '' }) as Array<{
    manufacturer: string | null;
    calibre: string | null;
  }>;
  const listed = prepared(
    db,
    `SELECT make AS manufacturer, calibre FROM watch_list_entries WHERE serial_normalised = ?
     LIMIT 200`,
  ).all(serial) as Array<{ manufacturer: string | null; calibre: string | null }>;
  return { localRecords: items.some(narrowed), watchList: listed.some(narrowed) };
}

/**
 * Writes an exact hit to the log of serial checks, once per record and serial: the check runs on
 * every pause in typing, the log keeps the first time it found something.
 */
export function recordSerialHit(
  db: Db,
  hit: {
    id: string;
    at: string;
    userId: string;
    intakeEventId: string | undefined;
    serialAsTyped: string;
    normalised: string;
    /** Each exact hit; one found on the sync server says so, with its record number. */
    matches: ReadonlyArray<{
      itemId: string;
      matchedOn: string;
      lifecycleStatus: string | null;
      alarm: SerialAlarm | null;
      onServer?: boolean;
      recordNumber?: string | null;
    }>;
    watchListMatches?: readonly WatchListMatch[];
  },
): boolean {
  const result = prepared(
    db,
    `INSERT INTO serial_checks
       (id, checked_at, user_id, intake_event_id, serial_as_typed, serial_normalised, matches_json)
     VALUES (@id, @at, @userId, @intake, @typed, @normalised, @matches)
     ON CONFLICT (intake_event_id, serial_normalised) DO NOTHING`,
  ).run({
    id: hit.id,
    at: hit.at,
    userId: hit.userId,
    intake: hit.intakeEventId ?? '',
    typed: hit.serialAsTyped,
    normalised: hit.normalised,
    matches: JSON.stringify([
      ...hit.matches.map((match) => ({
        itemId: match.itemId,
        matchedOn: match.matchedOn,
        lifecycleStatus: match.lifecycleStatus,
        alarm: match.alarm,
        ...(match.onServer === true
          ? { onServer: true, recordNumber: match.recordNumber ?? null }
          : {}),
      })),
      // What the list said when it matched: a list is replaced later, the log keeps this.
      ...(hit.watchListMatches ?? []).map((match) => ({
        watchList: match.listName,
        serial: match.serial,
        reason: match.reason,
        reference: match.reference,
        alarm: match.alarm,
      })),
    ]),
  });
  return result.changes > 0;
}

/** Which of these items this laptop holds (the server's matches it need not repeat). */
export function heldItemIds(db: Db, ids: readonly string[]): Set<string> {
  if (ids.length === 0) return new Set();
  const rows = prepared(
    db,
    'SELECT id FROM items WHERE id IN (SELECT value FROM json_each(?))',
  ).all(JSON.stringify(ids)) as Array<{ id: string }>;
  return new Set(rows.map((row) => row.id));
}
