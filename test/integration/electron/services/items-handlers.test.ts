import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcedureInput } from '../../../../shared/ipc/contract.ts';
import {
  setUpFirstPerson,
  startDispatchedApp,
  type DispatchedApp,
} from '../../../support/dispatched-app.ts';

/**
 * Items across records, through the real dispatcher and store: every kind listed, filtered by
 * kind, status and serial, paged; one item read with its record. Each item keeps its own amount
 * and unit: nothing adds two of them up.
 */
type Draft = ProcedureInput<'saveIntakeDraft'>['draft'];

let app: DispatchedApp;
const place = {
  id: randomUUID(),
  locationType: 'collection_point_fixed',
  name: 'Sabirno mesto Čačak',
  jurisdiction: 'RS',
} as const;
const ids = {
  rifle: randomUUID(),
  pistol: randomUUID(),
  barrel: randomUUID(),
  lot: randomUUID(),
  grenades: randomUUID(),
};
let surrenderId = '';
let surrenderNumber = '';

beforeAll(async () => {
  app = await startDispatchedApp({ prefix: 'items' });
  await setUpFirstPerson(app);
  await app.ok('saveLocation', place);
  const save = async (patch: Partial<Draft>) => {
    const draft = (await app.ok('newIntakeDraft')) as Draft;
    return app.ok('saveIntakeDraft', { draft: { ...draft, ...patch }, expectedRevision: null });
  };
  const surrender = await save({
    context: 'surrendered',
    occurredAt: '2025-06-10',
    locationId: place.id,
    recordingAgency: 'PU Čačak',
    weapons: [
      {
        id: ids.rifle,
        category: 'small_arm',
        weaponType: 'assault_rifle',
        manufacturer: 'Zastava',
        model: 'M70',
        serialNumber: 'M70-ČĆ 4411',
        lifecycleStatus: 'evidence_hold',
        markings: [],
        photos: [],
      },
    ],
    parts: [
      {
        id: ids.barrel,
        partType: 'barrel',
        serialNumber: 'BRL-5521',
        quantity: { kind: 'parts', unit: 'pieces', amount: 3 },
        photos: [],
      },
    ],
    ammunition: [
      {
        id: ids.lot,
        ammoClass: 'small_arms_cartridge',
        calibre: '7.62x39mm',
        headstampText: 'IK 81',
        lotBatchNumber: 'LOT-88/ŠĐ',
        quantity: { kind: 'ammunition', unit: 'rounds', amount: 500 },
        photos: [],
      },
    ],
    explosives: [
      {
        id: ids.grenades,
        eoType: 'hand_grenade',
        quantity: { kind: 'explosives', unit: 'pieces', amount: 2 },
        photos: [],
      },
    ],
  });
  surrenderId = surrender.event.id;
  surrenderNumber = surrender.event.recordNumber ?? '';
  await save({
    context: 'seized',
    occurredAt: '2024-02-01',
    weapons: [
      {
        id: ids.pistol,
        category: 'small_arm',
        weaponType: 'self_loading_pistol',
        serialNumber: 'CZ99-0417',
        markings: [],
        photos: [],
      },
    ],
  });
}, 60_000);
afterAll(async () => {
  await app?.close();
});

const listed = async (filter: ProcedureInput<'listItems'> = {}) => {
  const page = await app.ok('listItems', filter);
  return { ids: page.items.map((item) => item.id), total: page.total, items: page.items };
};

describe('the items list', () => {
  it('lists every item of every kind, newest intake first, each with its own quantity', async () => {
    const { ids: found, total, items } = await listed();
    expect(total).toBe(5);
    expect(found.slice(-1)).toEqual([ids.pistol]);
    expect(new Set(found)).toEqual(new Set(Object.values(ids)));
    const lot = items.find((item) => item.id === ids.lot);
    expect(lot).toMatchObject({
      kind: 'ammunition',
      itemType: 'small_arms_cartridge',
      calibre: '7.62x39mm',
      quantityAmount: 500,
      quantityUnit: 'rounds',
      intakeEventId: surrenderId,
      recordNumber: surrenderNumber,
      locationName: 'Sabirno mesto Čačak',
      intakeContext: 'surrendered',
      recordStatus: 'draft',
    });
    expect(items.find((item) => item.id === ids.grenades)).toMatchObject({
      quantityAmount: 2,
      quantityUnit: 'pieces',
    });
  });

  it('filters by kind', async () => {
    expect((await listed({ kind: 'weapon' })).ids.sort()).toEqual([ids.pistol, ids.rifle].sort());
    expect((await listed({ kind: 'part' })).ids).toEqual([ids.barrel]);
    expect((await listed({ kind: 'ammunition' })).ids).toEqual([ids.lot]);
    expect((await listed({ kind: 'explosive' })).ids).toEqual([ids.grenades]);
  });

  it('filters by lifecycle status, alone and with a kind', async () => {
    expect((await listed({ lifecycleStatus: 'evidence_hold' })).ids).toEqual([ids.rifle]);
    expect((await listed({ kind: 'weapon', lifecycleStatus: 'in_custody' })).ids).toEqual([
      ids.pistol,
    ]);
    expect((await listed({ lifecycleStatus: 'destroyed' })).total).toBe(0);
  });

  it('searches serials and the texts read off items, separators and case ignored', async () => {
    expect((await listed({ serial: 'm70čć4411' })).ids).toEqual([ids.rifle]);
    expect((await listed({ serial: 'brl 5521' })).ids).toEqual([ids.barrel]);
    expect((await listed({ serial: 'lot-88' })).ids).toEqual([ids.lot]);
    expect((await listed({ serial: 'IK81' })).ids).toEqual([ids.lot]);
    expect((await listed({ serial: '--' })).total).toBe(0);
  });

  it('pages without losing or repeating an item', async () => {
    const seen: string[] = [];
    for (let offset = 0; offset < 5; offset += 2) {
      const page = await listed({ limit: 2, offset });
      expect(page.total).toBe(5);
      seen.push(...page.ids);
    }
    expect(seen).toEqual((await listed()).ids);
  });

  it('refuses a kind or status it does not know', async () => {
    expect((await app.fail('listItems', { kind: 'tank' })).code).toBe('VALIDATION_ERROR');
    expect((await app.fail('listItems', { lifecycleStatus: 'sold' })).code).toBe(
      'VALIDATION_ERROR',
    );
  });
});

describe('an item with its record', () => {
  it('reads the item, its entry as written and its record', async () => {
    const view = await app.ok('getItem', { id: ids.lot });
    expect(view.item).toMatchObject({ id: ids.lot, kind: 'ammunition', quantityAmount: 500 });
    expect(view.entry).toMatchObject({ lotBatchNumber: 'LOT-88/ŠĐ', headstampText: 'IK 81' });
    expect(view.texts).toEqual([
      { kind: 'headstamp', asRead: 'IK 81' },
      { kind: 'lot', asRead: 'LOT-88/ŠĐ' },
    ]);
    expect(view.intake).toEqual({
      id: surrenderId,
      recordNumber: surrenderNumber,
      status: 'draft',
      context: 'surrendered',
      occurredAt: '2025-06-10',
      locationName: 'Sabirno mesto Čačak',
      recordingAgency: 'PU Čačak',
    });
  });

  it('says NOT_FOUND for an item no record lists', async () => {
    expect((await app.fail('getItem', { id: randomUUID() })).code).toBe('NOT_FOUND');
  });
});
