import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  setUpFirstPerson,
  startDispatchedApp,
  storeCounts,
  type DispatchedApp,
} from '../../../support/dispatched-app.ts';
import { recordFinalSurrender, surrenderSerials } from '../../../support/final-intake.ts';
import { startSyncServer, type SyncServerHandle } from '../../../support/sync-server.ts';

/** No automatic rounds: the test drives every round with syncNow. */
const manual = { liveUpdates: false, debounceMs: 3_600_000, intervalMs: 3_600_000 };

async function laptop(server: SyncServerHandle, name: string, person: string, team?: string) {
  const app = await startDispatchedApp({ prefix: `scope-${name}`, sync: manual });
  await setUpFirstPerson(app, { name: person });
  await app.ok('enrollDevice', { serverUrl: server.url, code: await server.enroll(name, team) });
  return app;
}

/** What a person would check on a laptop: the seizure, its weapons, its photo and its file. */
function holdings(app: DispatchedApp, photoSha256: string) {
  const counts = storeCounts(app);
  return {
    intakes: counts.intakes,
    weapons: counts.weapons,
    photo: counts.attachments,
    photoFile: existsSync(path.join(app.dir, 'blobs', `${photoSha256}.bin`)),
  };
}

/**
 * Team scopes on real laptops (issue 17): a laptop of one team does not receive another team's
 * records; when the administrator gives its team the site they happened at, they arrive at its
 * next sync with their items and photos, and when the site is taken away again they leave it,
 * items, search rows and photo files included; a national laptop holds everything throughout.
 */
describe.each(['pglite', 'postgres'] as const)('team scopes on laptops (%s)', (backend) => {
  let server: SyncServerHandle;
  let north: DispatchedApp;
  let south: DispatchedApp;
  let national: DispatchedApp;
  let placeId: string;
  let photoSha256: string;

  beforeAll(async () => {
    server = await startSyncServer({ backend });
    await server.admin.createTeam({ name: 'Border police north', organisation: 'Border police' });
    await server.admin.createTeam({ name: 'Border police south', organisation: 'Border police' });
    north = await laptop(server, 'North laptop', 'Amina Hadžić', 'Border police north');
    south = await laptop(server, 'South laptop', 'Marko Petrović', 'Border police south');
    national = await laptop(server, 'Commission laptop', 'Jelena Ilić');
    const intake = await recordFinalSurrender(north, 'Amina Hadžić');
    placeId = intake.event.locationId!;
    photoSha256 = intake.event.weapons[0]!.photos[0]!.sha256;
    expect(await north.ok('syncNow')).toMatchObject({ pendingChanges: 0, lastError: null });
  }, 90_000);
  afterAll(async () => {
    await north?.close();
    await south?.close();
    await national?.close();
    await server?.stop();
  });

  it("keeps another team's records off a laptop, but gives it the places, and a national laptop everything", async () => {
    await south.ok('syncNow');
    await national.ok('syncNow');
    expect(holdings(south, photoSha256)).toEqual({
      intakes: 0,
      weapons: 0,
      photo: 0,
      photoFile: false,
    });
    expect(storeCounts(south).locations).toBe(1);
    expect(holdings(national, photoSha256)).toEqual({
      intakes: 1,
      weapons: 2,
      photo: 1,
      photoFile: true,
    });
  });

  it('brings the records of a site given to the team, with their items and photos, at the next sync', async () => {
    const change = await server.admin.changeTeamScope({
      team: 'Border police south',
      addSites: [placeId],
    });
    // The seizure and its photo's description.
    expect(change).toMatchObject({ entered: 2, left: 0 });
    await south.ok('syncNow');
    expect(holdings(south, photoSha256)).toEqual({
      intakes: 1,
      weapons: 2,
      photo: 1,
      photoFile: true,
    });
    expect(await south.ok('pickItems', { serial: surrenderSerials[0] })).toHaveLength(1);
  });

  it('removes them, items, search rows and photo files too, once the site is taken away', async () => {
    const change = await server.admin.changeTeamScope({
      team: 'Border police south',
      removeSites: [placeId],
    });
    expect(change).toMatchObject({ entered: 0, left: 2 });
    expect(await south.ok('syncNow')).toMatchObject({ lastError: null });
    expect(holdings(south, photoSha256)).toEqual({
      intakes: 0,
      weapons: 0,
      photo: 0,
      photoFile: false,
    });
    expect(await south.ok('pickItems', { serial: surrenderSerials[0] })).toEqual([]);
    // The place stays: reference data is every team's.
    expect(storeCounts(south).locations).toBe(1);
    // Its own team's laptop and the national one keep everything.
    await north.ok('syncNow');
    await national.ok('syncNow');
    expect(holdings(north, photoSha256)).toMatchObject({ intakes: 1, weapons: 2, photo: 1 });
    expect(holdings(national, photoSha256)).toMatchObject({ intakes: 1, weapons: 2, photo: 1 });
  });
});
