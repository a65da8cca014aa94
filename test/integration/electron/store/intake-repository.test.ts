import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcedureInput } from '../../../../shared/ipc/contract.ts';
import {
  setUpFirstPerson,
  startDispatchedApp,
  type DispatchedApp,
} from '../../../support/dispatched-app.ts';

/**
 * The records list's search and sort, as the list asks for them through the real dispatcher:
 * a search finds a record by its number, case reference, receipt number, make, model or serial;
 * each column sorts both ways, and a page boundary never drops or repeats a record.
 */
type Draft = ProcedureInput<'saveIntakeDraft'>['draft'];

let app: DispatchedApp;
const places = {
  novi: {
    id: randomUUID(),
    locationType: 'inland_police_station',
    name: 'PS Novi Sad',
    jurisdiction: 'RS',
  },
  bor: {
    id: randomUUID(),
    locationType: 'collection_point_mobile',
    name: 'Bor',
    jurisdiction: 'RS',
  },
  zajecar: {
    id: randomUUID(),
    locationType: 'collection_point_fixed',
    name: 'Zaječar',
    jurisdiction: 'RS',
  },
} as const;
const ids = { seizure: '', surrender: '', find: '' };
const numbers: Record<string, string> = {};

async function save(patch: Partial<Draft>): Promise<string> {
  const draft = (await app.ok('newIntakeDraft')) as Draft;
  const view = await app.ok('saveIntakeDraft', {
    draft: { ...draft, ...patch },
    expectedRevision: null,
  });
  numbers[draft.id] = view.event.recordNumber ?? '';
  return draft.id;
}

function weapon(manufacturer: string, model: string, serialNumber: string) {
  return {
    id: randomUUID(),
    category: 'small_arm' as const,
    weaponType: 'assault_rifle' as const,
    manufacturer,
    model,
    serialNumber,
    markings: [],
    photos: [],
  };
}

async function found(search: string): Promise<string[]> {
  const page = await app.ok('listIntakes', { search });
  return page.items.map((item) => item.id).sort();
}

beforeAll(async () => {
  app = await startDispatchedApp({ prefix: 'intake-search' });
  await setUpFirstPerson(app);
  for (const place of Object.values(places)) await app.ok('saveLocation', place);
  ids.seizure = await save({
    context: 'seized',
    occurredAt: '2025-03-01',
    locationId: places.novi.id,
    agencyCaseRef: 'KT-Š 114/2025',
    weapons: [weapon('Zastava Arms', 'M70AB2', 'AK-47 998877'), weapon('Glock', 'G17', 'BXR-204')],
  });
  ids.surrender = await save({
    context: 'surrendered',
    occurredAt: '2025-06-10',
    locationId: places.zajecar.id,
    collection: { receiptNumber: 'PRZ-0071' },
    ammunition: [
      {
        id: randomUUID(),
        calibre: '7.62x39mm',
        quantity: { kind: 'ammunition', unit: 'rounds', amount: 500 },
        photos: [],
      },
    ],
  });
  ids.find = await save({
    context: 'found',
    occurredAt: '2024-11-20',
    locationId: places.bor.id,
    weapons: [weapon('Crvena Zastava', 'M48', 'Č-5521')],
    explosives: [
      {
        id: randomUUID(),
        eoType: 'hand_grenade',
        quantity: { kind: 'explosives', unit: 'pieces', amount: 2 },
        photos: [],
      },
    ],
    parts: [{ id: randomUUID(), partType: 'barrel', photos: [] }],
  });
}, 60_000);
afterAll(async () => {
  await app?.close();
});

describe('searching the records list', () => {
  it('finds a record by its record number, whole or in part, typed in any case', async () => {
    const number = numbers[ids.surrender] ?? '';
    expect(await found(number)).toEqual([ids.surrender]);
    expect(await found(number.toLowerCase())).toEqual([ids.surrender]);
    // The sequence alone: every laptop's "00002" is this one here.
    expect(await found(number.slice(-5))).toEqual([ids.surrender]);
  });

  it('finds a record by case reference and by receipt number, ignoring case', async () => {
    expect(await found('kt-š 114')).toEqual([ids.seizure]);
    expect(await found('prz-0071')).toEqual([ids.surrender]);
  });

  it('finds a record by make and by model', async () => {
    expect(await found('glock')).toEqual([ids.seizure]);
    expect(await found('M48')).toEqual([ids.find]);
    expect(await found('zastava')).toEqual([ids.find, ids.seizure].sort());
  });

  it('still finds a record by serial, separators ignored', async () => {
    expect(await found('AK47 9988')).toEqual([ids.seizure]);
    expect(await found('BXR204')).toEqual([ids.seizure]);
  });

  it('finds nothing for text no record holds, and combines with the other filters', async () => {
    expect(await found('Kalashnikov')).toEqual([]);
    const page = await app.ok('listIntakes', { search: 'zastava', context: 'found' });
    expect(page.items.map((item) => item.id)).toEqual([ids.find]);
    expect(page.total).toBe(1);
  });

  it('lists each record with its number and its entries by kind, never summed', async () => {
    const page = await app.ok('listIntakes', { search: 'M48' });
    expect(page.items[0]).toMatchObject({
      recordNumber: numbers[ids.find],
      weaponCount: 1,
      entryCounts: { weapon: 1, part: 1, ammunition: 0, explosive: 1 },
    });
  });
});

describe('sorting the records list', () => {
  async function order(
    sort: 'date' | 'number' | 'place' | 'items' | 'updated',
    direction: 'asc' | 'desc',
  ): Promise<string[]> {
    const page = await app.ok('listIntakes', { sort, direction });
    return page.items.map((item) => item.id);
  }

  it('by date, newest first by default', async () => {
    expect((await app.ok('listIntakes', {})).items.map((item) => item.id)).toEqual([
      ids.surrender,
      ids.seizure,
      ids.find,
    ]);
    expect(await order('date', 'asc')).toEqual([ids.find, ids.seizure, ids.surrender]);
  });

  it('by record number (the order they were saved in here)', async () => {
    expect(await order('number', 'asc')).toEqual([ids.seizure, ids.surrender, ids.find]);
    expect(await order('number', 'desc')).toEqual([ids.find, ids.surrender, ids.seizure]);
  });

  it('by place name, as read', async () => {
    expect(await order('place', 'asc')).toEqual([ids.find, ids.seizure, ids.surrender]);
    expect(await order('place', 'desc')).toEqual([ids.surrender, ids.seizure, ids.find]);
  });

  it('by how many entries a record lists', async () => {
    expect(await order('items', 'desc')).toEqual([ids.find, ids.seizure, ids.surrender]);
    expect(await order('items', 'asc')).toEqual([ids.surrender, ids.seizure, ids.find]);
  });

  it('by last change', async () => {
    expect(await order('updated', 'desc')).toEqual([ids.find, ids.surrender, ids.seizure]);
  });

  it('pages through a sort without losing or repeating a record', async () => {
    const seen: string[] = [];
    for (let offset = 0; offset < 3; offset++) {
      const page = await app.ok('listIntakes', { sort: 'place', limit: 1, offset });
      expect(page.total).toBe(3);
      seen.push(...page.items.map((item) => item.id));
    }
    expect(seen).toEqual(await order('place', 'asc'));
  });

  it('refuses a sort the list does not have', async () => {
    const failure = await app.fail('listIntakes', { sort: 'data_json' });
    expect(failure.code).toBe('VALIDATION_ERROR');
  });
});
