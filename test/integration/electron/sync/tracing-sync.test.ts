import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  setUpFirstPerson,
  startDispatchedApp,
  type DispatchedApp,
} from '../../../support/dispatched-app.ts';
import { recordFinalSurrender, surrenderSerials } from '../../../support/final-intake.ts';
import { startSyncServer, type SyncServerHandle } from '../../../support/sync-server.ts';

/** No automatic rounds: the test drives every round with syncNow. */
const manual = { liveUpdates: false, debounceMs: 3_600_000, intervalMs: 3_600_000 };

async function laptop(server: SyncServerHandle, name: string, person: string) {
  const app = await startDispatchedApp({ prefix: `tracing-${name}`, sync: manual });
  await setUpFirstPerson(app, { name: person });
  await app.ok('enrollDevice', { serverUrl: server.url, code: await server.enroll(name) });
  return app;
}

/**
 * Trace requests and historic counts between two laptops through a real server: a request sent
 * from one laptop gives the weapon the same trace status on the other; the answer recorded on the
 * other comes back and establishes the origin on the first, with the day it came; imported
 * historic counts arrive with the same totals.
 */
describe('trace requests and historic counts between two laptops', () => {
  let server: SyncServerHandle;
  let a: DispatchedApp;
  let b: DispatchedApp;
  let rifleId: string;

  beforeAll(async () => {
    server = await startSyncServer({ backend: 'pglite' });
    a = await laptop(server, 'Border laptop', 'Amina Hadžić');
    b = await laptop(server, 'NCB laptop', 'Marko Petrović');
    await recordFinalSurrender(a, 'Amina Hadžić');
    const { items } = await a.ok('listItems', {});
    rifleId = items.find((item) => item.serialNumber === surrenderSerials[0])!.id;
  }, 60_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await server?.stop();
  });

  it('carries a request both ways, and the weapon gets the same trace status on both', async () => {
    const blank = await a.ok('newTraceRequest', { itemId: rifleId });
    await a.ok('saveTraceRequest', {
      request: {
        ...blank,
        requestingAgency: 'MUP Srbije, UKP',
        addresseeBasis: 'country_of_manufacture',
        addresseeCountry: 'RS',
        channel: 'iarms',
        illicitNature: 'Surrendered without papers.',
        intendedUse: 'Criminal investigation.',
        steps: [{ status: 'sent', on: '2026-10-01' }],
      },
      expectedRevision: null,
    });
    expect(await a.ok('syncNow')).toMatchObject({ pendingChanges: 0, lastError: null });
    await b.ok('syncNow');
    const onB = await b.ok('getTraceRequest', { id: blank.id });
    expect(onB).toMatchObject({ status: 'sent', createdBy: { name: 'Amina Hadžić' } });
    expect((await b.ok('getItem', { id: rifleId })).item.traceStatus).toBe(
      'international_request_sent',
    );

    await b.ok('saveTraceRequest', {
      request: {
        ...onB.request,
        steps: [...onB.request.steps, { status: 'answered', on: '2026-11-02' }],
        answer: { summary: 'Sold to a dealer in 1990.', pointOfDiversionEstablished: true },
      },
      expectedRevision: onB.revision,
    });
    expect(await b.ok('syncNow')).toMatchObject({ pendingChanges: 0, lastError: null });
    await a.ok('syncNow');
    expect(await a.ok('getTraceRequest', { id: blank.id })).toMatchObject({ status: 'answered' });
    expect((await a.ok('getItem', { id: rifleId })).item.traceStatus).toBe(
      'origin_established_by_trace',
    );
    const { db } = a.services.session.requireUnlocked();
    expect(
      db
        .prepare('SELECT origin_established_on AS on_ FROM item_traces WHERE item_id = ?')
        .get(rifleId),
    ).toEqual({ on_: '2026-11-02' });
  });

  it('carries imported historic counts, with the same totals on the other laptop', async () => {
    const file = [
      'year,activity,kind,unit,amount,source',
      '2015,destroyed,weapons,pieces,857,Report 2015',
    ];
    await a.ok('importHistoricCounts', {
      fileName: 'series.csv',
      format: 'csv',
      dataBase64: Buffer.from(file.join('\n')).toString('base64'),
      dryRun: false,
    });
    expect(await a.ok('syncNow')).toMatchObject({ pendingChanges: 0, lastError: null });
    await b.ok('syncNow');
    const onB = await b.ok('listHistoricCounts', {});
    expect(onB.totals).toEqual([
      { activity: 'destroyed', kind: 'weapons', unit: 'pieces', amount: 857, counts: 1 },
    ]);
    expect(onB.counts[0]?.count.importedFrom?.fileName).toBe('series.csv');
  });
});
