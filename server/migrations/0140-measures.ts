import { custodyEntities } from '../../shared/custody/item-custody.ts';
import type { Queryable } from '../db/database.ts';
import { writeMeasureRows, type MeasureRecord } from '../measures/measure-rows.ts';
import type { Migration } from './migration.ts';

/** Records read per page while the rows are filled in. */
const backfillPage = 1000;

/**
 * The national measures over PostgreSQL (issue 17, the console): the rows the shared measure
 * definitions (shared/measures/measure-sources.ts) read, as the laptop keeps them in its store
 * (its migrations 40, 70, 130, 150 and 160), derived from the stored records by the laptops' own
 * functions (server/measures/measure-rows.ts): intake records' facts and K14's people, places,
 * custody records with their moment and what they correct, weapons' trace status from their
 * requests, and on `items` the intake facts a figure filters items by. Push writes them with the
 * records (sync/push-store.ts); here they are filled in from the records already stored.
 *
 * Indexes serve the measures' periods: items and intakes by date, custody records by type and
 * moment and by the record they correct, places by jurisdiction; trace requests by the weapon
 * they name, to derive its status again when one changes.
 */
export const measures: Migration = {
  version: 140,
  name: 'measures',
  statements: [
    `ALTER TABLE items ADD COLUMN campaign_id text`,
    `ALTER TABLE items ADD COLUMN recording_agency text`,
    `ALTER TABLE items ADD COLUMN legal_justification text`,
    `ALTER TABLE items ADD COLUMN uniquely_identifiable int`,
    `CREATE INDEX items_by_date ON items (occurred_on, kind)`,
    `CREATE INDEX items_by_intake ON items (intake_event_id)`,
    `CREATE TABLE measure_intakes (
       id text PRIMARY KEY,
       status text NOT NULL,
       context text NOT NULL,
       occurred_on text,
       location_id text,
       campaign_id text,
       record_number text,
       recording_agency text,
       legal_justification text,
       disposition_requested text,
       direction text,
       conveyance text,
       route_departure text,
       route_destination text
     )`,
    `CREATE INDEX measure_intakes_by_date ON measure_intakes (occurred_on)`,
    `CREATE TABLE measure_persons (
       intake_event_id text NOT NULL,
       role text NOT NULL,
       sex text NOT NULL,
       age_band text NOT NULL
     )`,
    `CREATE INDEX measure_persons_by_intake ON measure_persons (intake_event_id)`,
    `CREATE TABLE measure_places (
       id text PRIMARY KEY,
       location_type text NOT NULL,
       name text NOT NULL,
       jurisdiction text NOT NULL,
       data jsonb NOT NULL
     )`,
    `CREATE INDEX measure_places_by_jurisdiction ON measure_places (jurisdiction, location_type)`,
    `CREATE TABLE measure_custody (
       id text PRIMARY KEY,
       entity text NOT NULL,
       occurred_at text NOT NULL,
       corrects_id text,
       data jsonb NOT NULL
     )`,
    `CREATE INDEX measure_custody_by_entity ON measure_custody (entity, occurred_at)`,
    `CREATE INDEX measure_custody_by_corrects ON measure_custody (corrects_id)
       WHERE corrects_id IS NOT NULL`,
    `CREATE TABLE measure_item_traces (
       item_id text PRIMARY KEY,
       trace_status text NOT NULL,
       request_ids text[] NOT NULL
     )`,
    `CREATE INDEX records_trace_requests_by_item ON records ((data ->> 'itemId'))
       WHERE entity = 'trace_request'`,
  ],
  backfill: fillMeasureRows,
};

async function fillMeasureRows(tx: Queryable): Promise<void> {
  for (let after = ''; ;) {
    const { rows } = await tx.query<MeasureRecord>(
      `SELECT id, entity, deleted, status, data FROM records
       WHERE entity = ANY ($3::text[]) AND NOT deleted AND data IS NOT NULL AND id > $1
       ORDER BY id LIMIT $2`,
      [after, backfillPage, ['intake_event', 'location', 'trace_request', ...custodyEntities]],
    );
    await writeMeasureRows(tx, rows);
    const last = rows.at(-1);
    if (last === undefined || rows.length < backfillPage) break;
    after = last.id;
  }
}
