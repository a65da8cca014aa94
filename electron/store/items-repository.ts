import { normaliseMarkingText } from '../../shared/domain/serial-number.ts';
import { itemListOf, type ItemKind } from '../../shared/records/intake-items.ts';
import type { Db } from './encrypted-database.ts';
import { prepared } from './prepared.ts';

/**
 * Items of every kind from the `items` table (migration 40): a page of them across all intakes,
 * and one with what its intake says of it. Rows only: quantities of two items are never added.
 */
export interface ItemListFilter {
  readonly kind?: ItemKind | undefined;
  readonly lifecycleStatus?: string | undefined;
  /** Matched, normalised, anywhere in a serial number or a text read off the item. */
  readonly serial?: string | undefined;
  readonly limit: number;
  readonly offset: number;
}

export interface ItemListRow {
  readonly id: string;
  readonly kind: ItemKind;
  readonly itemType: string | null;
  readonly category: string | null;
  readonly serialNumber: string | null;
  readonly manufacturer: string | null;
  readonly model: string | null;
  readonly calibre: string | null;
  readonly quantityAmount: number | null;
  readonly quantityUnit: string | null;
  readonly lifecycleStatus: string | null;
  readonly traceStatus: string | null;
  readonly intakeEventId: string;
  readonly recordNumber: string | null;
  readonly occurredAt: string | null;
  readonly intakeContext: string | null;
  readonly locationName: string | null;
  readonly recordStatus: 'draft' | 'final';
}

/** An item's status now: its custody records' (migration 70), else what its intake says. */
export const EFFECTIVE_STATUS_SQL = 'coalesce(i.custody_status, i.lifecycle_status)';
/** Where an item is now: where custody took it (possibly nowhere recorded), else its intake's place. */
export const EFFECTIVE_LOCATION_SQL =
  'CASE WHEN i.custody_status IS NULL THEN i.location_id ELSE i.custody_location_id END';

/**
 * A weapon's trace status now: effectiveTraceStatus (shared/tracing/item-trace.ts) in SQL, over
 * what its trace requests make of it (item_traces, migration 130) and what its intake says.
 */
export const EFFECTIVE_TRACE_SQL = `(SELECT CASE
    WHEN t.trace_status = 'origin_established_by_trace' THEN t.trace_status
    WHEN i.trace_status = 'origin_established_other' THEN i.trace_status
    ELSE coalesce(t.trace_status, i.trace_status) END
  FROM (SELECT 1) LEFT JOIN item_traces t ON t.item_id = i.id)`;

export const itemColumns = `i.id, i.kind, i.item_type AS itemType, i.category,
  i.serial_number AS serialNumber, i.manufacturer, i.model, i.calibre,
  i.quantity_amount AS quantityAmount, i.quantity_unit AS quantityUnit,
  ${EFFECTIVE_STATUS_SQL} AS lifecycleStatus, ${EFFECTIVE_TRACE_SQL} AS traceStatus,
  i.intake_event_id AS intakeEventId, e.record_number AS recordNumber,
  i.occurred_on AS occurredAt, i.intake_context AS intakeContext, l.name AS locationName,
  i.record_status AS recordStatus`;

/**
 * A serial number or a text read off the item, normalised, anywhere in it: SQL over `i` with the
 * parameter @serial.
 */
export function serialMatch(serial: string): { sql: string; serial: string } {
  const normalised = normaliseMarkingText(serial);
  if (normalised === '') return { sql: '(0 AND @serial IS NULL)', serial: '' };
  return {
    sql: `(i.serial_normalised LIKE @serial ESCAPE '\\'
      OR i.id IN (SELECT item_id FROM item_texts WHERE text_normalised LIKE @serial ESCAPE '\\'))`,
    serial: `%${normalised.replace(/[\\%_]/g, (character) => `\\${character}`)}%`,
  };
}

/**
 * Newest intake first. Ties go by rowid, which the indexes hold: the page is read off the index
 * alone (items_by_kind_status for a kind and a status, items_by_date for every kind), without visiting
 * a row until the page's own. A record saved again gets new rowids for its items, so a later
 * page may show an item once more or skip one; nothing is lost from the list.
 */
export function listItems(db: Db, filter: ItemListFilter): { rows: ItemListRow[]; total: number } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.kind !== undefined) {
    where.push('i.kind = @kind');
    params.kind = filter.kind;
  }
  if (filter.lifecycleStatus !== undefined) {
    where.push(`${EFFECTIVE_STATUS_SQL} = @status`);
    params.status = filter.lifecycleStatus;
  }
  if (filter.serial !== undefined) {
    const match = serialMatch(filter.serial);
    where.push(match.sql);
    params.serial = match.serial;
  }
  const clause = where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`;
  const total = (
    prepared(db, `SELECT count(*) AS n FROM items i ${clause}`).get(params) as { n: number }
  ).n;
  // The page's rows first (walking items_by_kind_status or items_by_date in order), then their details.
  const ids = prepared(
    db,
    `SELECT i.rowid FROM items i ${clause}
     ORDER BY i.occurred_on DESC, i.rowid DESC LIMIT @limit OFFSET @offset`,
  )
    .pluck()
    .all({ ...params, limit: filter.limit, offset: filter.offset }) as number[];
  if (ids.length === 0) return { rows: [], total };
  const rows = prepared(
    db,
    `SELECT ${itemColumns}
     FROM json_each(@ids) page
       -- CROSS JOIN keeps the page first: SQLite cannot look a row up in json_each, so any
       -- other order would read every record for each of the page's ids.
     CROSS JOIN items i ON i.rowid = page.value
     JOIN intake_events e ON e.id = i.intake_event_id
     LEFT JOIN locations l ON l.id = i.location_id
     ORDER BY page.key`,
  ).all({ ids: JSON.stringify(ids) }) as ItemListRow[];
  return { rows, total };
}

export interface ItemRead {
  readonly item: ItemListRow;
  /** The item's entry in its intake's JSON, as written. */
  readonly entry: Record<string, unknown>;
  readonly texts: Array<{ kind: string; asRead: string }>;
  readonly intake: {
    readonly id: string;
    readonly recordNumber: string | null;
    readonly status: 'draft' | 'final';
    readonly context: string | null;
    readonly occurredAt: string | null;
    readonly locationName: string | null;
    readonly recordingAgency: string | null;
  };
}

/** One item with its intake; null when no intake lists it. */
export function readItem(db: Db, id: string): ItemRead | null {
  const row = prepared(
    db,
    `SELECT ${itemColumns}, e.data_json AS dataJson, e.status AS intakeStatus,
       e.context AS context
     FROM items i
     JOIN intake_events e ON e.id = i.intake_event_id
     LEFT JOIN locations l ON l.id = i.location_id
     WHERE i.id = ?`,
  ).get(id) as
    | (ItemListRow & { dataJson: string; intakeStatus: 'draft' | 'final'; context: string })
    | undefined;
  if (row === undefined) return null;
  const { dataJson, intakeStatus, context, ...item } = row;
  const event = JSON.parse(dataJson) as Record<string, unknown>;
  const list = event[itemListOf[item.kind]];
  const entry =
    (Array.isArray(list)
      ? (list as Array<Record<string, unknown>>).find((candidate) => candidate.id === id)
      : undefined) ?? {};
  const texts = prepared(
    db,
    'SELECT text_kind AS kind, text_as_read AS asRead FROM item_texts WHERE item_id = ? ORDER BY rowid',
  ).all(id) as Array<{ kind: string; asRead: string }>;
  return {
    item,
    entry,
    texts,
    intake: {
      id: item.intakeEventId,
      recordNumber: item.recordNumber,
      status: intakeStatus,
      context: context === '' ? null : context,
      occurredAt: typeof event.occurredAt === 'string' ? event.occurredAt : null,
      locationName: item.locationName,
      recordingAgency: typeof event.recordingAgency === 'string' ? event.recordingAgency : null,
    },
  };
}
