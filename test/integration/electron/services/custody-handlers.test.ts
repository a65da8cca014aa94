import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemRefKindOf } from '../../../../shared/custody/item-custody.ts';
import type { ProcedureInput } from '../../../../shared/ipc/contract.ts';
import {
  goodPassphrase,
  setUpFirstPerson,
  startDispatchedApp,
  type DispatchedApp,
} from '../../../support/dispatched-app.ts';
import {
  recordFinalSurrender,
  surrenderLot,
  surrenderSerials,
} from '../../../support/final-intake.ts';
import { openDataFolder } from '../../../support/open-data.ts';
import { tinyPng } from '../../../support/tiny-png.ts';

type Transfer = ProcedureInput<'recordCustodyTransfer'>['transfer'];

/**
 * The chain of custody through the real dispatcher and an encrypted store: a surrender moved to a
 * storage site with both signatures, part of a lot moved on, a weapon marked for destruction, the
 * site's inventory and ageing derived from those records, the item's timeline, and the moves a
 * laptop refuses (an item not where the transfer says it leaves from, a draft's item).
 */
describe('custody transfers and decisions', () => {
  let app: DispatchedApp;
  let passphrase: string;
  let items: Array<{ id: string; kind: string; serialNumber: string | null }>;
  const collectionPoint = { id: '', name: '' };
  const store = {
    id: randomUUID(),
    locationType: 'storage_site' as const,
    name: 'Magacin MUP Kraljevo',
    jurisdiction: 'RS' as const,
  };
  const evidenceRoom = {
    id: randomUUID(),
    locationType: 'evidence_room' as const,
    name: 'Prostorija za dokaze, PU Čačak',
    jurisdiction: 'RS' as const,
  };
  let signature: Transfer['handoverSignature']['image'];

  beforeAll(async () => {
    app = await startDispatchedApp({ prefix: 'custody' });
    ({ passphrase } = await setUpFirstPerson(app, { name: 'Ana Petrović' }));
    const intake = await recordFinalSurrender(app, 'Marko Marković');
    collectionPoint.id = intake.event.locationId!;
    await app.ok('saveLocation', store);
    await app.ok('saveLocation', evidenceRoom);
    items = await app.ok('pickItems', { intakeEventId: intake.event.id });
    signature = await app.ok('addPhoto', {
      dataBase64: tinyPng([10, 10, 10]).toString('base64'),
      kind: 'signature',
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  const transfer = (patch: Partial<Transfer>) => ({ transfer: draft(patch), passphrase });
  const draft = (patch: Partial<Transfer>): Transfer => ({
    items: items.map((item) => ({
      kind: itemRefKindOf[item.kind as keyof typeof itemRefKindOf],
      id: item.id,
    })) as Transfer['items'],
    fromHolder: { name: 'Marko Marković', unit: 'PU Čačak', locationId: collectionPoint.id },
    toHolder: { name: 'Jelena Ilić', unit: 'Magacin Kraljevo', locationId: store.id },
    transferredAt: '2024-03-05T09:30:00+01:00',
    purpose: 'to_storage',
    sealNumbers: ['PL-0042'],
    handoverSignature: {
      signedBy: 'Marko Marković',
      signedAt: '2024-03-05T09:30:00+01:00',
      image: signature,
    },
    receiptSignature: {
      signedBy: 'Jelena Ilić',
      signedAt: '2024-03-05T09:31:00+01:00',
      image: signature,
    },
    ...patch,
  });

  it('moves a whole surrender into a storage site, which then holds every item', async () => {
    expect(items.map((item) => item.kind).sort()).toEqual([
      'ammunition',
      'explosive',
      'part',
      'weapon',
      'weapon',
    ]);
    const { id } = await app.ok('recordCustodyTransfer', transfer({}));
    const inventory = await app.ok('getSiteInventory', { siteId: store.id });
    expect(inventory.total).toBe(5);
    expect(inventory.items.map((item) => item.lifecycleStatus)).toEqual(
      Array(5).fill('in_storage'),
    );
    // A lot has no serial: it is told apart by its lot number.
    expect(inventory.items.find((item) => item.kind === 'ammunition')?.lotNumber).toBe(
      surrenderLot,
    );
    // Totals by kind and unit: 500 rounds and 2 grenades are never added to the weapons.
    expect(inventory.totals).toEqual([
      { kind: 'ammunition', unit: 'rounds', items: 1, amount: 500 },
      { kind: 'explosive', unit: 'pieces', items: 1, amount: 2 },
      { kind: 'part', unit: 'pieces', items: 1, amount: 1 },
      { kind: 'weapon', unit: 'pieces', items: 2, amount: 2 },
    ]);
    // The collection point holds nothing any more; the list of records shows the seal.
    expect((await app.ok('getSiteInventory', { siteId: collectionPoint.id })).total).toBe(0);
    const listed = await app.ok('listCustodyRecords', {});
    expect(listed.records[0]).toMatchObject({ id, entity: 'custody_transfer', itemCount: 5 });
    expect((await app.ok('pickItems', { sealNumber: 'pl-0042' })).length).toBe(5);
    const [first, second] = items;
    const byId = await app.ok('pickItems', { itemIds: [second!.id, first!.id] });
    expect(byId.map((item) => [item.id, item.currentLocationName])).toEqual([
      [second!.id, store.name],
      [first!.id, store.name],
    ]);
    // The items list filters by the status custody gave them.
    const stored = await app.ok('listItems', { lifecycleStatus: 'in_storage' });
    expect(stored.total).toBe(5);
  });

  it('moves part of a lot, in its own unit, leaving the rest where it was', async () => {
    const lot = items.find((item) => item.kind === 'ammunition')!;
    await app.ok(
      'recordCustodyTransfer',
      transfer({
        items: [
          {
            kind: 'ammunition_lot',
            id: lot.id,
            quantity: { kind: 'ammunition', unit: 'rounds', amount: 200 },
          },
        ],
        fromHolder: { name: 'Jelena Ilić', unit: 'Magacin Kraljevo', locationId: store.id },
        toHolder: { name: 'Petar Jović', unit: 'PU Čačak', locationId: evidenceRoom.id },
        transferredAt: '2024-03-06T10:00:00+01:00',
        purpose: 'to_evidence_room',
        sealNumbers: [],
      }),
    );
    const atStore = await app.ok('getSiteInventory', { siteId: store.id, kind: 'ammunition' });
    expect(atStore.items.map((item) => item.amountHere)).toEqual([300]);
    const inRoom = await app.ok('getSiteInventory', { siteId: evidenceRoom.id });
    expect(inRoom.items.map((item) => [item.kind, item.amountHere])).toEqual([['ammunition', 200]]);
    const custody = await app.ok('getItemCustody', { id: lot.id });
    expect(custody.holdings.map((holding) => [holding.locationName, holding.amount])).toEqual([
      [store.name, 300],
      [evidenceRoom.name, 200],
    ]);
  });

  it('refuses a lot moved in another unit or beyond its amount', async () => {
    const lot = items.find((item) => item.kind === 'ammunition')!;
    const failure = await app.fail(
      'recordCustodyTransfer',
      transfer({
        items: [
          {
            kind: 'ammunition_lot',
            id: lot.id,
            quantity: { kind: 'ammunition', unit: 'boxes', amount: 2 },
          },
        ],
        fromHolder: { name: 'Jelena Ilić', unit: 'Magacin Kraljevo', locationId: store.id },
      }),
    );
    expect(failure.code).toBe('VALIDATION_ERROR');
    expect(failure.message).toContain('counted in rounds, not boxes');
  });

  it('marks a weapon for destruction: awaiting destruction, counted in the ageing', async () => {
    const weapon = items.find((item) => item.serialNumber === surrenderSerials[0])!;
    // An hour ago, but never before today's midnight: the item must have waited 0 days whatever
    // the time of day the test runs (an hour ago is yesterday between midnight and 1 a.m.).
    const midnight = new Date();
    midnight.setHours(0, 0, 0, 0);
    const decidedAt = new Date(Math.max(Date.now() - 3600_000, midnight.getTime())).toISOString();
    await app.ok('recordCustodyDecision', {
      decision: {
        items: [{ kind: 'weapon', id: weapon.id }],
        decision: 'for_destruction',
        decidedAt,
        decidedBy: 'Osnovno javno tužilaštvo Čačak',
        authorityReference: 'KT 112/24',
        reason: 'The case is closed; the owner surrendered it for destruction.',
      },
      passphrase,
    });
    const inventory = await app.ok('getSiteInventory', { siteId: store.id });
    expect(inventory.awaiting).toEqual({ under_90_days: 1, days_90_to_365: 0, over_a_year: 0 });
    const awaiting = await app.ok('getSiteInventory', {
      siteId: store.id,
      ageing: 'under_90_days',
    });
    expect(
      awaiting.items.map((item) => [item.serialNumber, item.lifecycleStatus, item.daysAwaiting]),
    ).toEqual([[surrenderSerials[0], 'awaiting_destruction', 0]]);
    const sites = await app.ok('listStorageSites');
    expect(sites.find((site) => site.location.id === store.id)).toMatchObject({
      items: 5,
      awaiting: { under_90_days: 1 },
    });
    const custody = await app.ok('getItemCustody', { id: weapon.id });
    expect(custody.status).toBe('awaiting_destruction');
    expect(custody.timeline.map((entry) => entry.type)).toEqual(['intake', 'transfer', 'decision']);
    expect(custody.timeline[1]).toMatchObject({
      type: 'transfer',
      fromLocationName: 'Sabirno mesto Čačak',
      toLocationName: store.name,
      toHolder: 'Jelena Ilić, Magacin Kraljevo',
      recordedBy: { name: 'Ana Petrović' },
      conflict: null,
      correctedBy: null,
    });
  });

  it('refuses to move a weapon from a place it has already left, naming it', async () => {
    const weapon = items.find((item) => item.serialNumber === surrenderSerials[1])!;
    const failure = await app.fail(
      'recordCustodyTransfer',
      transfer({
        items: [{ kind: 'weapon', id: weapon.id }],
        transferredAt: '2024-03-07T08:00:00+01:00',
      }),
    );
    expect(failure.code).toBe('VALIDATION_ERROR');
    expect(failure.message).toBe(
      `This cannot be recorded: Weapon ${surrenderSerials[1]} is not where this record says it leaves from.`,
    );
    // Nothing of it was kept.
    expect((await app.ok('listCustodyRecords', {})).total).toBe(3);
    // A lot has no serial: it is named by its lot number.
    const lot = items.find((item) => item.kind === 'ammunition')!;
    const lotFailure = await app.fail(
      'recordCustodyTransfer',
      transfer({
        items: [{ kind: 'ammunition_lot', id: lot.id }],
        transferredAt: '2024-03-07T08:00:00+01:00',
      }),
    );
    expect(lotFailure.message).toContain(`of lot ${surrenderLot} is not where`);
  });

  it('corrects a sealed transfer with a new record, which voids the old one in the timeline', async () => {
    const weapon = items.find((item) => item.serialNumber === surrenderSerials[1])!;
    const wrong = await app.ok(
      'recordCustodyTransfer',
      transfer({
        items: [{ kind: 'weapon', id: weapon.id }],
        fromHolder: { name: 'Jelena Ilić', unit: 'Magacin Kraljevo', locationId: store.id },
        toHolder: { name: 'Petar Jović', unit: 'PU Čačak', locationId: evidenceRoom.id },
        transferredAt: '2024-03-08T08:00:00+01:00',
        purpose: 'to_evidence_room',
      }),
    );
    expect((await app.ok('getItemCustody', { id: weapon.id })).holdings[0]!.locationName).toBe(
      evidenceRoom.name,
    );
    // It never left: the correction records the same handover as not having moved it.
    await app.ok(
      'recordCustodyTransfer',
      transfer({
        items: [{ kind: 'weapon', id: weapon.id }],
        fromHolder: { name: 'Jelena Ilić', unit: 'Magacin Kraljevo', locationId: store.id },
        toHolder: { name: 'Jelena Ilić', unit: 'Magacin Kraljevo', locationId: store.id },
        transferredAt: '2024-03-08T08:00:00+01:00',
        correction: { correctsId: wrong.id, reason: 'Recorded against the wrong weapon.' },
      }),
    );
    const custody = await app.ok('getItemCustody', { id: weapon.id });
    expect(custody.holdings.map((holding) => holding.locationName)).toEqual([store.name]);
    const voided = custody.timeline.find(
      (entry) => entry.type === 'transfer' && entry.recordId === wrong.id,
    );
    expect(voided).toMatchObject({ correctedBy: expect.any(String) });
    const again = await app.fail(
      'recordCustodyTransfer',
      transfer({
        items: [{ kind: 'weapon', id: weapon.id }],
        fromHolder: { name: 'Jelena Ilić', unit: 'Magacin Kraljevo', locationId: store.id },
        correction: { correctsId: wrong.id, reason: 'Again.' },
      }),
    );
    expect(again.message).toContain('already been corrected');
  });

  it('seals with the signed-in person\u2019s key: a wrong passphrase seals nothing', async () => {
    const before = (await app.ok('listCustodyRecords', {})).total;
    const wrong = await app.fail('recordCustodyDecision', {
      decision: {
        items: [{ kind: 'weapon', id: items.find((item) => item.kind === 'weapon')!.id }],
        decision: 'evidence_hold',
        decidedAt: '2024-03-09T08:00:00Z',
        decidedBy: 'Sud',
        reason: 'Trial',
      },
      passphrase: `${passphrase}x`,
    });
    expect(wrong.code).toBe('WRONG_PASSPHRASE');
    expect((await app.ok('listCustodyRecords', {})).total).toBe(before);
    const first = (await app.ok('listCustodyRecords', {})).records.at(-1)!;
    const view = await app.ok('getCustodyRecord', { id: first.id });
    expect(view.record.seal).toMatchObject({
      signerId: view.recordedBy.id,
      digest: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const check = await app.ok('checkIntegrity');
    expect(check.seals).toEqual({ checked: before, broken: [] });
  });

  it('refuses a field officer\u2019s forged transfer or decision (FORBIDDEN), keeping nothing', async () => {
    const passphrase = goodPassphrase('officer');
    const officer = await app.ok('addPerson', {
      name: 'Marko Petrović',
      role: 'field_officer',
      passphrase,
    });
    await app.ok('lock');
    await app.ok('unlock', { userId: officer.id, passphrase });
    const before = (await app.ok('listCustodyRecords', {})).total;
    const weapon = items.find((item) => item.kind === 'weapon')!;
    const forged = await app.fail('recordCustodyDecision', {
      decision: {
        items: [{ kind: 'weapon', id: weapon.id }],
        decision: 'release_hold',
        decidedAt: '2024-03-09T08:00:00Z',
        decidedBy: 'Marko Petrović',
        reason: 'Forged',
      },
      passphrase,
    });
    expect(forged.code).toBe('FORBIDDEN');
    expect((await app.fail('recordCustodyTransfer', transfer({}))).code).toBe('FORBIDDEN');
    expect((await app.ok('listCustodyRecords', {})).total).toBe(before);
  });

  it('reports a sealed record changed behind the app\u2019s back', async () => {
    const first = (await app.ok('listCustodyRecords', {})).records.at(-1)!;
    const admin = (await app.ok('listPeople')).find((person) => person.role === 'administrator')!;
    await app.ok('lock');
    await app.ok('unlock', { userId: admin.id, passphrase });
    const data = await openDataFolder(app.dir, admin.id, passphrase);
    try {
      data.db
        .prepare(
          "UPDATE custody_records SET data_json = replace(data_json, 'Jelena Ilić', 'Nepoznat') WHERE id = ?",
        )
        .run(first.id);
    } finally {
      data.close();
    }
    const check = await app.ok('checkIntegrity');
    expect(check.seals.broken).toEqual([
      { id: first.id, entity: 'custody_transfer', problem: 'invalid' },
    ]);
  });

  it('refuses an unsigned transfer, field by field', async () => {
    const { handoverSignature: _omitted, ...unsigned } = draft({});
    const failure = await app.fail('recordCustodyTransfer', { transfer: unsigned, passphrase });
    expect(failure.code).toBe('VALIDATION_ERROR');
    expect(failure.issues?.map((issue) => issue.path)).toContain('transfer.handoverSignature');
  });
});
