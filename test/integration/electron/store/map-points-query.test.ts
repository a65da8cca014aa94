import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcedureInput } from '../../../../shared/ipc/contract.ts';
import {
  setUpFirstPerson,
  startDispatchedApp,
  type DispatchedApp,
} from '../../../support/dispatched-app.ts';
import { recordFinalSurrender } from '../../../support/final-intake.ts';

type Draft = ProcedureInput<'saveIntakeDraft'>['draft'];

/**
 * The Dashboard map's points over the dispatcher (role check, schema, store): intake records of
 * the period at their own coordinates or their place's, storage sites with coordinates, drafts
 * left out when final records only are asked for, and nothing of a period with nothing.
 */
describe('listMapPoints', () => {
  let app: DispatchedApp;
  const station = {
    id: randomUUID(),
    name: 'PS Novi Pazar',
    locationType: 'inland_police_station' as const,
    jurisdiction: 'RS' as const,
    lat: 43.14,
    lon: 20.51,
  };
  const store = {
    ...station,
    id: randomUUID(),
    name: 'Magacin',
    locationType: 'storage_site' as const,
    lat: 44.9,
    lon: 20.28,
  };
  const storeNoCoordinates = {
    id: randomUUID(),
    name: 'Magacin bez koordinata',
    locationType: 'storage_site' as const,
    jurisdiction: 'ME' as const,
  };
  let atPlace = '';
  let ownCoordinates = '';
  let final = '';

  beforeAll(async () => {
    app = await startDispatchedApp({ prefix: 'map-points' });
    await setUpFirstPerson(app);
    for (const place of [station, store, storeNoCoordinates]) await app.ok('saveLocation', place);
    const save = async (patch: Partial<Draft>) => {
      const draft = (await app.ok('newIntakeDraft')) as Draft;
      await app.ok('saveIntakeDraft', { draft: { ...draft, ...patch }, expectedRevision: null });
      return draft.id;
    };
    atPlace = await save({ context: 'found', occurredAt: '2025-04-01', locationId: station.id });
    ownCoordinates = await save({
      context: 'seized',
      occurredAt: '2025-05-01',
      locationId: station.id,
      coordinates: { lat: 43.2, lon: 20.6, source: 'typed' },
    });
    // Its place has no coordinates: not on the map.
    final = (await recordFinalSurrender(app, 'Ana Petrović')).event.id;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('places intake records and sites, drafts only when asked for', async () => {
    const all = await app.ok('listMapPoints', {
      from: '2025-01-01',
      to: '2025-12-31',
      finalOnly: false,
    });
    expect(all.truncated).toBe(false);
    const byId = new Map(all.points.map((point) => [point.id, point]));
    expect(byId.get(atPlace)).toMatchObject({ kind: 'intake', lat: 43.14, lon: 20.51 });
    expect(byId.get(ownCoordinates)).toMatchObject({ kind: 'intake', lat: 43.2, lon: 20.6 });
    expect(byId.get(store.id)).toMatchObject({
      kind: 'site',
      entity: 'location',
      label: 'Magacin',
    });
    expect(byId.has(storeNoCoordinates.id)).toBe(false);
    expect(byId.has(final)).toBe(false);
    expect(byId.has(station.id)).toBe(false);

    const finals = await app.ok('listMapPoints', { from: '2025-01-01', to: '2025-12-31' });
    expect(finals.points.map((point) => point.id)).toEqual([store.id]);
  });

  it('follows the filter: the period, and a campaign leaves the sites off', async () => {
    const before = await app.ok('listMapPoints', {
      from: '2020-01-01',
      to: '2020-12-31',
      finalOnly: false,
    });
    expect(before.points.map((point) => point.kind)).toEqual(['site']);
    const campaign = await app.ok('listMapPoints', {
      from: '2025-01-01',
      to: '2025-12-31',
      finalOnly: false,
      campaignId: randomUUID(),
    });
    expect(campaign.points).toEqual([]);
  });
});
