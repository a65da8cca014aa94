import type { ReviewFilter } from '../../shared/domain/record-review.ts';
import type { IntakeEvent, IntakeEventDraft } from '../../shared/domain/intake-event.ts';
import { normaliseRecordNumberSearch } from '../../shared/domain/record-number.ts';
import { normaliseMarkingText } from '../../shared/domain/serial-number.ts';
import type { IntakeSort } from '../../shared/ipc/procedures/records.ts';
import { itemsOfIntake } from '../../shared/records/intake-items.ts';
import type { Db } from './encrypted-database.ts';
import { foldSearchText, intakeSearchColumns } from './intake-search-columns.ts';
import { refreshCustodyOfIntake } from './custody-repository.ts';
import { intakeMeasureFactsOf } from '../../shared/measures/intake-measure-facts.ts';
import { deleteIntakeMeasureFacts, insertIntakePersons } from './intake-measure-facts.ts';
import { deleteItemRowsOf, insertItemRows } from './item-rows.ts';
import { prepared } from './prepared.ts';
import { reviewStandingSql } from './record-reviews-repository.ts';
import { recordSyncStateSql, type RecordSyncState } from './sync-repository.ts';

export type StoredIntakeEvent = IntakeEventDraft | IntakeEvent;

export interface IntakeRow {
  readonly event: StoredIntakeEvent;
  readonly revision: number;
  /** The server's revision of this record as last seen; 0 if the server never acknowledged it. */
  readonly serverRev: number;
  readonly status: 'draft' | 'final';
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
  readonly finalisedAt: string | null;
  readonly finalisedBy: string | null;
}

interface RawRow {
  data_json: string;
  revision: number;
  server_rev: number;
  status: 'draft' | 'final';
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  finalised_at: string | null;
  finalised_by: string | null;
}

export function readIntake(db: Db, id: string): IntakeRow | null {
  const row = prepared(db, 'SELECT * FROM intake_events WHERE id = ?').get(id) as
    RawRow | undefined;
  if (row === undefined) return null;
  return {
    event: JSON.parse(row.data_json) as StoredIntakeEvent,
    revision: row.revision,
    serverRev: row.server_rev,
    status: row.status,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    finalisedAt: row.finalised_at,
    finalisedBy: row.finalised_by,
  };
}

/**
 * Who recorded the person's most recent record, and for which agency: a new record starts with
 * them (issue 13: a field team types its agency once, not on every record). Walks back from the
 * newest row (rowid order is insertion order), so it reads a handful of rows, not the table.
 */
export function lastRecordedBy(
  db: Db,
  userId: string,
): { recordingAgency?: string; recordingOfficer?: string } | null {
  const row = prepared(
    db,
    `SELECT json_extract(data_json, '$.recordingAgency') AS agency,
            json_extract(data_json, '$.recordingOfficer') AS officer
       FROM intake_events WHERE created_by = ? ORDER BY rowid DESC LIMIT 1`,
  ).get(userId) as { agency: unknown; officer: unknown } | undefined;
  if (row === undefined) return null;
  return {
    ...(typeof row.agency === 'string' ? { recordingAgency: row.agency } : {}),
    ...(typeof row.officer === 'string' ? { recordingOfficer: row.officer } : {}),
  };
}

/**
 * Writes the record and rebuilds its item rows (every kind, with the texts read off them) and its
 * measure facts from it. Call it inside the transaction that also appends the audit entry and the
 * outbox row. `serverRev` is only given by sync (what the server acknowledged); a local save
 * leaves it as it was.
 */
export function writeIntake(
  db: Db,
  row: Omit<IntakeRow, 'event' | 'serverRev'> & {
    event: StoredIntakeEvent;
    serverRev?: number;
    /** JSON.stringify(event), when the caller made it already (a pull validates off-thread). */
    dataJson?: string;
    /**
     * The caller read that no record with this id is stored (a first pull's records): there are
     * no item rows or people of an earlier version to delete first.
     */
    isNew?: boolean;
  },
): void {
  const { event } = row;
  const dataJson = row.dataJson ?? JSON.stringify(event);
  const items = itemsOfIntake(event as Record<string, unknown>, row.status);
  // The facts go into the rows as they are written, never by updates after them (see
  // insertItemRows): each update rewrote the rows' entries in the measures' wide indexes.
  const facts = intakeMeasureFactsOf(event as Record<string, unknown>);
  prepared(
    db,
    `INSERT INTO intake_events (id, status, context, occurred_on, location_id, campaign_id, revision,
       server_rev, data_json, created_at, created_by, updated_at, updated_by, finalised_at, finalised_by,
       record_number, case_ref, receipt_number, item_count, recording_agency, legal_justification,
       disposition_requested, direction, conveyance, route_departure, route_destination)
     VALUES (@id, @status, @context, @occurred_on, @location_id, @campaign_id, @revision,
       coalesce(@server_rev, 0), @data_json, @created_at, @created_by, @updated_at, @updated_by,
       @finalised_at, @finalised_by, @record_number, @case_ref, @receipt_number, @item_count,
       @recording_agency, @legal_justification, @disposition_requested, @direction, @conveyance,
       @route_departure, @route_destination)
     ON CONFLICT (id) DO UPDATE SET status = excluded.status, context = excluded.context,
       record_number = excluded.record_number, case_ref = excluded.case_ref,
       receipt_number = excluded.receipt_number, item_count = excluded.item_count,
       occurred_on = excluded.occurred_on, location_id = excluded.location_id,
       campaign_id = excluded.campaign_id, revision = excluded.revision,
       server_rev = coalesce(@server_rev, intake_events.server_rev), data_json = excluded.data_json,
       updated_at = excluded.updated_at, updated_by = excluded.updated_by,
       finalised_at = excluded.finalised_at, finalised_by = excluded.finalised_by,
       recording_agency = excluded.recording_agency,
       legal_justification = excluded.legal_justification,
       disposition_requested = excluded.disposition_requested, direction = excluded.direction,
       conveyance = excluded.conveyance, route_departure = excluded.route_departure,
       route_destination = excluded.route_destination`,
  ).run({
    id: event.id,
    status: row.status,
    context: event.context ?? '',
    occurred_on: event.occurredAt ?? null,
    location_id: event.locationId ?? null,
    campaign_id: event.campaignId ?? null,
    revision: row.revision,
    server_rev: row.serverRev ?? null,
    data_json: dataJson,
    created_at: row.createdAt,
    created_by: row.createdBy,
    updated_at: row.updatedAt,
    updated_by: row.updatedBy,
    finalised_at: row.finalisedAt,
    finalised_by: row.finalisedBy,
    ...intakeSearchColumns(event as Record<string, unknown>, items.length),
    recording_agency: facts.recordingAgency,
    legal_justification: facts.legalJustification,
    disposition_requested: facts.dispositionRequested,
    direction: facts.direction,
    conveyance: facts.conveyance,
    route_departure: facts.routeDeparture,
    route_destination: facts.routeDestination,
  });

  // The items' rows and people follow the record: rebuilt from it on every write.
  if (row.isNew !== true) {
    deleteItemRowsOf(db, event.id);
    deleteIntakeMeasureFacts(db, event.id);
  }
  insertItemRows(db, items, {
    serialEnds: true,
    intakeFacts: {
      legalJustification: facts.legalJustification,
      identifiable: facts.identifiable,
      campaignId: event.campaignId ?? null,
      recordingAgency: facts.recordingAgency,
    },
  });
  insertIntakePersons(db, event.id, facts.persons);
  refreshCustodyOfIntake(db, event.id);
}

export interface IntakeFilter {
  readonly context?: string | undefined;
  readonly status?: 'draft' | 'final' | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly locationId?: string | undefined;
  /** Matched, normalised, anywhere in a serial number or a marking's text. */
  readonly serial?: string | undefined;
  /**
   * Matched anywhere in the record number, case reference, receipt number, a make or a model
   * (ignoring case), or, normalised, in a serial number or marking.
   */
  readonly search?: string | undefined;
  /** Where the record stands with its review (reviewStandingSql). */
  readonly reviewState?: ReviewFilter | undefined;
  readonly sort?: IntakeSort | undefined;
  readonly direction?: 'asc' | 'desc' | undefined;
  readonly limit: number;
  readonly offset: number;
}

export interface IntakeListRow {
  readonly id: string;
  readonly status: 'draft' | 'final';
  readonly context: string;
  readonly occurredOn: string | null;
  readonly locationName: string | null;
  readonly recordNumber: string | null;
  readonly weaponCount: number;
  readonly partCount: number;
  readonly ammunitionCount: number;
  readonly explosiveCount: number;
  readonly serials: string | null;
  readonly updatedAt: string;
  readonly updatedByName: string;
  readonly revision: number;
  readonly syncState: RecordSyncState;
  readonly reviewStanding: ReviewFilter;
}

/** A LIKE pattern finding `text` anywhere. */
function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/** Records with an item whose serial or a text read off it contains the (normalised) pattern. */
function serialMatch(param: string): string {
  return `e.id IN (
    SELECT i.intake_event_id FROM items i WHERE i.serial_normalised LIKE ${param} ESCAPE '\\'
    UNION
    SELECT i.intake_event_id FROM item_texts t JOIN items i ON i.id = t.item_id
      WHERE t.text_normalised LIKE ${param} ESCAPE '\\')`;
}

/**
 * Each sort with its tie-breakers; every one ends on the id, so a page boundary never moves.
 * Date, number, item count and last change walk an index; the place sorts what matches.
 */
function orderOf(sort: IntakeSort, direction: 'asc' | 'desc'): string {
  const dir = direction === 'asc' ? 'ASC' : 'DESC';
  switch (sort) {
    case 'date':
      return `e.sort_date ${dir}, e.updated_at ${dir}, e.rowid`;
    case 'number':
      return `e.record_number ${dir}, e.rowid`;
    case 'place':
      return `l.name COLLATE NOCASE ${dir}, e.sort_date DESC, e.rowid`;
    case 'items':
      return `e.item_count ${dir}, e.sort_date DESC, e.rowid`;
    case 'updated':
      return `e.updated_at ${dir}, e.rowid`;
  }
}

/** Newest first unless asked otherwise; drafts without a date sort by their last change. */
export function listIntakes(
  db: Db,
  filter: IntakeFilter,
): { rows: IntakeListRow[]; total: number } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.context !== undefined) {
    where.push('e.context = @context');
    params.context = filter.context;
  }
  if (filter.status !== undefined) {
    where.push('e.status = @status');
    params.status = filter.status;
  }
  if (filter.from !== undefined) {
    where.push('e.occurred_on >= @from');
    params.from = filter.from;
  }
  if (filter.to !== undefined) {
    where.push('e.occurred_on <= @to');
    params.to = filter.to;
  }
  if (filter.locationId !== undefined) {
    where.push('e.location_id = @locationId');
    params.locationId = filter.locationId;
  }
  if (filter.serial !== undefined) {
    const normalised = normaliseMarkingText(filter.serial);
    // A search of only separators ('-', '/') names no serial: it finds nothing, not everything.
    if (normalised === '') where.push('0');
    else {
      where.push(serialMatch('@serial'));
      params.serial = containing(normalised);
    }
  }
  if (filter.search !== undefined && filter.search.trim() !== '') {
    const text = foldSearchText(filter.search);
    const serial = normaliseMarkingText(filter.search);
    // Each part scans a narrow index (number, case and receipt; make and model; serials and
    // markings), never the records' JSON.
    where.push(`(
      e.rowid IN (SELECT rowid FROM intake_events
        WHERE record_number LIKE @searchNumber ESCAPE '\\' OR case_ref LIKE @searchText ESCAPE '\\'
          OR receipt_number LIKE @searchText ESCAPE '\\')
      OR e.id IN (SELECT intake_event_id FROM items
        WHERE manufacturer LIKE @searchText ESCAPE '\\' OR model LIKE @searchText ESCAPE '\\')
      ${serial === '' ? '' : `OR ${serialMatch('@searchSerial')}`})`);
    params.searchNumber = containing(normaliseRecordNumberSearch(filter.search));
    params.searchText = containing(text);
    if (serial !== '') params.searchSerial = containing(serial);
  }
  if (filter.reviewState !== undefined) {
    where.push(`${reviewStandingSql('e.id', 'e.server_rev')} = @reviewState`);
    params.reviewState = filter.reviewState;
  }
  const clause = where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`;
  // For the page itself the filters are written with a unary + so SQLite walks the sort index in
  // order and stops after offset + limit rows, instead of sorting every match (50 ms at 100k).
  const pageClause = clause.replace(/\be\.(context|occurred_on|location_id|status)\b/g, '+e.$1');
  const sort = filter.sort ?? 'date';
  const total = (
    db.prepare(`SELECT count(*) AS n FROM intake_events e ${clause}`).get(params) as { n: number }
  ).n;
  // The page's rows first, then the per-row details for those 50 only: with the details in the
  // same select, SQLite would compute them for every matching row before sorting. By rowid, not
  // id: every index holds the rowid, so the date sort walks intake_events_by_sort alone (it
  // holds the filters' columns too) and reads no record until the page is known; with e.id it
  // read every skipped record's row (at 100k records, 5 ms a page on a 2 MiB cache instead of
  // 1). Ties break by rowid: the order of one laptop's rows, stable from page to page.
  const rowids = db
    .prepare(
      `SELECT e.rowid FROM intake_events e
       ${sort === 'place' ? 'LEFT JOIN locations l ON l.id = e.location_id' : ''}
       ${pageClause}
       ORDER BY ${orderOf(sort, filter.direction ?? (sort === 'place' || sort === 'number' ? 'asc' : 'desc'))}
       LIMIT @limit OFFSET @offset`,
    )
    .pluck()
    .all({ ...params, limit: filter.limit, offset: filter.offset }) as number[];
  if (rowids.length === 0) return { rows: [], total };
  const count = (kind: string) =>
    // +i.kind: by the record's rows (items_by_event), never by every item of the kind.
    `(SELECT count(*) FROM items i WHERE i.intake_event_id = e.id AND +i.kind = '${kind}')`;
  const rows = db
    .prepare(
      `SELECT e.id, e.status, e.context, e.occurred_on AS occurredOn, l.name AS locationName,
         e.record_number AS recordNumber,
         ${count('weapon')} AS weaponCount, ${count('part')} AS partCount,
         ${count('ammunition')} AS ammunitionCount, ${count('explosive')} AS explosiveCount,
         (SELECT group_concat(serial_number, char(31)) FROM
            (SELECT serial_number FROM items i WHERE i.intake_event_id = e.id
               AND serial_number IS NOT NULL AND serial_number <> ''
               ORDER BY i.kind = 'weapon' DESC, i.position LIMIT 5)) AS serials,
         e.updated_at AS updatedAt, u.name AS updatedByName, e.revision,
         ${recordSyncStateSql('e.id', 'e.server_rev')} AS syncState,
         ${reviewStandingSql('e.id', 'e.server_rev')} AS reviewStanding
       FROM json_each(@ids) page
       -- CROSS JOIN keeps the page first: SQLite cannot look a row up in json_each, so any
       -- other order would read every record for each of the page's ids.
       CROSS JOIN intake_events e ON e.rowid = page.value
       LEFT JOIN locations l ON l.id = e.location_id
       JOIN users u ON u.id = e.updated_by
       ORDER BY page.key`,
    )
    .all({ ids: JSON.stringify(rowids) }) as IntakeListRow[];
  return { rows, total };
}

/**
 * Deletes a draft on this laptop, inside the caller's transaction: the record, its item rows (they
 * go with it and nothing else does) and any server change kept aside for it. Changes never sent
 * leave the outbox with it; what remains tells whether the server may hold the record, so the
 * caller knows whether a 'delete' must follow. Its history stays in the audit log.
 */
export function deleteIntakeDraft(db: Db, id: string): { serverMayHaveIt: boolean } {
  const row = prepared(db, 'SELECT server_rev FROM intake_events WHERE id = ?').get(id) as
    { server_rev: number } | undefined;
  deleteItemRowsOf(db, id);
  deleteIntakeMeasureFacts(db, id);
  prepared(db, 'DELETE FROM intake_events WHERE id = ?').run(id);
  prepared(db, 'DELETE FROM sync_deferred WHERE entity_id = ?').run(id);
  // A change with no wire id was never sent: it can go. One that was sent may have arrived.
  prepared(
    db,
    "DELETE FROM outbox WHERE entity = 'intake_event' AND entity_id = ? AND state = 'pending' AND wire_id IS NULL",
  ).run(id);
  const sent = prepared(
    db,
    "SELECT 1 FROM outbox WHERE entity = 'intake_event' AND entity_id = ? AND state = 'pending' LIMIT 1",
  ).get(id);
  return { serverMayHaveIt: (row?.server_rev ?? 0) > 0 || sent !== undefined };
}
