import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { verifyBackupFile } from '../../../../server/backup/restore-backup.ts';
import { BACKUP_MAGIC } from '../../../../server/backup/backup-format.ts';
import type { Database } from '../../../../server/db/database.ts';
import { openDatabase } from '../../../../server/db/open-database.ts';
import { FileStore } from '../../../../server/files/file-store.ts';
import { loadOrCreateFilesKey } from '../../../../server/files/files-key.ts';
import type { ProcedureInput } from '../../../../shared/ipc/contract.ts';
import {
  setUpFirstPerson,
  startDispatchedApp,
  type DispatchedApp,
} from '../../../support/dispatched-app.ts';
import { startFaultProxy, type FaultProxy } from '../../../support/fault-proxy.ts';
import { createServerProcess, type ServerProcess } from '../../../support/server-process.ts';
import { settleSync } from '../../../support/settle-sync.ts';
import { syncBackends } from '../../../support/sync-server.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';
import { tinyPng } from '../../../support/tiny-png.ts';

type Draft = ProcedureInput<'saveIntakeDraft'>['draft'];

/** No automatic rounds: the test drives every round, and can look at the server between them. */
const manual = {
  liveUpdates: false,
  requestTimeoutMs: 20_000,
  timers: { setTimeout: () => null, clearTimeout: () => undefined },
};

/**
 * Each step runs server commands as processes of their own, and a restore into PGlite creates its
 * database (initdb) first: seconds each on a quiet machine, far more on a busy CI runner.
 */
const STEP_TIMEOUT_MS = 240_000;

interface Laptop {
  readonly app: DispatchedApp;
  readonly name: string;
  readonly recordIds: string[];
  /** Rounds that ended with an error while the laptop pushed (none expected). */
  readonly errors: string[];
}

/**
 * Issue 17, item 5: `npm run server -- backup FILE` while two laptops push, then `restore FILE`
 * into a fresh target (a new data dir, or an empty PostgreSQL database) and a server started on
 * it, as an administrator recovering from a lost server would. Checked as they would: the
 * restored server holds the database as one moment left it (every record's whole history and
 * every push's stored results up to the backup), its epoch is new, and once the laptops synced
 * with it, it holds every change of both laptops exactly once. Real server processes, real
 * laptops (encrypted stores, the sync engine through the app's dispatcher); the laptops reach
 * the server through a proxy, so they keep one server URL when the restored server replaces the
 * old one (as a DNS name would).
 */
describe.each(syncBackends)('backup while laptops push, restore, new epoch (%s)', (backend) => {
  let keys: Awaited<ReturnType<typeof makeTempDir>>;
  let original: ServerProcess;
  let restored: ServerProcess;
  let serving: ServerProcess;
  let proxy: FaultProxy;
  let a: Laptop;
  let b: Laptop;
  let backupFile: string;
  let photoSha: string;

  beforeAll(async () => {
    keys = await makeTempDir('backup-keys');
    // The photo key is kept apart from the data and the backup, and given to the restored server.
    const env = { SALW_FILES_KEY_FILE: path.join(keys.dir, 'files.key') };
    original = await createServerProcess({ backend, env });
    restored = await createServerProcess({ backend, env });
    backupFile = path.join(keys.dir, 'salw.backup');
    const laptops = Promise.all([openLaptop('Amina Hadžić'), openLaptop('Marko Petrović')]);
    await original.start();
    serving = original;
    proxy = await startFaultProxy(() => serving.url);
    const [amina, marko] = await laptops;
    a = await enroll(amina, 'Team A laptop');
    b = await enroll(marko, 'Team B laptop');
  }, 120_000);

  afterAll(async () => {
    await a?.app.close();
    await b?.app.close();
    await proxy?.close();
    await original?.dispose();
    await restored?.dispose();
    await keys?.remove();
  });

  function explainFailures() {
    onTestFailed(() => {
      console.error(
        `original server:\n${original.tail(30)}\nrestored server:\n${restored.tail(30)}`,
      );
    });
  }

  async function openLaptop(person: string): Promise<DispatchedApp> {
    const app = await startDispatchedApp({ prefix: 'backup', sync: manual });
    await setUpFirstPerson(app, { name: person });
    return app;
  }

  async function enroll(app: DispatchedApp, name: string): Promise<Laptop> {
    const printed = await original.command(['enroll', '--name', name]);
    expect(printed.code, printed.stderr).toBe(0);
    const code = /([A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4})/.exec(printed.stdout)?.[1] ?? '';
    await app.ok('enrollDevice', { serverUrl: proxy.url, code });
    return { app, name, recordIds: [], errors: [] };
  }

  async function saveDraft(laptop: Laptop, label: string): Promise<void> {
    const draft = (await laptop.app.ok('newIntakeDraft')) as Draft;
    await laptop.app.ok('saveIntakeDraft', {
      draft: { ...draft, context: 'found', notes: `${laptop.name}: ${label}` },
      expectedRevision: null,
    });
    laptop.recordIds.push(draft.id);
  }

  /** Saves and sends a record a round until `stop()` says so. */
  async function pushUntil(laptop: Laptop, stop: () => boolean): Promise<void> {
    for (let n = 0; !stop(); n += 1) {
      await saveDraft(laptop, `rifle ${n} handed in`);
      const status = await laptop.app.ok('syncNow');
      if (status.lastError !== null) laptop.errors.push(status.lastError.kind);
    }
  }

  /** The restored server's database, opened by the test while no server runs on it. */
  async function withRestoredData<T>(work: (db: Database) => Promise<T>): Promise<T> {
    const db = await openDatabase({
      dataDir: restored.dataDir,
      databaseUrl: restored.databaseUrl,
    });
    try {
      return await work(db);
    } finally {
      await db.close();
    }
  }

  it(
    'writes a backup while both laptops keep pushing',
    async () => {
      explainFailures();
      // A photo received before the backup travels in it.
      const png = tinyPng([200, 40, 40], 8);
      photoSha = createHash('sha256').update(png).digest('hex');
      const photo = await a.app.ok('addPhoto', {
        dataBase64: png.toString('base64'),
        kind: 'scene',
      });
      const draft = (await a.app.ok('newIntakeDraft')) as Draft;
      await a.app.ok('saveIntakeDraft', {
        draft: { ...draft, context: 'seized', notes: 'Pistol with its photo', photos: [photo] },
        expectedRevision: null,
      });
      a.recordIds.push(draft.id);
      await settleSync([a.app]);

      // A folder that does not exist is said plainly, and nothing is left behind.
      const nowhere = await original.command([
        'backup',
        path.join(keys.dir, 'no-such-folder', 'x'),
      ]);
      expect(nowhere.code).toBe(1);
      expect(nowhere.stderr).toContain('its folder does not exist');

      let backupDone = false;
      let after = 0;
      // Both laptops push the whole time; a few more rounds after the backup, which it lacks.
      const stop = () => backupDone && after++ >= 8;
      const pushing = Promise.all([pushUntil(a, stop), pushUntil(b, stop)]);
      let written;
      let sentDuring;
      try {
        // Some pushes before the snapshot, so it holds both laptops' work.
        await expect
          .poll(() => a.recordIds.length > 3 && b.recordIds.length > 3, { timeout: 30_000 })
          .toBe(true);
        const sentBefore = a.recordIds.length + b.recordIds.length;
        written = await original.command(['backup', backupFile]);
        sentDuring = a.recordIds.length + b.recordIds.length - sentBefore;
      } finally {
        backupDone = true;
        await pushing;
      }
      expect(written.code, written.stderr).toBe(0);
      expect(written.stdout).toContain(`Backup written to ${backupFile}`);
      expect(written.stdout).toContain('is NOT in it');
      // Pushes went on while the backup ran, and none failed.
      expect(sentDuring).toBeGreaterThan(0);
      expect([...a.errors, ...b.errors]).toEqual([]);
      expect(existsSync(`${backupFile}.part`)).toBe(false);

      const { header } = await verifyBackupFile(backupFile);
      const records = header.tables.find((table) => table.name === 'records')?.rows ?? 0;
      // A snapshot from the middle: some of the records, not all of them.
      expect(records).toBeGreaterThan(8);
      expect(records).toBeLessThan(a.recordIds.length + b.recordIds.length);
      expect(header.photos).toBe(1);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'refuses a truncated backup file and a backup from a newer server, leaving the target empty',
    async () => {
      explainFailures();
      const bytes = await readFile(backupFile);
      const truncated = path.join(keys.dir, 'truncated.backup');
      await writeFile(truncated, bytes.subarray(0, bytes.length - 100));
      const cut = await restored.command(['restore', truncated]);
      expect(cut.code).toBe(1);
      expect(cut.stderr).toContain('is incomplete or damaged');
      expect(cut.stderr).toContain('Nothing was restored');
      expect(cut.stderr).not.toMatch(/\n\s+at /);

      // The same body under a header that names a migration this server does not have.
      const headerEnd = bytes.indexOf(0x0a, BACKUP_MAGIC.length);
      const header = JSON.parse(bytes.subarray(BACKUP_MAGIC.length, headerEnd).toString('utf8'));
      const newer = path.join(keys.dir, 'newer.backup');
      await writeFile(
        newer,
        Buffer.concat([
          Buffer.from(
            `${BACKUP_MAGIC}${JSON.stringify({ ...header, schemaVersion: 99_990, migrations: [...header.migrations, 99_990] })}\n`,
          ),
          bytes.subarray(headerEnd + 1),
        ]),
      );
      const fromNewer = await restored.command(['restore', newer]);
      expect(fromNewer.code).toBe(1);
      expect(fromNewer.stderr).toContain('This backup comes from a newer server');

      // Nothing of either was written: no PGlite data, no tables.
      if (backend === 'pglite') {
        expect(existsSync(path.join(restored.dataDir, 'pglite', 'PG_VERSION'))).toBe(false);
      } else {
        const tables = await withRestoredTables();
        expect(tables).toBe(0);
      }
    },
    STEP_TIMEOUT_MS,
  );

  async function withRestoredTables(): Promise<number> {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: restored.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM pg_tables WHERE schemaname = 'public'`,
      );
      return Number(rows[0]?.n);
    } finally {
      await client.end();
    }
  }

  it(
    'restores into a fresh target: the data as of the backup, whole, under a new epoch',
    async () => {
      explainFailures();
      await original.stop();
      const { header } = await verifyBackupFile(backupFile);
      const done = await restored.command(['restore', backupFile]);
      expect(done.code, done.stderr).toBe(0);
      expect(done.stdout).toContain('Started a new server epoch');

      const again = await restored.command(['restore', backupFile]);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('--replace');

      await withRestoredData(async (db) => {
        const count = async (sql: string) =>
          Number(
            (await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM (${sql}) q`)).rows[0]
              ?.n,
          );
        // The records as of the backup, each with its whole history (revisions 1..its revision).
        expect(await count('SELECT 1 FROM records')).toBe(
          header.tables.find((table) => table.name === 'records')?.rows,
        );
        expect(
          await count(
            `SELECT 1 FROM records r
           WHERE (SELECT count(*) FROM record_history h WHERE h.record_id = r.id) <> r.server_rev
              OR (SELECT max(server_rev) FROM record_history h WHERE h.record_id = r.id) <> r.server_rev`,
          ),
        ).toBe(0);
        // Every stored change has its stored result, and each laptop's last change is the last result.
        expect(
          await count(
            `SELECT 1 FROM record_history h WHERE NOT EXISTS (
             SELECT 1 FROM mutation_results m
             WHERE m.device_id = h.device_id AND m.mutation_id = h.mutation_id)`,
          ),
        ).toBe(0);
        expect(
          await count(
            `SELECT 1 FROM devices d
           WHERE d.last_mutation_id <> coalesce(
             (SELECT max(mutation_id) FROM mutation_results m WHERE m.device_id = d.id), 0)`,
          ),
        ).toBe(0);
        // A new epoch; the backup's is still known, so laptops on it are told to pull first.
        const epochs = await db.query<{ epoch: string }>('SELECT epoch FROM server_meta');
        expect(epochs.rows[0]?.epoch).not.toBe(header.serverEpoch);
        expect(
          await count(`SELECT 1 FROM server_epochs WHERE epoch = '${header.serverEpoch}'`),
        ).toBe(1);
      });
      // The photo came back, readable with the key kept apart.
      const { key } = await loadOrCreateFilesKey(path.join(keys.dir, 'files.key'));
      const store = new FileStore(restored.dataDir, key);
      const photo = await store.readBlob(photoSha);
      expect(createHash('sha256').update(photo).digest('hex')).toBe(photoSha);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'gets back from the laptops what the backup lacked: every change once',
    async () => {
      explainFailures();
      await restored.start();
      serving = restored;
      await settleSync([a.app, b.app]);
      const everyRecord = [...a.recordIds, ...b.recordIds].sort();
      // Each laptop holds both laptops' records again.
      // The list pages (50 by default); how many records the pushes made varies by run.
      expect(everyRecord.length).toBeLessThanOrEqual(200);
      for (const laptop of [a, b]) {
        const listed = await laptop.app.ok('listIntakes', { limit: 200 });
        expect(listed.total).toBe(everyRecord.length);
        expect(listed.items.map((item) => item.id).sort()).toEqual(everyRecord);
      }
      await restored.stop();
      await withRestoredData(async (db) => {
        const ids = await db.query<{ id: string }>(
          `SELECT id FROM records WHERE entity = 'intake_event' ORDER BY id`,
        );
        expect(ids.rows.map((row) => row.id)).toEqual(everyRecord);
        // The photo's own record (its metadata) too.
        const attachments = await db.query(`SELECT 1 FROM records WHERE id = $1`, [photoSha]);
        expect(attachments.rows).toHaveLength(1);
        // Every change stored once: one create per record, no change twice.
        const creates = await db.query<{ record_id: string; n: string }>(
          `SELECT record_id, count(*)::text AS n FROM record_history
         WHERE op = 'create' GROUP BY record_id HAVING count(*) <> 1`,
        );
        expect(creates.rows).toEqual([]);
        const twice = await db.query(
          `SELECT device_id, mutation_id FROM record_history
         GROUP BY device_id, mutation_id HAVING count(*) > 1`,
        );
        expect(twice.rows).toEqual([]);
      });
    },
    STEP_TIMEOUT_MS,
  );
});
