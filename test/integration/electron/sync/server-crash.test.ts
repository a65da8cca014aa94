import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { checkPgliteConsistency } from '../../../../server/db/pglite-consistency.ts';
import { openDatabase } from '../../../../server/db/open-database.ts';
import { FileStore } from '../../../../server/files/file-store.ts';
import type { ProcedureInput } from '../../../../shared/ipc/contract.ts';
import { syncRoutes, UPLOAD_CHUNK_BYTES } from '../../../../shared/sync/protocol.ts';
import { installCrashPoints, type CrashPoints } from '../../../support/crash-points.ts';
import {
  setUpFirstPerson,
  startDispatchedApp,
  type DispatchedApp,
} from '../../../support/dispatched-app.ts';
import {
  startFaultProxy,
  type Fault,
  type FaultProxy,
  type ProxiedRequest,
} from '../../../support/fault-proxy.ts';
import { createServerProcess, type ServerProcess } from '../../../support/server-process.ts';
import { syncBackends } from '../../../support/sync-server.ts';
import { noisePng } from '../../../support/tiny-png.ts';

/**
 * Issue 12, item 5: the sync server killed (kill -9) and restarted in the middle of a push and in
 * the middle of a photo upload while two laptops sync. Afterwards, as an operator would check:
 * every acknowledged change is stored exactly once, nothing is lost or left waiting, no sync issue
 * came of the crash, every photo is whole on the server and an interrupted upload resumed.
 *
 * The server is the real one in a process of its own (server-process.ts), so a SIGKILL leaves what
 * a crash leaves: PGlite's files as they were, or PostgreSQL sessions cut mid-transaction. The
 * laptops are real (encrypted stores, the sync engine, driven through the app's IPC dispatcher)
 * and reach it through a proxy that sees each request, so a crash can be placed on the request
 * that should suffer it. Where the kill lands inside a transaction is fixed by crash-points.ts, not
 * by a delay: every run crashes at the same point.
 */

type Draft = ProcedureInput<'saveIntakeDraft'>['draft'];

/**
 * No automatic rounds, not even the engine's retries after a failure (timers that never fire):
 * the test drives both laptops' rounds side by side, so it can look at the server between them.
 */
const manual = {
  liveUpdates: false,
  requestTimeoutMs: 20_000,
  timers: { setTimeout: () => null, clearTimeout: () => undefined },
};

/** More than two push batches per laptop (500 changes each): a crash lands between batches. */
const DRAFTS_PER_LAPTOP = 1_100;
/** A photo of four 1 MiB chunks (tus): a crash can land with some chunks stored. */
const PHOTO_SIDE = 1_100;

interface Laptop {
  readonly name: string;
  readonly app: DispatchedApp;
  readonly deviceId: string;
  readonly credential: string;
  /** Every intake record this laptop created. */
  readonly recordIds: string[];
  /** Every photo this laptop took, by SHA-256: the original bytes. */
  readonly photos: Map<string, Buffer>;
}

/** What the proxy passed on, in order: enough to see where each laptop resumed. */
interface Seen {
  readonly laptop: string;
  readonly method: string;
  readonly path: string;
  readonly uploadOffset: number | null;
  /** A photo upload's creation: the photo's digest (from Upload-Metadata). */
  readonly sha256: string | null;
  /** A push: its mutation ids. */
  readonly mutationIds: readonly number[];
}

const sha256 = (bytes: Buffer | Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe.each(syncBackends)(
  'the sync server killed (kill -9) mid-push and mid-upload while two laptops sync (%s)',
  (backend) => {
    let server: ServerProcess;
    let points: CrashPoints;
    let proxy: FaultProxy;
    let a: Laptop;
    let b: Laptop;
    const seen: Seen[] = [];
    let policy: (
      request: ProxiedRequest,
      laptop: Laptop | undefined,
    ) => Promise<Fault> = async () => ({ kind: 'pass' });
    /** Each crash's run of the server: its log must show a clean start after the kill. */
    let crashes = 0;
    /** What the test did, with times: printed on failure, so that a hang shows where it stopped. */
    const steps: string[] = [];
    const step = (what: string) => {
      steps.push(`${new Date().toISOString().slice(11, 23)} ${what}`);
    };

    beforeAll(async () => {
      server = await createServerProcess({ backend });
      // The laptops are set up while the server's data is prepared and it starts.
      const people = Promise.all([openLaptop('Amina Hadžić'), openLaptop('Marko Petrović')]);
      points = await installCrashPoints(server);
      await server.start();
      proxy = await startFaultProxy(() => server.url);
      proxy.setPolicy(async (request) => {
        const laptop = [a, b].find(
          (one) =>
            one !== undefined && request.headers.authorization === `Bearer ${one.credential}`,
        );
        seen.push(describeRequest(request, laptop));
        return policy(request, laptop);
      });
      const [amina, marko] = await people;
      [a, b] = await Promise.all([
        enrollLaptop(amina, 'Team A laptop'),
        enrollLaptop(marko, 'Team B laptop'),
      ]);
    }, 120_000);

    afterAll(async () => {
      await a?.app.dispose();
      await b?.app.dispose();
      await proxy?.close();
      await points?.close();
      await a?.app.close();
      await b?.app.close();
      await server?.dispose();
    });

    async function openLaptop(person: string): Promise<DispatchedApp> {
      const app = await startDispatchedApp({ prefix: 'server-crash', sync: manual });
      await setUpFirstPerson(app, { name: person });
      return app;
    }

    async function enrollLaptop(app: DispatchedApp, name: string): Promise<Laptop> {
      // As an administrator enrolls a laptop: the admin command, beside the running server.
      const printed = await server.command(['enroll', '--name', name]);
      expect(printed.code, printed.stderr).toBe(0);
      const code = /([A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4})/.exec(printed.stdout)?.[1];
      const status = await app.ok('enrollDevice', { serverUrl: proxy.url, code: code ?? '' });
      const { credential } = localRow<{ credential: string }>(
        app,
        'SELECT credential FROM sync_state',
      );
      return {
        name,
        app,
        deviceId: status.deviceId ?? '',
        credential,
        recordIds: [],
        photos: new Map(),
      };
    }

    /** On failure: what the server printed last, and what the proxy passed on last. */
    function explainFailures() {
      onTestFailed(() => {
        console.error(`steps (${backend}):\n${steps.slice(-30).join('\n')}`);
        console.error(`server log (${backend}), last lines:\n${server.tail(60)}`);
        console.error(
          `last requests:\n${seen
            .slice(-30)
            .map((one) => `${one.laptop} ${one.method} ${one.path} ${one.uploadOffset ?? ''}`)
            .join('\n')}`,
        );
      });
    }

    async function saveDrafts(laptop: Laptop, count: number, label: string): Promise<void> {
      step(`${laptop.name} saves ${count} drafts`);
      for (let n = 0; n < count; n += 1) {
        const draft = (await laptop.app.ok('newIntakeDraft')) as Draft;
        await laptop.app.ok('saveIntakeDraft', {
          draft: {
            ...draft,
            context: 'found',
            notes: `${laptop.name}, ${label} ${n}: rifle found in a field, handed in at the station.`,
          },
          expectedRevision: null,
        });
        laptop.recordIds.push(draft.id);
      }
    }

    /** A seizure with `count` photos of a few MB each, as a person adds them. */
    async function saveWithPhotos(laptop: Laptop, count: number, label: string): Promise<void> {
      step(`${laptop.name} saves a record with ${count} photos`);
      const photos = [];
      for (let n = 0; n < count; n += 1) {
        const bytes = noisePng(PHOTO_SIDE, PHOTO_SIDE);
        const ref = await laptop.app.ok('addPhoto', {
          dataBase64: bytes.toString('base64'),
          kind: 'scene',
        });
        expect(ref.sha256).toBe(sha256(bytes));
        laptop.photos.set(ref.sha256, bytes);
        photos.push(ref);
      }
      const draft = (await laptop.app.ok('newIntakeDraft')) as Draft;
      await laptop.app.ok('saveIntakeDraft', {
        draft: { ...draft, context: 'seized', notes: `${laptop.name}, ${label}`, photos },
        expectedRevision: null,
      });
      laptop.recordIds.push(draft.id);
    }

    /** Both laptops sync at once, as two teams coming back online. */
    async function syncBoth() {
      step('both laptops sync');
      const statuses = await Promise.all([a.app.ok('syncNow'), b.app.ok('syncNow')]);
      step(
        `rounds ended: ${statuses
          .map(
            (one) =>
              `${one.pendingChanges} changes, ${one.pendingPhotos} photos waiting, ${one.lastError?.kind ?? 'no error'}`,
          )
          .join('; ')}`,
      );
      return statuses;
    }

    /**
     * Kills the server where `crash` says (it resolves once the server is dead), lets the
     * laptops' rounds fail on it, and starts it again on the same port and data.
     */
    async function crashDuringSync(crash: () => Promise<void>): Promise<void> {
      const rounds = syncBoth();
      // A crash point the rounds never reach fails here, instead of waiting for the timeout.
      const missed = rounds.then(
        () => new Promise((resolve) => setTimeout(resolve, 5_000)),
        () => undefined,
      );
      await Promise.race([
        crash(),
        missed.then(() => {
          throw new Error('The laptops ended their rounds without reaching the crash point.');
        }),
      ]);
      step('server killed');
      await points.disarmAfterKill();
      const statuses = await rounds;
      policy = async () => ({ kind: 'pass' });
      crashes += 1;
      await server.start();
      step('server restarted');
      // The crash cut at least one laptop's round: it says it could not reach the server, or
      // (photos move after the records, and a failed upload does not fail the round) photos wait.
      expect(statuses.some((status) => status.lastError !== null || status.pendingPhotos > 0)).toBe(
        true,
      );
    }

    /**
     * Rounds on both laptops until two passes in a row end with nothing waiting anywhere (the
     * second pulls what the first pushed, and downloads the other laptop's photos).
     */
    async function settle(): Promise<void> {
      let clean = 0;
      for (let pass = 0; pass < 10 && clean < 2; pass += 1) {
        const statuses = await syncBoth();
        const waiting = statuses.some(
          (status) =>
            status.lastError !== null || status.pendingChanges > 0 || status.pendingPhotos > 0,
        );
        const downloads = [a, b].some(
          (laptop) =>
            localRow<{ n: number }>(
              laptop.app,
              "SELECT count(*) AS n FROM attachments WHERE upload_state <> 'verified'",
            ).n > 0,
        );
        clean = waiting || downloads ? 0 : clean + 1;
      }
      expect(clean, 'the laptops never finished syncing after the restart').toBe(2);
    }

    /** The highest change id the laptop saw acknowledged (its outbox keeps the rest). */
    function acknowledgedUpTo(laptop: Laptop): number {
      const { next } = localRow<{ next: number }>(
        laptop.app,
        'SELECT next_mutation_id AS next FROM sync_state',
      );
      const { first } = localRow<{ first: number | null }>(
        laptop.app,
        "SELECT min(wire_id) AS first FROM outbox WHERE state = 'pending' AND wire_id IS NOT NULL",
      );
      return (first ?? next) - 1;
    }

    /**
     * The upload at `uploadPath` was not started over after the crash: no new upload of its
     * photo was created from `from` on.
     */
    function expectNotStartedOver(uploadPath: string | undefined, from: number): void {
      const photo = [a, b]
        .flatMap((laptop) =>
          localRows<{ sha256: string; url: string }>(
            laptop.app,
            'SELECT sha256, upload_url AS url FROM attachments WHERE upload_url IS NOT NULL',
          ),
        )
        .find((row) => uploadPath !== undefined && row.url.endsWith(uploadPath));
      expect(photo, `no laptop knows the upload ${String(uploadPath)}`).toBeDefined();
      const created = seen
        .slice(from)
        .filter((one) => one.method === 'POST' && one.path === syncRoutes.files);
      expect(created.map((one) => one.sha256)).not.toContain(photo?.sha256);
    }

    /** What `npm run server -- devices` says is the last change it stored from each laptop. */
    async function storedUpTo(): Promise<Map<string, number>> {
      const listed = await server.command(['devices']);
      expect(listed.code, listed.stderr).toBe(0);
      return new Map(
        [a, b].map((laptop) => {
          const line = listed.stdout.split('\n').find((one) => one.startsWith(laptop.deviceId));
          return [laptop.name, Number(/last mutation (\d+)/.exec(line ?? '')?.[1])];
        }),
      );
    }

    /**
     * What the user of each laptop sees once synced: nothing waiting, no issue, every record of
     * both laptops, each as the laptop that made it last saved it; every photo there and whole.
     */
    async function expectBothLaptopsComplete(): Promise<void> {
      const all = [...a.recordIds, ...b.recordIds];
      const contents = [a, b].map((laptop) => localIntakes(laptop.app));
      for (const [index, laptop] of [a, b].entries()) {
        const status = await laptop.app.ok('getSyncStatus');
        expect(status).toMatchObject({
          pendingChanges: 0,
          pendingPhotos: 0,
          openConflicts: 0,
          openRejections: 0,
          lastError: null,
        });
        expect(await laptop.app.ok('listSyncIssues')).toEqual([]);
        expect((await laptop.app.ok('listIntakes', {})).total).toBe(all.length);
        expect([...contents[index]!.keys()].sort()).toEqual([...all].sort());
      }
      // The other laptop holds each record exactly as its maker does.
      expect(contents[1]).toEqual(contents[0]);
      // Each photo reached the other laptop through the server (downloaded, checked against its
      // SHA-256 there) and is the original.
      for (const [maker, other] of [
        [a, b],
        [b, a],
      ] as const) {
        for (const [digest, bytes] of maker.photos) {
          const copy = await other.app.ok('getPhoto', { sha256: digest });
          expect(sha256(Buffer.from(copy.dataBase64, 'base64'))).toBe(sha256(bytes));
        }
      }
    }

    it('a push killed inside its transaction is lost whole, and sent again it is stored once', async () => {
      explainFailures();
      await saveDrafts(a, DRAFTS_PER_LAPTOP, 'first batch');
      await saveDrafts(b, DRAFTS_PER_LAPTOP, 'first batch');
      // A laptop's second push batch (its first was answered) is held just before its commit;
      // the other laptop is pushing at the same time.
      let armed = false;
      policy = async (request) => {
        if (!armed && request.path === syncRoutes.push && pushIds(request)[0]! > 1) {
          armed = true;
          await points.arm('push');
        }
        return { kind: 'pass' };
      };
      await crashDuringSync(async () => {
        await points.waitUntilHeld('push');
        await server.kill9();
      });

      // Right after the restart: the server has exactly what the laptops saw acknowledged; the
      // held push left nothing.
      const stored = await storedUpTo();
      for (const laptop of [a, b]) expect(stored.get(laptop.name)).toBe(acknowledgedUpTo(laptop));
      expect(Math.min(...[a, b].map(acknowledgedUpTo))).toBeLessThan(DRAFTS_PER_LAPTOP);

      await settle();
      await expectBothLaptopsComplete();
    }, 120_000);

    it('a push whose answer the crash swallowed is answered from the stored results when sent again', async () => {
      explainFailures();
      // One batch from A (500 changes), whose answer is lost; B pushes at the same time.
      await saveDrafts(a, 500, 'second batch');
      await saveDrafts(b, 200, 'second batch');
      let lost: readonly number[] = [];
      const { dead, killed } = deathNotice();
      policy = async (request, laptop) => {
        if (lost.length > 0 || request.path !== syncRoutes.push || laptop !== a) {
          return { kind: 'pass' };
        }
        lost = pushIds(request);
        // The server commits and answers; it dies before the answer leaves.
        return { kind: 'drop_response', beforeDrop: () => server.kill9().then(killed) };
      };
      const before = acknowledgedUpTo(a);
      await crashDuringSync(() => dead);

      // The server stored the batch; laptop A never heard so and still holds it.
      expect(lost[0]).toBe(before + 1);
      expect((await storedUpTo()).get(a.name)).toBe(lost.at(-1));
      expect(acknowledgedUpTo(a)).toBe(before);

      const resentAt = seen.length;
      await settle();
      // A sent the same changes again, with the same ids; the server answered from its results.
      const resent = seen
        .slice(resentAt)
        .find((one) => one.laptop === a.name && one.path === syncRoutes.push);
      expect(resent?.mutationIds.slice(0, lost.length)).toEqual(lost);
      await expectBothLaptopsComplete();
    }, 120_000);

    it('a photo upload cut after the server stored a chunk the laptop never heard of resumes where the server stood', async () => {
      explainFailures();
      await saveWithPhotos(a, 2, 'two photos');
      await saveWithPhotos(b, 1, 'one photo');
      let cut: Seen | undefined;
      const { dead, killed } = deathNotice();
      policy = async (request) => {
        if (cut !== undefined || request.method !== 'PATCH') return { kind: 'pass' };
        if (Number(request.headers['upload-offset']) !== 2 * UPLOAD_CHUNK_BYTES) {
          return { kind: 'pass' };
        }
        cut = seen.at(-1);
        // The server stores the third chunk and commits; it dies before its answer leaves.
        return { kind: 'drop_response', beforeDrop: () => server.kill9().then(killed) };
      };
      await crashDuringSync(() => dead);
      const after = seen.length;
      await settle();

      // The laptop asked where the upload stood and sent only the last chunk: no byte the server
      // had was sent again, and the upload was not started over.
      const resumed = seen.slice(after).filter((one) => one.path === cut?.path);
      expect(resumed.map((one) => [one.method, one.uploadOffset])).toEqual([
        ['HEAD', null],
        ['PATCH', 3 * UPLOAD_CHUNK_BYTES],
      ]);
      expectNotStartedOver(cut?.path, after);
      await expectBothLaptopsComplete();
    }, 120_000);

    it('a photo upload killed while the server commits a chunk resumes from the last committed chunk', async () => {
      explainFailures();
      // One upload in flight (laptop A's), while laptop B pushes changes at the same time.
      await saveWithPhotos(a, 1, 'one more photo');
      await saveDrafts(b, 300, 'third batch');
      let held: Seen | undefined;
      policy = async (request) => {
        if (held === undefined && request.method === 'PATCH') {
          if (Number(request.headers['upload-offset']) === UPLOAD_CHUNK_BYTES) {
            held = seen.at(-1);
            await points.arm('upload-chunk');
          }
        }
        return { kind: 'pass' };
      };
      await crashDuringSync(async () => {
        await points.waitUntilHeld('upload-chunk');
        await server.kill9();
      });
      const after = seen.length;
      await settle();

      // The second chunk's bytes reached the server's disk but its offset was never committed:
      // the laptop sends that chunk again, and only the chunks from there.
      const resumed = seen.slice(after).filter((one) => one.path === held?.path);
      expect(resumed.map((one) => [one.method, one.uploadOffset])).toEqual([
        ['HEAD', null],
        ['PATCH', UPLOAD_CHUNK_BYTES],
        ['PATCH', 2 * UPLOAD_CHUNK_BYTES],
        ['PATCH', 3 * UPLOAD_CHUNK_BYTES],
      ]);
      expectNotStartedOver(held?.path, after);
      await expectBothLaptopsComplete();
    }, 120_000);

    it('afterwards the server holds each change once and every photo whole, and came back cleanly after each kill', async () => {
      explainFailures();
      // Stopped as an administrator stops it: it still shuts down cleanly after all those kills.
      expect(await server.stop()).toBe(0);
      const runs = server.output.split(/^--- run \d+\n/m).slice(1);
      expect(runs).toHaveLength(crashes + 1);
      for (const run of runs) expect(logProblems(run)).toEqual([]);

      const db = await openDatabase(
        { dataDir: server.dataDir, databaseUrl: server.databaseUrl },
        'the crash test',
      );
      try {
        // Each laptop's changes, numbered 1..n, each stored with one result, none twice.
        for (const laptop of [a, b]) {
          const sent = acknowledgedUpTo(laptop);
          const { rows } = await db.query<{ results: number; last: number; device: number }>(
            `SELECT count(*)::int AS results, max(mutation_id)::int AS last,
               (SELECT last_mutation_id::int FROM devices WHERE id = $1::uuid) AS device
             FROM mutation_results WHERE device_id = $1::uuid`,
            [laptop.deviceId],
          );
          expect(rows[0]).toEqual({ results: sent, last: sent, device: sent });
        }
        const twice = await db.query(
          `SELECT device_id, mutation_id FROM record_history
           GROUP BY device_id, mutation_id HAVING count(*) > 1`,
        );
        expect(twice.rows).toEqual([]);
        // Every accepted change raised its record's revision once: no change applied twice.
        const revisions = await db.query(
          `SELECT r.id, r.server_rev, count(h.id)::int AS changes FROM records r
           LEFT JOIN record_history h ON h.record_id = r.id
           GROUP BY r.id, r.server_rev HAVING count(h.id) <> r.server_rev`,
        );
        expect(revisions.rows).toEqual([]);
        expect((await db.query('SELECT id FROM sync_conflicts')).rows).toEqual([]);

        // Every record of both laptops, as they hold it.
        const records = await db.query<{ id: string; data: unknown; status: string }>(
          "SELECT id, data, status FROM records WHERE entity = 'intake_event' AND NOT deleted",
        );
        expect(records.rows.length).toBe(a.recordIds.length + b.recordIds.length);
        const onServer = new Map(
          records.rows.map((row) => [row.id, normalise(row.data, row.status)]),
        );
        expect(onServer).toEqual(localIntakes(a.app));

        // Every photo received once and whole: decrypted with the server's photo key, it is the
        // original byte for byte.
        const photos = new Map([...a.photos, ...b.photos]);
        const files = await db.query<{ sha256: string; size: string }>(
          'SELECT sha256, size FROM files',
        );
        expect(new Map(files.rows.map((row) => [row.sha256, Number(row.size)]))).toEqual(
          new Map([...photos].map(([digest, bytes]) => [digest, bytes.length])),
        );
        const key = Buffer.from(
          (await readFile(path.join(server.dataDir, 'files.key'), 'utf8')).trim(),
          'hex',
        );
        const store = new FileStore(server.dataDir, key);
        for (const [digest, bytes] of photos) {
          expect(sha256(await store.readBlob(digest))).toBe(sha256(bytes));
        }
        // One finished upload per photo; any other upload of it never received a byte (its
        // creation's answer was lost): no upload started over where chunks were stored.
        const uploads = await db.query<{ sha256: string; done: number; partial: number }>(
          `SELECT sha256, count(*) FILTER (WHERE completed_at IS NOT NULL)::int AS done,
             count(*) FILTER (WHERE completed_at IS NULL AND upload_offset > 0)::int AS partial
           FROM uploads GROUP BY sha256`,
        );
        expect(uploads.rows.map((row) => [row.sha256, row.done, row.partial]).sort()).toEqual(
          [...photos.keys()].map((digest) => [digest, 1, 0]).sort(),
        );
      } finally {
        await db.close();
      }
      if (backend === 'pglite') {
        // PostgreSQL's own consistency check (amcheck) over the PGlite data after the kills.
        const report = await checkPgliteConsistency(server.dataDir);
        expect(report.problems).toEqual([]);
        expect(report.tables).toBeGreaterThan(5);
      }
    }, 120_000);

    /**
     * The upload's completion (the stored photo written, the part file still there) is held at
     * its commit and the server killed: it comes back with the upload at its previous offset, and
     * the resumed last chunk must still find its part (completePart keeps it; the route discards
     * it only once the completion is committed). Found by this test: the part used to be deleted
     * before the commit, and every resumed chunk then failed for good.
     */
    it('a photo upload killed after its last chunk became the stored photo, before the commit, still arrives whole', async () => {
      // The check before stopped the server, as an administrator would; it comes back.
      await server.start();
      await saveWithPhotos(a, 1, 'a last photo');
      await saveDrafts(b, 50, 'fourth batch');
      let armed = false;
      policy = async (request) => {
        if (!armed && request.method === 'POST' && request.path === syncRoutes.files) {
          armed = true;
          await points.arm('upload-complete');
        }
        return { kind: 'pass' };
      };
      let lastChunk: Seen | undefined;
      await crashDuringSync(async () => {
        await points.waitUntilHeld('upload-complete');
        lastChunk = seen.findLast((one) => one.method === 'PATCH');
        await server.kill9();
      });
      const after = seen.length;
      await settle();

      // The last chunk's commit was lost with the crash: the laptop sends that chunk again.
      const resumed = seen.slice(after).filter((one) => one.path === lastChunk?.path);
      expect(resumed.map((one) => [one.method, one.uploadOffset])).toEqual([
        ['HEAD', null],
        ['PATCH', lastChunk?.uploadOffset],
      ]);
      expectNotStartedOver(lastChunk?.path, after);
      await expectBothLaptopsComplete();
      // And the server said nothing was wrong while it resumed.
      expect(logProblems(server.runOutput)).toEqual([]);
    }, 120_000);
  },
);

/**
 * What in one run's output is not a healthy server: a log line at error level or above (pino:
 * 50 error, 60 fatal), or any text that is neither a JSON log line nor the "listening" line.
 */
function logProblems(run: string): string[] {
  return run
    .split('\n')
    .filter((line) => {
      // The two lines the server says at start, for the person who started it.
      if (
        line.trim() === '' ||
        line.startsWith('SALW Field sync API listening on ') ||
        line.startsWith('Web console: ')
      )
        return false;
      try {
        return (JSON.parse(line) as { level?: number }).level! >= 50;
      } catch {
        return true;
      }
    })
    .map((line) => (line.length > 400 ? `${line.slice(0, 400)}…` : line));
}

/** A promise for the crash placed inside the proxy, and the call that keeps it. */
function deathNotice(): { dead: Promise<void>; killed: () => void } {
  let killed = () => {};
  const dead = new Promise<void>((resolve) => (killed = resolve));
  return { dead, killed };
}

function localRows<T>(app: DispatchedApp, sql: string): T[] {
  return app.services.session.requireUnlocked().db.prepare(sql).all() as T[];
}

function localRow<T>(app: DispatchedApp, sql: string, ...params: unknown[]): T {
  return app.services.session
    .requireUnlocked()
    .db.prepare(sql)
    .get(...params) as T;
}

/** Every intake record on a laptop as both sides must agree on it: without the local revision. */
function localIntakes(app: DispatchedApp): Map<string, unknown> {
  const rows = app.services.session
    .requireUnlocked()
    .db.prepare('SELECT id, status, data_json FROM intake_events ORDER BY id')
    .all() as Array<{ id: string; status: string; data_json: string }>;
  return new Map(rows.map((row) => [row.id, normalise(JSON.parse(row.data_json), row.status)]));
}

function normalise(data: unknown, status: string): unknown {
  const { revision: _revision, ...rest } = data as Record<string, unknown>;
  return JSON.parse(
    JSON.stringify({ ...rest, status }, (_key, value: unknown) =>
      value !== null && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).sort(([x], [y]) => x.localeCompare(y)))
        : value,
    ),
  ) as unknown;
}

function pushIds(request: ProxiedRequest): number[] {
  const body = JSON.parse(request.body.toString('utf8')) as { mutations: { mutationId: number }[] };
  return body.mutations.map((mutation) => mutation.mutationId);
}

function describeRequest(request: ProxiedRequest, laptop: Laptop | undefined): Seen {
  const offset = request.headers['upload-offset'];
  const metadata = String(request.headers['upload-metadata'] ?? '');
  const digest = /(?:^|,)sha256 ([A-Za-z0-9+/=]+)/.exec(metadata)?.[1];
  return {
    laptop: laptop?.name ?? '',
    method: request.method,
    path: request.path,
    uploadOffset: typeof offset === 'string' ? Number(offset) : null,
    sha256: digest === undefined ? null : Buffer.from(digest, 'base64').toString('utf8'),
    mutationIds:
      request.method === 'POST' && request.path === syncRoutes.push ? pushIds(request) : [],
  };
}
