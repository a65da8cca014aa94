import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../../server/db/database.ts';
import { migrate } from '../../../../server/db/migrate.ts';
import { openPgDatabase } from '../../../../server/db/pg-database.ts';
import { openPgliteDatabase } from '../../../../server/db/pglite-database.ts';
import { migrations } from '../../../../server/migrations/index.ts';
import { itemsOfIntake } from '../../../../shared/records/intake-items.ts';
import { createThrowawayDatabase } from '../../../support/postgres-test-db.ts';
import { syncBackends } from '../../../support/sync-server.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

const author = '0190a8e4-0000-7000-8000-0000000000aa';

/** An intake event as a server stored it before migration 70: every kind of item in its JSON. */
function storedIntake(n: number, status: 'draft' | 'final') {
  const id = randomUUID();
  return {
    id,
    status,
    serverRev: status === 'final' ? 3 : 1,
    data: {
      id,
      status,
      revision: status === 'final' ? 3 : 1,
      context: n % 2 === 0 ? 'seized' : 'surrendered',
      occurredAt: `2023-0${(n % 9) + 1}-15`,
      locationId: randomUUID(),
      weapons: [
        {
          id: randomUUID(),
          category: 'small_arm',
          weaponType: 'assault_rifle',
          manufacturer: 'Zastava',
          model: 'M70',
          calibreNormalised: '7.62x39mm',
          calibre: '7,62 x 39',
          serialNumber: `AK-${n}`,
          markingCondition: 'intact',
          traceStatus: 'requested',
          markings: [],
          photos: [],
        },
      ],
      parts: [
        {
          id: randomUUID(),
          partType: 'barrel',
          serialNumber: `BRL-${n}`,
          quantity: { kind: 'parts', unit: 'pieces', amount: 2 },
          photos: [],
        },
      ],
      ammunition: [
        {
          id: randomUUID(),
          ammoClass: 'small_arms_cartridge',
          calibre: '7.62x39',
          quantity: { kind: 'ammunition', unit: 'kg', amount: 12.5 },
          photos: [],
        },
      ],
      explosives: [
        {
          id: randomUUID(),
          eoType: 'at_mine',
          quantity: { kind: 'explosives', unit: 'pieces', amount: 3 },
          lifecycleStatus: 'destroyed',
          photos: [],
        },
        // A draft's item not yet given an id has no row (nothing can refer to it).
        { eoType: 'hand_grenade', photos: [] },
      ],
      photos: [],
    },
  };
}

describe.each(syncBackends)('migration 70: items as rows of their own (%s)', (backend) => {
  let db: Database;
  let cleanUp: () => Promise<void>;
  beforeEach(async () => {
    if (backend === 'pglite') {
      const temp = await makeTempDir('migration-70');
      db = await openPgliteDatabase(temp.dir);
      cleanUp = temp.remove;
    } else {
      const postgres = await createThrowawayDatabase();
      db = openPgDatabase(postgres.url);
      cleanUp = postgres.drop;
    }
  });
  afterEach(async () => {
    await db.close();
    await cleanUp();
  });

  it("fills a row for every stored intake's weapons, parts, lots and explosives, page after page", async () => {
    await migrate(
      db,
      migrations.filter((migration) => migration.version < 70),
    );
    // More than one page of records (1,000 a page).
    const intakes = Array.from({ length: 1001 }, (_, n) =>
      storedIntake(n, n % 3 === 0 ? 'final' : 'draft'),
    );
    const insert = (rows: unknown[]) =>
      db.query(
        `INSERT INTO records (id, entity, version, server_rev, deleted, status, data, created_by,
                              updated_by, received_at)
         SELECT r.id, r.entity, 1, r.server_rev, r.deleted, r.status, r.data, $2, $2, now()
         FROM jsonb_to_recordset($1::jsonb) AS r(id text, entity text, server_rev int,
           deleted boolean, status text, data jsonb)`,
        [JSON.stringify(rows), author],
      );
    await insert(
      intakes.map((intake) => ({
        id: intake.id,
        entity: 'intake_event',
        server_rev: intake.serverRev,
        deleted: false,
        status: intake.status,
        data: intake.data,
      })),
    );
    // Neither a deleted draft nor a record of another type has items.
    await insert([
      { id: randomUUID(), entity: 'intake_event', server_rev: 2, deleted: true, status: 'draft' },
      {
        id: randomUUID(),
        entity: 'location',
        server_rev: 1,
        deleted: false,
        status: 'draft',
        data: { weapons: [{ id: randomUUID() }] },
      },
    ]);

    expect(
      await migrate(
        db,
        migrations.filter((migration) => migration.version <= 70),
      ),
    ).toEqual([70]);

    const { rows } = await db.query<Record<string, unknown>>('SELECT * FROM items ORDER BY id');
    expect(rows).toHaveLength(4 * intakes.length);
    // Every field the laptop's rows have, from the same function, at the record's revision.
    const expected = intakes
      .flatMap((intake) =>
        itemsOfIntake(intake.data, intake.status).map(({ texts: _texts, ...item }) => ({
          id: item.id,
          intake_event_id: item.intakeEventId,
          record_rev: intake.serverRev,
          kind: item.kind,
          position: item.position,
          item_type: item.itemType,
          category: item.category,
          serial_number: item.serialNumber,
          serial_normalised: item.serialNormalised,
          manufacturer: item.manufacturer,
          model: item.model,
          calibre: item.calibre,
          quantity_amount: item.quantityAmount,
          quantity_unit: item.quantityUnit,
          marking_condition: item.markingCondition,
          lifecycle_status: item.lifecycleStatus,
          trace_status: item.traceStatus,
          location_id: item.locationId,
          intake_context: item.intakeContext,
          occurred_on: item.occurredOn,
          record_status: item.recordStatus,
        })),
      )
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    expect(rows).toEqual(expected);
    // Spot-check what the function gives, so a change to both cannot pass unnoticed.
    const first = intakes[0]!;
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(first.data.weapons[0]!.id)).toMatchObject({
      kind: 'weapon',
      calibre: '7.62x39mm',
      serial_number: 'AK-0',
      trace_status: 'requested',
      quantity_amount: 1,
      quantity_unit: 'pieces',
      record_status: 'final',
      record_rev: 3,
      intake_context: 'seized',
      occurred_on: '2023-01-15',
      location_id: first.data.locationId,
    });
    expect(byId.get(first.data.parts[0]!.id)).toMatchObject({
      kind: 'part',
      item_type: 'barrel',
      serial_number: 'BRL-0',
      quantity_amount: 2,
    });
    expect(byId.get(first.data.ammunition[0]!.id)).toMatchObject({
      kind: 'ammunition',
      quantity_amount: 12.5,
      quantity_unit: 'kg',
    });
    expect(byId.get(first.data.explosives[0]!.id!)).toMatchObject({
      kind: 'explosive',
      item_type: 'at_mine',
      lifecycle_status: 'destroyed',
      quantity_amount: 3,
    });
  });
});
