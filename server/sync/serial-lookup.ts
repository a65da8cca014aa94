import {
  normaliseMarkingText,
  reversedSearchForm,
  sameOrUnknown,
} from '../../shared/domain/serial-number.ts';
import {
  MAX_SERIAL_LOOKUP_MATCHES,
  type SerialLookupMatch,
  type SerialLookupRequest,
  type SerialLookupResponse,
} from '../../shared/sync/protocol.ts';
import type { Queryable } from '../db/database.ts';

/** Shorter than this, only a whole serial matches: "12" begins (and ends) far too many. */
const PREFIX_MIN = 4;
/** Above every character a search form holds: the end of a "begins with" range. */
const PREFIX_END = '\u{10FFFF}';
/** Trace statuses of a request still open: the weapon is under trace. */
const openTrace = new Set(['international_request_sent', 'pending']);

/**
 * What a device may ask about: every item of the server, whatever its team's scope (issue 17).
 * A laptop must learn that a serial was seen elsewhere, destroyed or stolen even when that record
 * belongs to another team; the answer carries only the item's identification and state
 * (SerialLookupMatchSchema: no place, no people, no photos, not the record), never the record.
 */
function visibleToDevice(): string {
  return 'TRUE';
}

interface LookupRow {
  id: string;
  intake_event_id: string;
  record_number: string | null;
  occurred_on: string | null;
  kind: SerialLookupMatch['kind'];
  serial_number: string | null;
  manufacturer: string | null;
  model: string | null;
  calibre: string | null;
  lifecycle_status: string | null;
  trace_status: string | null;
  record_status: 'draft' | 'final';
  exact: boolean;
}

function alarmOf(row: LookupRow): SerialLookupMatch['alarm'] {
  if (row.lifecycle_status === 'destroyed') return 'destroyed';
  if (row.lifecycle_status === 'lost_stolen') return 'lost_stolen';
  if (row.trace_status !== null && openTrace.has(row.trace_status)) return 'under_trace';
  return null;
}

/**
 * Items whose serial is the one sent, begins with it (from four characters) or ends with it, as
 * the laptop's check finds them (electron/store/serial-check-queries.ts): each side reads at most
 * a few hundred entries of its index (migration 90), in order from the serial itself, so the
 * answer takes the same time over a million items as over a thousand. The state is the one
 * derived from custody records (item_custody, migration 80) where there is one, else the
 * intake's own.
 */
export async function lookUpSerial(
  db: Queryable,
  deviceId: string,
  request: SerialLookupRequest,
): Promise<SerialLookupResponse> {
  const normalised = normaliseMarkingText(request.serial);
  if (normalised === '') return { normalised, matches: [], narrowedOut: 0 };
  const partial = normalised.length >= PREFIX_MIN;
  const fromEnd = reversedSearchForm(normalised);
  const { rows } = await db.query<LookupRow>(
    `WITH hits AS (
       (SELECT id, serial_normalised = $1 AS exact FROM items
        WHERE serial_normalised IS NOT NULL
          AND serial_normalised COLLATE "C" >= $1 AND serial_normalised COLLATE "C" < $2
          AND intake_event_id <> $5
        ORDER BY serial_normalised COLLATE "C" LIMIT $6)
       UNION ALL
       (SELECT id, false FROM items
        WHERE serial_reversed IS NOT NULL
          AND serial_reversed COLLATE "C" >= $3 AND serial_reversed COLLATE "C" < $4
          AND intake_event_id <> $5
        ORDER BY serial_reversed COLLATE "C" LIMIT $6)
     ),
     best AS (SELECT id, bool_or(exact) AS exact FROM hits GROUP BY id)
     SELECT i.id, i.intake_event_id, r.data->>'recordNumber' AS record_number, i.occurred_on,
       i.kind, i.serial_number, i.manufacturer, i.model, i.calibre,
       coalesce(c.status, i.lifecycle_status) AS lifecycle_status, i.trace_status,
       i.record_status, best.exact
     FROM best
     JOIN items i ON i.id = best.id
     JOIN records r ON r.id = i.intake_event_id AND NOT r.deleted
     LEFT JOIN item_custody c ON c.item_id = i.id
     WHERE ${visibleToDevice()} AND $7::text IS NOT NULL`,
    [
      normalised,
      // PostgreSQL text holds no NUL: U+0001 ends the range of the whole serial alone.
      partial ? `${normalised}${PREFIX_END}` : `${normalised}\u0001`,
      fromEnd,
      partial ? `${fromEnd}${PREFIX_END}` : fromEnd,
      request.excludeIntakeEventId ?? '',
      MAX_SERIAL_LOOKUP_MATCHES * 4,
      deviceId,
    ],
  );
  let narrowedOut = 0;
  const matches: SerialLookupMatch[] = [];
  for (const row of rows) {
    if (
      !sameOrUnknown(row.manufacturer, request.manufacturer) ||
      !sameOrUnknown(row.calibre, request.calibre)
    ) {
      narrowedOut += 1;
      continue;
    }
    matches.push({
      itemId: row.id,
      intakeEventId: row.intake_event_id,
      recordNumber: row.record_number,
      occurredOn: row.occurred_on,
      kind: row.kind,
      serialNumber: row.serial_number,
      manufacturer: row.manufacturer,
      model: row.model,
      calibre: row.calibre,
      lifecycleStatus: row.lifecycle_status,
      traceStatus: row.trace_status,
      recordStatus: row.record_status,
      alarm: alarmOf(row),
      exact: row.exact,
      matchedOn: 'serial',
    });
  }
  matches.sort(
    (a, b) =>
      Number(b.alarm !== null) - Number(a.alarm !== null) ||
      Number(b.exact) - Number(a.exact) ||
      (b.occurredOn ?? '').localeCompare(a.occurredOn ?? '') ||
      a.itemId.localeCompare(b.itemId),
  );
  return { normalised, matches: matches.slice(0, MAX_SERIAL_LOOKUP_MATCHES), narrowedOut };
}
