import type { Queryable } from '../db/database.ts';
import { itemRowsOf, writeItemRows } from '../sync/item-rows.ts';
import type { RecordData } from '../sync/record-schemas.ts';
import type { Migration } from './migration.ts';

/** Intake events read per page while the rows are filled in. */
const backfillPage = 1000;

/**
 * Items are first-class on the server too (issue 13): every weapon, part, ammunition lot and
 * explosive item of an intake event gets a row in `items`, with the laptop's columns (its
 * migration 40) and the revision of the record it was derived from (`record_rev`, the record's
 * server_rev: a row is in step when it equals its record's). Push rebuilds a record's rows with
 * it (sync/item-rows.ts); here they are filled in from the intake events already stored, a page
 * at a time, by the same function.
 *
 * Indexes serve the lists and reports: by kind and lifecycle status over dates, by type over
 * dates, and by serial (only items that have one). No index by intake event: every push writes
 * these rows, and a push replaces a record's rows by their ids (sync/item-rows.ts). No foreign
 * key to records, as on every table push writes (0010).
 */
export const items: Migration = {
  version: 70,
  name: 'items',
  statements: [
    `CREATE TABLE items (
       id text PRIMARY KEY,
       intake_event_id text NOT NULL,
       record_rev int NOT NULL,
       kind text NOT NULL CHECK (kind IN ('weapon', 'part', 'ammunition', 'explosive')),
       position int NOT NULL,
       item_type text,
       category text,
       serial_number text,
       serial_normalised text,
       manufacturer text,
       model text,
       calibre text,
       quantity_amount double precision,
       quantity_unit text,
       marking_condition text,
       lifecycle_status text,
       trace_status text,
       location_id text,
       intake_context text,
       occurred_on text,
       record_status text NOT NULL CHECK (record_status IN ('draft', 'final'))
     )`,
    `CREATE INDEX items_by_kind ON items (kind, lifecycle_status, occurred_on)`,
    `CREATE INDEX items_by_type ON items (item_type, occurred_on)`,
    `CREATE INDEX items_by_serial ON items (serial_normalised) WHERE serial_normalised IS NOT NULL`,
  ],
  backfill: fillItems,
};

/**
 * Every stored intake event's rows, in pages of records by id. An item id two stored records
 * share (which no laptop makes: its own table has the same key) keeps the first record's row
 * rather than stopping the server from starting.
 */
async function fillItems(tx: Queryable): Promise<void> {
  for (let after = ''; ;) {
    const { rows } = await tx.query<{
      id: string;
      server_rev: number;
      status: 'draft' | 'final';
      data: RecordData;
    }>(
      `SELECT id, server_rev, status, data FROM records
       WHERE entity = 'intake_event' AND NOT deleted AND data IS NOT NULL AND id > $1
       ORDER BY id LIMIT $2`,
      [after, backfillPage],
    );
    const itemRows = rows.flatMap((row) =>
      itemRowsOf({
        entity: 'intake_event',
        deleted: false,
        status: row.status,
        data: row.data,
        serverRev: row.server_rev,
      }),
    );
    await writeItemRows(tx, { replacedItemIds: [], rows: itemRows }, 'keep-first');
    const last = rows.at(-1);
    if (last === undefined || rows.length < backfillPage) break;
    after = last.id;
  }
}
