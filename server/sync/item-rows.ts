import { intakeMeasureFactsOf } from '../../shared/measures/intake-measure-facts.ts';
import { itemsOfIntake } from '../../shared/records/intake-items.ts';
import type { Queryable } from '../db/database.ts';
import type { RecordState } from './decide-mutation.ts';

/**
 * The server's `items` rows (migration 70): every weapon, part, ammunition lot and explosive item
 * of an intake event as a row of its own, derived by the same function the laptop uses
 * (shared/records/intake-items.ts), with the item's own id (a UUID made once on the laptop) as its
 * id on every device. They are rebuilt from their record in the transaction that writes it, so a
 * crash leaves both or neither: they are never out of step with the records.
 */

/**
 * The rows of a stored record: none for a tombstone or a record of another type. With
 * `intakeFacts`, each row also carries its record's measure facts (the columns migration 140
 * added): a push writes them with the row instead of updating every row after inserting it (that
 * update rewrote each item row and its index entries: the most expensive statement of a push).
 * Migration 70 writes rows into the schema of its time, which has no such columns.
 */
export function itemRowsOf(
  record: Omit<StoredRecordState, 'id'>,
  { intakeFacts = false }: { intakeFacts?: boolean } = {},
): ItemRowParameter[] {
  if (record.entity !== 'intake_event' || record.deleted || record.data === null) return [];
  const facts = intakeFacts ? itemFactsOf(record.data) : null;
  return itemsOfIntake(record.data, record.status).map((row) => ({
    id: row.id,
    intake_event_id: row.intakeEventId,
    record_rev: record.serverRev,
    kind: row.kind,
    position: row.position,
    // Absent keys are null to jsonb_to_recordset: the parameter carries only what is there.
    item_type: row.itemType ?? undefined,
    category: row.category ?? undefined,
    serial_number: row.serialNumber ?? undefined,
    serial_normalised: row.serialNormalised ?? undefined,
    manufacturer: row.manufacturer ?? undefined,
    model: row.model ?? undefined,
    calibre: row.calibre ?? undefined,
    quantity_amount: row.quantityAmount ?? undefined,
    quantity_unit: row.quantityUnit ?? undefined,
    marking_condition: row.markingCondition ?? undefined,
    lifecycle_status: row.lifecycleStatus ?? undefined,
    trace_status: row.traceStatus ?? undefined,
    location_id: row.locationId ?? undefined,
    intake_context: row.intakeContext ?? undefined,
    occurred_on: row.occurredOn ?? undefined,
    record_status: row.recordStatus,
    ...(facts === null
      ? {}
      : {
          campaign_id: facts.campaignId,
          recording_agency: facts.recordingAgency,
          legal_justification: facts.legalJustification,
          // Only weapons are judged identifiable (K6); other items keep the column empty.
          uniquely_identifiable: facts.identifiable.get(row.id),
        }),
  }));
}

/** What an intake's items share of its measure facts (server/measures/measure-rows.ts). */
function itemFactsOf(data: Record<string, unknown>) {
  const facts = intakeMeasureFactsOf(data);
  return {
    campaignId: typeof data.campaignId === 'string' ? data.campaignId : undefined,
    recordingAgency: facts.recordingAgency ?? undefined,
    legalJustification: facts.legalJustification ?? undefined,
    identifiable: facts.identifiable,
  };
}

/** One item row as the bulk statement's JSON parameter names its columns. */
export interface ItemRowParameter {
  readonly id: string;
  readonly intake_event_id: string;
  readonly record_rev: number;
  readonly kind: string;
  readonly position: number;
  readonly item_type?: string | undefined;
  readonly category?: string | undefined;
  readonly serial_number?: string | undefined;
  readonly serial_normalised?: string | undefined;
  readonly manufacturer?: string | undefined;
  readonly model?: string | undefined;
  readonly calibre?: string | undefined;
  readonly quantity_amount?: number | undefined;
  readonly quantity_unit?: string | undefined;
  readonly marking_condition?: string | undefined;
  readonly lifecycle_status?: string | undefined;
  readonly trace_status?: string | undefined;
  readonly location_id?: string | undefined;
  readonly intake_context?: string | undefined;
  readonly occurred_on?: string | undefined;
  readonly record_status: 'draft' | 'final';
  readonly campaign_id?: string | undefined;
  readonly recording_agency?: string | undefined;
  readonly legal_justification?: string | undefined;
  readonly uniquely_identifiable?: 0 | 1 | undefined;
}

/** What a write does to `items`: the records whose rows go, and the rows that replace them. */
export interface ItemWrites {
  /** The rows this write replaces: those of the records' states before it. */
  readonly replacedItemIds: string[];
  readonly rows: ItemRowParameter[];
}

/**
 * The item rows a push writes for the records it stores (their last states): each intake
 * event's rows are replaced by those of its new state. The rows to remove are those its state
 * before the push gives (kept in step by every write), found by their primary key. Deleting by
 * intake event instead needs an index of its own, probed for every new record too: with it,
 * `npm run bench:sync` pushed 16-22% fewer creates a second than without items at all.
 */
export function itemWritesOf(
  records: readonly StoredRecordState[],
  before: ReadonlyMap<string, StoredRecordState>,
): ItemWrites {
  const writes: ItemWrites = { replacedItemIds: [], rows: [] };
  for (const record of records) {
    if (record.entity !== 'intake_event') continue;
    const previous = before.get(record.id);
    if (previous !== undefined)
      for (const row of itemRowsOf(previous)) writes.replacedItemIds.push(row.id);
    writes.rows.push(...itemRowsOf(record, { intakeFacts: true }));
  }
  return writes;
}

type StoredRecordState = Pick<RecordState, 'id' | 'entity' | 'deleted' | 'status' | 'data'> & {
  readonly serverRev: number;
};

/**
 * Removes the replaced rows, then inserts the new ones, each as one statement. An
 * item id another intake already holds fails the insert (the primary key): the push then rejects
 * that mutation alone, as the laptop could not store such a record either. `intakeFacts`: the
 * rows carry their record's facts (itemRowsOf), written into the columns migration 140 added.
 */
export async function writeItemRows(
  tx: Queryable,
  writes: ItemWrites,
  onConflict: 'refuse' | 'keep-first' = 'refuse',
  { intakeFacts = false }: { intakeFacts?: boolean } = {},
): Promise<void> {
  const factColumns = intakeFacts
    ? ', campaign_id, recording_agency, legal_justification, uniquely_identifiable'
    : '';
  if (writes.replacedItemIds.length > 0) {
    await tx.query('DELETE FROM items WHERE id = ANY ($1::text[])', [writes.replacedItemIds]);
  }
  if (writes.rows.length === 0) return;
  await tx.query(
    `INSERT INTO items (id, intake_event_id, record_rev, kind, position, item_type, category,
       serial_number, serial_normalised, manufacturer, model, calibre, quantity_amount,
       quantity_unit, marking_condition, lifecycle_status, trace_status, location_id,
       intake_context, occurred_on, record_status${factColumns})
     SELECT i.id, i.intake_event_id, i.record_rev, i.kind, i.position, i.item_type, i.category,
       i.serial_number, i.serial_normalised, i.manufacturer, i.model, i.calibre,
       i.quantity_amount, i.quantity_unit, i.marking_condition, i.lifecycle_status,
       i.trace_status, i.location_id, i.intake_context, i.occurred_on, i.record_status
       ${intakeFacts ? factColumns.replaceAll(', ', ', i.') : ''}
     FROM jsonb_to_recordset($1::jsonb) AS i(id text, intake_event_id text, record_rev int,
       kind text, position int, item_type text, category text, serial_number text,
       serial_normalised text, manufacturer text, model text, calibre text,
       quantity_amount double precision, quantity_unit text, marking_condition text,
       lifecycle_status text, trace_status text, location_id text, intake_context text,
       occurred_on text, record_status text${
         intakeFacts
           ? ', campaign_id text, recording_agency text, legal_justification text, uniquely_identifiable int'
           : ''
       })
     ORDER BY i.id
     ${onConflict === 'keep-first' ? 'ON CONFLICT (id) DO NOTHING' : ''}`,
    [JSON.stringify(writes.rows)],
  );
}
