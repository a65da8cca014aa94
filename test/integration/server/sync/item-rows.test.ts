import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemsOfIntake } from '../../../../shared/records/intake-items.ts';
import { PushResponseSchema, type Mutation } from '../../../../shared/sync/protocol.ts';
import { mutation, newRecordId, syncClient, testAuthor } from '../../../support/sync-client.ts';
import {
  startSyncServer,
  syncBackends,
  type SyncServerHandle,
} from '../../../support/sync-server.ts';

/** A surrender as a laptop sends it: 2 rifles, a lot of 500 rounds, 2 hand grenades. */
function surrender() {
  const ids = {
    rifle: randomUUID(),
    pistol: randomUUID(),
    lot: randomUUID(),
    grenade1: randomUUID(),
    grenade2: randomUUID(),
  };
  const weapon = (id: string, serialNumber: string, weaponType: string, model: string) => ({
    id,
    category: 'small_arm',
    weaponType,
    manufacturer: 'Zastava',
    model,
    calibre: '7.62x39',
    serialNumber,
    serialStatus: 'present',
    markingCondition: 'intact',
    lifecycleStatus: 'in_custody',
    traceStatus: 'not_attempted',
    markings: [],
    // A weapon's photo is required at finalisation; the server checks the reference only.
    photos: [{ sha256: 'a'.repeat(64), mime: 'image/png', size: 68, kind: 'whole_weapon' }],
  });
  const grenade = (id: string) => ({
    id,
    eoType: 'hand_grenade',
    quantity: { kind: 'explosives', unit: 'pieces', amount: 1 },
    safetyStatus: 'safe_to_store',
    photos: [],
  });
  const locationId = randomUUID();
  const fields = {
    context: 'surrendered',
    occurredAt: '2024-03-01',
    locationId,
    recordingAgency: 'PU Čačak',
    recordingOfficer: 'Ana Field',
    collection: {
      collectionMethod: 'walk_in_station',
      surrenderingPartyType: 'household',
      anonymous: false,
      campaignBased: false,
      dispositionRequested: 'surrender_for_destruction',
      receiptNumber: 'R-2024-17',
    },
    weapons: [
      weapon(ids.rifle, 'M70-ČĆ 4411', 'assault_rifle', 'M70'),
      weapon(ids.pistol, 'cz-99/0417', 'self_loading_pistol', 'CZ99'),
    ],
    parts: [],
    ammunition: [
      {
        id: ids.lot,
        ammoClass: 'small_arms_cartridge',
        calibre: '7.62x39',
        lotBatchNumber: 'LOT-88',
        quantity: { kind: 'ammunition', unit: 'rounds', amount: 500 },
        photos: [],
      },
    ],
    explosives: [grenade(ids.grenade1), grenade(ids.grenade2)],
    photos: [],
  };
  return { ids, locationId, fields };
}

interface ItemRow {
  id: string;
  intake_event_id: string;
  record_rev: number;
  kind: string;
  position: number;
  item_type: string | null;
  category: string | null;
  serial_number: string | null;
  serial_normalised: string | null;
  manufacturer: string | null;
  model: string | null;
  calibre: string | null;
  quantity_amount: number | null;
  quantity_unit: string | null;
  marking_condition: string | null;
  lifecycle_status: string | null;
  trace_status: string | null;
  location_id: string | null;
  intake_context: string | null;
  occurred_on: string | null;
  record_status: string;
}

describe.each(syncBackends)('items rows on the server (%s)', (backend) => {
  let server: SyncServerHandle;
  beforeAll(async () => {
    server = await startSyncServer({ backend });
  });
  afterAll(() => server.stop());

  /** A laptop whose mutations are numbered for it. */
  const laptop = async () => {
    const client = syncClient(server.url, await server.enrollDevice('Laptop'));
    let next = 1;
    return async (...partials: Array<Omit<Parameters<typeof mutation>[0], 'mutationId'>>) => {
      const sent: Mutation[] = partials.map((partial) =>
        mutation({ mutationId: next++, ...partial }),
      );
      const response = await client.push(sent);
      expect(response.status).toBe(200);
      return PushResponseSchema.parse(response.json).results;
    };
  };

  const itemsOf = async (intakeEventId: string) =>
    (
      await server.db.query<ItemRow>(
        'SELECT * FROM items WHERE intake_event_id = $1 ORDER BY kind, position',
        [intakeEventId],
      )
    ).rows;

  /** Every intake's rows are exactly those its stored state gives, at its revision. */
  const expectInStep = async () => {
    const records = await server.db.query<{
      id: string;
      server_rev: number;
      status: 'draft' | 'final';
      data: Record<string, unknown>;
    }>(
      `SELECT id, server_rev, status, data FROM records
       WHERE entity = 'intake_event' AND NOT deleted ORDER BY id`,
    );
    const expected = records.rows
      .flatMap((record) =>
        itemsOfIntake(record.data, record.status).map((item) => [
          item.id,
          item.intakeEventId,
          record.server_rev,
          item.recordStatus,
          item.serialNormalised,
          item.quantityAmount,
        ]),
      )
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    const stored = await server.db.query<ItemRow>('SELECT * FROM items ORDER BY id');
    expect(
      stored.rows.map((row) => [
        row.id,
        row.intake_event_id,
        row.record_rev,
        row.record_status,
        row.serial_normalised,
        row.quantity_amount,
      ]),
    ).toEqual(expected);
  };

  it('makes a row for each weapon, lot and grenade, with the columns lists filter by', async () => {
    const push = await laptop();
    const id = newRecordId();
    const { ids, locationId, fields } = surrender();
    expect(await push({ entityId: id, op: 'create', fields })).toMatchObject([
      { outcome: 'applied' },
    ]);
    const rows = await itemsOf(id);
    expect(rows).toHaveLength(5);
    const common = {
      intake_event_id: id,
      record_rev: 1,
      location_id: locationId,
      intake_context: 'surrendered',
      occurred_on: '2024-03-01',
      record_status: 'draft',
    };
    expect(rows).toEqual([
      {
        ...common,
        id: ids.lot,
        kind: 'ammunition',
        position: 0,
        item_type: 'small_arms_cartridge',
        category: null,
        serial_number: null,
        serial_normalised: null,
        manufacturer: null,
        model: null,
        calibre: '7.62x39',
        quantity_amount: 500,
        quantity_unit: 'rounds',
        marking_condition: null,
        lifecycle_status: 'in_custody',
        trace_status: null,
      },
      ...[ids.grenade1, ids.grenade2].map((grenade, position) => ({
        ...common,
        id: grenade,
        kind: 'explosive',
        position,
        item_type: 'hand_grenade',
        category: null,
        serial_number: null,
        serial_normalised: null,
        manufacturer: null,
        model: null,
        calibre: null,
        quantity_amount: 1,
        quantity_unit: 'pieces',
        marking_condition: null,
        lifecycle_status: 'in_custody',
        trace_status: null,
      })),
      {
        ...common,
        id: ids.rifle,
        kind: 'weapon',
        position: 0,
        item_type: 'assault_rifle',
        category: 'small_arm',
        serial_number: 'M70-ČĆ 4411',
        serial_normalised: expect.any(String),
        manufacturer: 'Zastava',
        model: 'M70',
        calibre: '7.62x39',
        quantity_amount: 1,
        quantity_unit: 'pieces',
        marking_condition: 'intact',
        lifecycle_status: 'in_custody',
        trace_status: 'not_attempted',
      },
      expect.objectContaining({
        id: ids.pistol,
        kind: 'weapon',
        position: 1,
        item_type: 'self_loading_pistol',
        serial_number: 'cz-99/0417',
        model: 'CZ99',
      }),
    ]);
    // Normalised as the laptop's search normalises it: found whatever the case or separators.
    const bySerial = await server.db.query<{ id: string }>(
      'SELECT id FROM items WHERE serial_normalised = $1',
      [rows[4]?.serial_normalised],
    );
    expect(bySerial.rows.map((row) => row.id)).toEqual([ids.pistol]);
    await expectInStep();
  });

  it('follows updates, finalising, amendments and deletion, in the same push as the change', async () => {
    const push = await laptop();
    const id = newRecordId();
    const { ids, fields } = surrender();
    // Created and edited in one batch: the rows are those of the last state.
    await push(
      { entityId: id, op: 'create', fields },
      {
        entityId: id,
        op: 'update',
        baseRev: 1,
        fields: { weapons: fields.weapons.slice(1) },
      },
    );
    expect((await itemsOf(id)).map((row) => row.id)).toEqual([
      ids.lot,
      ids.grenade1,
      ids.grenade2,
      ids.pistol,
    ]);
    // The pistol moves up to position 0; one grenade goes.
    expect(
      await push({
        entityId: id,
        op: 'update',
        baseRev: 2,
        fields: { explosives: fields.explosives.slice(0, 1) },
      }),
    ).toMatchObject([{ outcome: 'applied', serverRev: 3 }]);
    let rows = await itemsOf(id);
    expect(rows.map((row) => [row.id, row.position, row.record_rev])).toEqual([
      [ids.lot, 0, 3],
      [ids.grenade1, 0, 3],
      [ids.pistol, 0, 3],
    ]);

    expect(await push({ entityId: id, op: 'finalise', baseRev: 3, fields: {} })).toMatchObject([
      { outcome: 'applied', serverRev: 4 },
    ]);
    rows = await itemsOf(id);
    expect(rows.map((row) => row.record_status)).toEqual(['final', 'final', 'final']);

    // An amendment: 480 rounds, not 500, and the place and date corrected.
    const place = randomUUID();
    const lot = {
      ...fields.ammunition[0]!,
      quantity: { kind: 'ammunition', unit: 'rounds', amount: 480 },
    };
    expect(
      await push({
        entityId: id,
        op: 'amend',
        baseRev: 4,
        fields: { ammunition: [lot], locationId: place, occurredAt: '2024-02-28' },
      }),
    ).toMatchObject([{ outcome: 'applied', serverRev: 5 }]);
    rows = await itemsOf(id);
    expect(
      rows.map((row) => [row.id, row.record_status, row.location_id, row.occurred_on]),
    ).toEqual([
      [ids.lot, 'final', place, '2024-02-28'],
      [ids.grenade1, 'final', place, '2024-02-28'],
      [ids.pistol, 'final', place, '2024-02-28'],
    ]);
    expect(rows[0]?.quantity_amount).toBe(480);

    const draft = newRecordId();
    await push({ entityId: draft, op: 'create', fields: surrender().fields });
    expect(await itemsOf(draft)).toHaveLength(5);
    expect(await push({ entityId: draft, op: 'delete', baseRev: 1 })).toMatchObject([
      { outcome: 'applied' },
    ]);
    expect(await itemsOf(draft)).toEqual([]);
    await expectInStep();
  });

  it('writes no rows for a refused mutation', async () => {
    const push = await laptop();
    const [forbidden, invalid, unfinished] = [newRecordId(), newRecordId(), newRecordId()];
    const results = await push(
      // A custody officer does not record intakes.
      {
        entityId: forbidden,
        op: 'create',
        fields: surrender().fields,
        author: { ...testAuthor, role: 'custody_officer' },
      },
      // Not a date: refused whole, its weapons with it.
      { entityId: invalid, op: 'create', fields: { ...surrender().fields, occurredAt: 'soon' } },
      { entityId: unfinished, op: 'create', fields: surrender().fields },
      // A final record needs its agency: the finalise is refused and the rows stay drafts.
      {
        entityId: unfinished,
        op: 'finalise',
        baseRev: 1,
        fields: { recordingAgency: null },
      },
    );
    expect(results.map((result) => [result.outcome, result.reason])).toEqual([
      ['rejected', 'forbidden'],
      ['rejected', 'invalid_record'],
      ['applied', null],
      ['rejected', 'invalid_record'],
    ]);
    expect(await itemsOf(forbidden)).toEqual([]);
    expect(await itemsOf(invalid)).toEqual([]);
    expect((await itemsOf(unfinished)).map((row) => [row.record_status, row.record_rev])).toEqual(
      Array.from({ length: 5 }, () => ['draft', 1]),
    );
    await expectInStep();
  });

  it("refuses an intake naming an item another intake holds, and keeps the batch's others", async () => {
    const push = await laptop();
    const first = surrender();
    const [owner, copy, after] = [newRecordId(), newRecordId(), newRecordId()];
    await push({ entityId: owner, op: 'create', fields: first.fields });
    const results = await push(
      // The same rifle id in a second record: an item is in one intake only.
      {
        entityId: copy,
        op: 'create',
        fields: { ...surrender().fields, weapons: first.fields.weapons.slice(0, 1) },
      },
      { entityId: after, op: 'create', fields: surrender().fields },
    );
    expect(results.map((result) => [result.outcome, result.reason])).toEqual([
      ['rejected', 'invalid_record'],
      ['applied', null],
    ]);
    expect(await itemsOf(copy)).toEqual([]);
    expect(await itemsOf(owner)).toHaveLength(5);
    expect(await itemsOf(after)).toHaveLength(5);
    await expectInStep();
  });

  it('rebuilds the rows of a record sent again after a restore took it back', async () => {
    const push = await laptop();
    const id = newRecordId();
    const { fields } = surrender();
    await push({ entityId: id, op: 'create', fields });
    // Restored from a backup taken before the record arrived: its items went with it.
    await server.restoreBackupWithout([id]);
    expect(await itemsOf(id)).toEqual([]);
    const resent = { ...fields, weapons: fields.weapons.slice(0, 1) };
    expect(await push({ entityId: id, op: 'create', fields: resent })).toMatchObject([
      { outcome: 'applied', serverRev: 1 },
    ]);
    expect(await itemsOf(id)).toHaveLength(4);
    await expectInStep();
  });

  it('rewinds the rows with their record when a backup is restored', async () => {
    const push = await laptop();
    const id = newRecordId();
    const { fields } = surrender();
    await push({ entityId: id, op: 'create', fields });
    const restore = await server.backUpRecords([id]);
    await push({ entityId: id, op: 'update', baseRev: 1, fields: { explosives: [] } });
    expect(await itemsOf(id)).toHaveLength(3);
    await restore();
    expect(await itemsOf(id)).toHaveLength(5);
    // Changes after the restore replace the rows the restored record gives.
    await push({ entityId: id, op: 'update', baseRev: 1, fields: { weapons: [] } });
    expect(await itemsOf(id)).toHaveLength(3);
    await expectInStep();
  });
});
