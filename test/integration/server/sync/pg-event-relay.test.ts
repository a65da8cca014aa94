import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { relayApplicationName } from '../../../../server/sync/pg-event-relay.ts';
import type { ProcedureInput } from '../../../../shared/ipc/contract.ts';
import { SYNC_PROTOCOL_VERSION, syncRoutes } from '../../../../shared/sync/protocol.ts';
import {
  setUpFirstPerson,
  startDispatchedApp,
  type DispatchedApp,
} from '../../../support/dispatched-app.ts';
import { createServerProcess, type ServerProcess } from '../../../support/server-process.ts';
import { request } from '../../../support/sync-client.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

type Draft = ProcedureInput<'saveIntakeDraft'>['draft'];

/** Enrollment attempts per client address per minute, on each process and (shared) in total. */
const ENROLL_LIMIT = 6;

/**
 * Issue 17, item 5: two real server processes (`npm run server`, each with its own data dir and
 * admin endpoint) on ONE PostgreSQL database, as behind a load balancer, with a real laptop on
 * each. What one process learns must reach the laptops of the other: a push's poke (LISTEN/NOTIFY)
 * and a revocation; and the enrollment rate limit is one count, not one per process.
 *
 * The laptops never poll within the test (an hour's interval) and the server's heartbeat is its
 * default 25 s: only the relay can bring what is checked here within the few seconds allowed.
 */
describe('two server processes on one PostgreSQL database, a laptop on each', () => {
  let one: ServerProcess;
  let two: ServerProcess;
  let shared: Awaited<ReturnType<typeof makeTempDir>>;
  let a: DispatchedApp;
  let b: DispatchedApp;

  beforeAll(async () => {
    shared = await makeTempDir('two-processes');
    // Photos and their key are shared by the processes (a network volume in production).
    const env = {
      SALW_FILES_DIR: shared.dir,
      SALW_FILES_KEY_FILE: `${shared.dir}/files.key`,
      SALW_ENROLL_RATE_LIMIT: String(ENROLL_LIMIT),
    };
    one = await createServerProcess({ backend: 'postgres', env });
    two = await createServerProcess({
      backend: 'postgres',
      env: { ...env, DATABASE_URL: one.databaseUrl ?? '' },
    });
    const live = {
      liveUpdates: true,
      pokeDelayMs: 0,
      debounceMs: 3_600_000,
      intervalMs: 3_600_000,
    };
    const laptops = Promise.all([
      startDispatchedApp({ prefix: 'relay-a', sync: live }),
      startDispatchedApp({ prefix: 'relay-b', sync: live }),
    ]);
    await one.start();
    await two.start();
    [a, b] = await laptops;
    await setUpFirstPerson(a, { name: 'Amina Hadžić' });
    await setUpFirstPerson(b, { name: 'Marko Petrović' });
    // Both codes from process 1's admin endpoint; B redeems its code through process 2.
    await a.ok('enrollDevice', { serverUrl: one.url, code: await enrollCode('Team A laptop') });
    await b.ok('enrollDevice', { serverUrl: two.url, code: await enrollCode('Team B laptop') });
    await a.services.sync.settled();
    await b.services.sync.settled();
  }, 120_000);

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await two?.dispose();
    await one?.dispose();
    await shared?.remove();
  });

  function explainFailures() {
    onTestFailed(() => {
      console.error(`process 1:\n${one.tail(30)}\nprocess 2:\n${two.tail(30)}`);
    });
  }

  async function enrollCode(name: string): Promise<string> {
    const printed = await one.command(['enroll', '--name', name]);
    expect(printed.code, printed.stderr).toBe(0);
    return /([A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4})/.exec(printed.stdout)?.[1] ?? '';
  }

  it('pokes the laptop on process 2 when process 1 stores a push, so it pulls without waiting for its poll', async () => {
    explainFailures();
    const draft = (await a.ok('newIntakeDraft')) as Draft;
    await a.ok('saveIntakeDraft', {
      draft: { ...draft, context: 'found', notes: 'Handed in at the border post.' },
      expectedRevision: null,
    });
    await a.ok('syncNow');
    await expect
      .poll(async () => (await b.ok('listIntakes', {})).items.map((item) => item.id), {
        timeout: 8_000,
      })
      .toEqual([draft.id]);
  });

  it('relays again after PostgreSQL dropped the listening connections', async () => {
    explainFailures();
    const db = new pg.Client({ connectionString: one.databaseUrl });
    await db.connect();
    try {
      const relays = async () =>
        (
          await db.query<{ pid: number }>(
            `SELECT pid FROM pg_stat_activity
             WHERE datname = current_database() AND application_name = $1`,
            [relayApplicationName],
          )
        ).rows.map((row) => row.pid);
      const before = await relays();
      expect(before).toHaveLength(2);
      // As a database restart or a failover would: every relay connection cut.
      await db.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [before]);
      await expect
        .poll(async () => (await relays()).filter((pid) => !before.includes(pid)).length, {
          timeout: 15_000,
        })
        .toBe(2);
    } finally {
      await db.end();
    }
    const draft = (await a.ok('newIntakeDraft')) as Draft;
    await a.ok('saveIntakeDraft', {
      draft: { ...draft, context: 'found', notes: 'Handed in after the database restarted.' },
      expectedRevision: null,
    });
    await a.ok('syncNow');
    await expect
      .poll(async () => (await b.ok('listIntakes', {})).items.map((item) => item.id), {
        timeout: 8_000,
      })
      .toContain(draft.id);
  });

  it('counts enrollment attempts across both processes', async () => {
    explainFailures();
    const attempts = { one: 0, two: 0 };
    let refused: { by: 'one' | 'two'; itsOwnAttempts: number } | undefined;
    for (let n = 0; n < 2 * ENROLL_LIMIT + 2 && refused === undefined; n += 1) {
      const by = n % 2 === 0 ? 'one' : 'two';
      attempts[by] += 1;
      const answer = await request(`${(by === 'one' ? one : two).url}${syncRoutes.enroll}`, {
        method: 'POST',
        body: JSON.stringify({
          code: 'AAAA-BBBB-CCCC',
          protocolVersion: SYNC_PROTOCOL_VERSION,
          appVersion: 'guesser',
        }),
      });
      if (answer.status === 429) refused = { by, itsOwnAttempts: attempts[by] };
      else expect(answer.status).toBe(400);
    }
    // Refused before either process alone had seen its limit: the count is shared.
    expect(refused).toBeDefined();
    expect(refused!.itsOwnAttempts).toBeLessThanOrEqual(ENROLL_LIMIT);
    expect(attempts.one + attempts.two).toBeLessThanOrEqual(ENROLL_LIMIT + 1);
  });

  // Last: B stays revoked.
  it("ends the laptop's event stream on process 2 when process 1 revokes it", async () => {
    explainFailures();
    const deviceId = (await b.ok('getSyncStatus')).deviceId ?? '';
    const revoked = await one.command(['revoke', deviceId]);
    expect(revoked.code, revoked.stderr).toBe(0);
    // Well before the stream's next heartbeat check (25 s) could notice it.
    await expect
      .poll(async () => (await b.ok('getSyncStatus')).phase, { timeout: 5_000 })
      .toBe('revoked');
  });
});
