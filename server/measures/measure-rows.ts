import {
  correctedIdOf,
  custodyMomentOf,
  isCustodyEntity,
} from '../../shared/custody/item-custody.ts';
import { intakeMeasureFactsOf } from '../../shared/measures/intake-measure-facts.ts';
import { traceFromRequests, type TraceRequestFacts } from '../../shared/tracing/item-trace.ts';
import type { Queryable } from '../db/database.ts';
import type { RecordData } from '../sync/record-schemas.ts';

/**
 * The rows the measures read on the server (migration 140), written from the stored records in
 * the transaction that stores them (push) or by the migration's backfill, by the laptop's own
 * derivations (shared/measures/intake-measure-facts.ts, shared/custody, shared/tracing): the
 * server counts what the laptops count because it derives the same rows from the same records.
 *
 * - measure_intakes, measure_persons: an intake record's place, context, status and facts; K14's
 *   people. The items' own facts (campaign, agency, justification, identifiable) go on `items`.
 * - measure_places: a place's type and jurisdiction, and its JSON (coordinates, the standard).
 * - measure_custody: a custody record's moment and the record it corrects, and its JSON.
 * - measure_item_traces: what a weapon's trace requests make of its trace status.
 * A tombstone removes its rows.
 */
export interface MeasureRecord {
  readonly id: string;
  readonly entity: string;
  readonly deleted: boolean;
  readonly status: 'draft' | 'final';
  readonly data: RecordData | null;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export async function writeMeasureRows(
  tx: Queryable,
  records: readonly MeasureRecord[],
  /**
   * 'update': the intakes' facts are set on their item rows here (migration 140's backfill, over
   * rows written before the columns existed). 'written': the caller wrote each item row with
   * them (a push: server/sync/item-rows.ts), so no row is written twice.
   */
  { itemFacts = 'update' }: { itemFacts?: 'update' | 'written' } = {},
): Promise<void> {
  await writeIntakes(
    tx,
    records.filter((record) => record.entity === 'intake_event'),
    itemFacts === 'update',
  );
  await writePlaces(
    tx,
    records.filter((record) => record.entity === 'location'),
  );
  await writeCustody(
    tx,
    records.filter((record) => isCustodyEntity(record.entity)),
  );
  await writeTraces(
    tx,
    records.filter((record) => record.entity === 'trace_request'),
  );
}

async function writeIntakes(
  tx: Queryable,
  records: readonly MeasureRecord[],
  updateItemFacts: boolean,
): Promise<void> {
  if (records.length === 0) return;
  const ids = records.map((record) => record.id);
  await tx.query('DELETE FROM measure_persons WHERE intake_event_id = ANY ($1::text[])', [ids]);
  await tx.query('DELETE FROM measure_intakes WHERE id = ANY ($1::text[])', [ids]);
  const intakes: Array<Record<string, unknown>> = [];
  const persons: Array<Record<string, unknown>> = [];
  const items: Array<Record<string, unknown>> = [];
  for (const record of records) {
    if (record.deleted || record.data === null) continue;
    const data = record.data;
    const facts = intakeMeasureFactsOf(data);
    const campaignId = text(data.campaignId);
    intakes.push({
      id: record.id,
      status: record.status,
      context: text(data.context) ?? '',
      occurred_on: text(data.occurredAt),
      location_id: text(data.locationId),
      campaign_id: campaignId,
      record_number: text(data.recordNumber),
      recording_agency: facts.recordingAgency,
      legal_justification: facts.legalJustification,
      disposition_requested: facts.dispositionRequested,
      direction: facts.direction,
      conveyance: facts.conveyance,
      route_departure: facts.routeDeparture,
      route_destination: facts.routeDestination,
    });
    for (const person of facts.persons) {
      persons.push({
        intake_event_id: record.id,
        role: person.role,
        sex: person.sex,
        age_band: person.ageBand,
      });
    }
    if (updateItemFacts)
      items.push({
        intake_event_id: record.id,
        campaign_id: campaignId,
        recording_agency: facts.recordingAgency,
        legal_justification: facts.legalJustification,
        identifiable: Object.fromEntries(facts.identifiable),
      });
  }
  if (intakes.length > 0) {
    await tx.query(
      `INSERT INTO measure_intakes (id, status, context, occurred_on, location_id, campaign_id,
         record_number, recording_agency, legal_justification, disposition_requested, direction,
         conveyance, route_departure, route_destination)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS e(id text, status text, context text,
         occurred_on text, location_id text, campaign_id text, record_number text,
         recording_agency text, legal_justification text, disposition_requested text,
         direction text, conveyance text, route_departure text, route_destination text)`,
      [JSON.stringify(intakes)],
    );
  }
  if (updateItemFacts && items.length > 0) {
    // The intake's facts on its items, as the laptop keeps them: a figure filtered by campaign or
    // agency reads the items alone.
    await tx.query(
      `UPDATE items AS i SET campaign_id = f.campaign_id, recording_agency = f.recording_agency,
         legal_justification = f.legal_justification,
         uniquely_identifiable = (f.identifiable ->> i.id)::int
       FROM jsonb_to_recordset($1::jsonb) AS f(intake_event_id text, campaign_id text,
         recording_agency text, legal_justification text, identifiable jsonb)
       WHERE i.intake_event_id = f.intake_event_id`,
      [JSON.stringify(items)],
    );
  }
  if (persons.length > 0) {
    await tx.query(
      `INSERT INTO measure_persons (intake_event_id, role, sex, age_band)
       SELECT * FROM jsonb_to_recordset($1::jsonb)
         AS p(intake_event_id text, role text, sex text, age_band text)`,
      [JSON.stringify(persons)],
    );
  }
}

async function writePlaces(tx: Queryable, records: readonly MeasureRecord[]): Promise<void> {
  if (records.length === 0) return;
  await tx.query('DELETE FROM measure_places WHERE id = ANY ($1::text[])', [
    records.map((record) => record.id),
  ]);
  const rows = records.flatMap((record) =>
    record.deleted || record.data === null
      ? []
      : [
          {
            id: record.id,
            location_type: text(record.data.locationType) ?? 'other',
            name: text(record.data.name) ?? '',
            jurisdiction: text(record.data.jurisdiction) ?? '',
            data: record.data,
          },
        ],
  );
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO measure_places (id, location_type, name, jurisdiction, data)
     SELECT * FROM jsonb_to_recordset($1::jsonb)
       AS l(id text, location_type text, name text, jurisdiction text, data jsonb)`,
    [JSON.stringify(rows)],
  );
}

async function writeCustody(tx: Queryable, records: readonly MeasureRecord[]): Promise<void> {
  if (records.length === 0) return;
  await tx.query('DELETE FROM measure_custody WHERE id = ANY ($1::text[])', [
    records.map((record) => record.id),
  ]);
  const rows = records.flatMap((record) =>
    record.deleted || record.data === null || !isCustodyEntity(record.entity)
      ? []
      : [
          {
            id: record.id,
            entity: record.entity,
            occurred_at: custodyMomentOf(record.entity, record.data),
            corrects_id: correctedIdOf(record.data),
            data: record.data,
          },
        ],
  );
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO measure_custody (id, entity, occurred_at, corrects_id, data)
     SELECT * FROM jsonb_to_recordset($1::jsonb)
       AS r(id text, entity text, occurred_at text, corrects_id text, data jsonb)`,
    [JSON.stringify(rows)],
  );
}

/**
 * A weapon's trace status from all its trace requests (shared/tracing/item-trace.ts), for the
 * weapons the written requests name (and named before: a request may move to another weapon).
 */
async function writeTraces(tx: Queryable, records: readonly MeasureRecord[]): Promise<void> {
  if (records.length === 0) return;
  const before = await tx.query<{ item_id: string }>(
    `SELECT DISTINCT item_id FROM measure_item_traces WHERE request_ids && $1::text[]`,
    [records.map((record) => record.id)],
  );
  const itemIds = new Set(before.rows.map((row) => row.item_id));
  for (const record of records) {
    const itemId = text(record.data?.itemId);
    if (itemId !== null) itemIds.add(itemId);
  }
  if (itemIds.size === 0) return;
  const { rows } = await tx.query<{ id: string; item_id: string; data: TraceRequestFacts }>(
    `SELECT id, data ->> 'itemId' AS item_id, data FROM records
     WHERE entity = 'trace_request' AND NOT deleted AND data IS NOT NULL
       AND data ->> 'itemId' = ANY ($1::text[])`,
    [[...itemIds]],
  );
  const byItem = new Map<string, Array<{ id: string; data: TraceRequestFacts }>>();
  for (const row of rows) byItem.set(row.item_id, [...(byItem.get(row.item_id) ?? []), row]);
  await tx.query('DELETE FROM measure_item_traces WHERE item_id = ANY ($1::text[])', [
    [...itemIds],
  ]);
  const traces = [...byItem].flatMap(([itemId, requests]) => {
    const derived = traceFromRequests(requests.map((request) => request.data));
    return derived.traceStatus === null
      ? []
      : [
          {
            item_id: itemId,
            trace_status: derived.traceStatus,
            request_ids: requests.map((request) => request.id),
          },
        ];
  });
  if (traces.length === 0) return;
  await tx.query(
    `INSERT INTO measure_item_traces (item_id, trace_status, request_ids)
     SELECT t.item_id, t.trace_status, ARRAY(SELECT jsonb_array_elements_text(t.request_ids))
     FROM jsonb_to_recordset($1::jsonb) AS t(item_id text, trace_status text, request_ids jsonb)`,
    [JSON.stringify(traces)],
  );
}
