import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  setUpFirstPerson,
  startDispatchedApp,
  type DispatchedApp,
} from '../../../support/dispatched-app.ts';
import { recordFinalSurrender, surrenderSerials } from '../../../support/final-intake.ts';
import { startSyncServer, type SyncServerHandle } from '../../../support/sync-server.ts';

const manual = { liveUpdates: false, debounceMs: 3_600_000, intervalMs: 3_600_000 };

/**
 * The serial check asks the sync server too (issue 15): a weapon recorded on another laptop and
 * synced is "seen on the server" on a laptop that has not pulled it yet, with its record number;
 * one this laptop holds is not repeated; offline, the laptop's own answer says the server was
 * not reached; without a server, that none is set up.
 */
describe('serial check against the sync server', () => {
  let server: SyncServerHandle;
  let field: DispatchedApp;
  let office: DispatchedApp;
  let alone: DispatchedApp;
  const rifle = surrenderSerials[0];

  async function laptop(name: string, person: string, enrolled: boolean) {
    const app = await startDispatchedApp({ prefix: `serial-server-${name}`, sync: manual });
    await setUpFirstPerson(app, { name: person });
    if (enrolled) {
      await app.ok('enrollDevice', { serverUrl: server.url, code: await server.enroll(name) });
    }
    return app;
  }

  beforeAll(async () => {
    server = await startSyncServer({ backend: 'pglite' });
    field = await laptop('field', 'Ana Petrović', true);
    office = await laptop('office', 'Marko Marković', true);
    alone = await laptop('alone', 'Jovan Jovanović', false);
    await recordFinalSurrender(field, 'Marko Marković');
    await field.ok('syncNow');
  });
  afterAll(async () => {
    await field?.close();
    await office?.close();
    await alone?.close();
    await server?.stop();
  });

  it('names a weapon only the server holds by its record number, and logs the hit', async () => {
    const result = await office.ok('checkSerial', { serial: 'm70 čć 4411' });
    expect(result.matches).toEqual([]);
    expect(result.serverChecked).toBe('yes');
    expect(result.serverMatches).toEqual([
      expect.objectContaining({
        serialNumber: rifle,
        manufacturer: 'Zastava',
        exact: true,
        recordNumber: expect.stringMatching(/^[0-9A-Z]{5}-\d{5}$/),
      }),
    ]);
    expect(result.recorded).toBe(true);
  });

  it('does not repeat what the laptop holds itself', async () => {
    const result = await field.ok('checkSerial', { serial: rifle });
    expect(result.matches.map((match) => match.serialNumber)).toEqual([rifle]);
    expect(result.serverChecked).toBe('yes');
    expect(result.serverMatches).toEqual([]);
  });

  it('says when no server is set up', async () => {
    const result = await alone.ok('checkSerial', { serial: rifle });
    expect(result).toMatchObject({ matches: [], serverMatches: [], serverChecked: 'not_set_up' });
  });

  it("answers from the laptop alone, and says so, when the server can't be reached", async () => {
    await server.kill();
    const started = Date.now();
    const result = await office.ok('checkSerial', { serial: rifle });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(result).toMatchObject({ matches: [], serverMatches: [], serverChecked: 'unreachable' });
    await server.restart();
  });
});
