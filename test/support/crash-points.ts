import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../../server/db/open-database.ts';
import type { SyncBackend } from './sync-server.ts';

/**
 * Exact points inside the sync server's transactions where a test can stop it, so that a kill -9
 * lands there every time instead of after a guessed delay. Each point is a deferred constraint
 * trigger installed in the server's database: it runs when its transaction commits, after every
 * statement and file write of the request is done, and before the commit itself. Armed, it holds
 * the transaction there until the test has killed the server; disarmed (the default) it passes.
 *
 * - push: a push that stores new mutations (its devices row's last_mutation_id moves forward):
 *   records, history and results written, nothing committed.
 * - upload-chunk: a photo chunk that is not the last: the bytes are in the upload's part file,
 *   the new offset is not committed.
 * - upload-complete: a photo's last chunk: the whole file was checked and written as the stored
 *   photo (blob), the files row and the upload's completion are not committed.
 *
 * How the hold works differs by backend, and so does how a test knows it is reached:
 * - PGlite runs inside the server process: the trigger sees an arm file in the PGlite directory,
 *   writes a "held" file there and sleeps, which stops the whole process (PGlite is synchronous
 *   WebAssembly): nothing else of the server runs while it is held, not even an answer it had
 *   already decided to send. The test waits for the "held" file.
 * - PostgreSQL: the trigger waits for an advisory lock the test's session holds; the test sees the
 *   server's session waiting for it in pg_locks. After the kill the test ends that session
 *   (pg_terminate_backend) before it lets the lock go: PostgreSQL would only notice the closed
 *   connection once the lock wait ends, and would then commit a transaction held inside COMMIT.
 *   Ending the session is what a server that died before sending COMMIT leaves.
 */
export type CrashPoint = 'push' | 'upload-chunk' | 'upload-complete';

const lockClass = 4_242_100;
const points: Record<CrashPoint, { lockKey: number; table: string; column: string; when: string }> =
  {
    push: {
      lockKey: 1,
      table: 'devices',
      column: 'last_mutation_id',
      when: 'NEW.last_mutation_id > OLD.last_mutation_id',
    },
    'upload-chunk': {
      lockKey: 2,
      table: 'uploads',
      column: 'upload_offset',
      when: 'NEW.completed_at IS NULL',
    },
    'upload-complete': {
      lockKey: 3,
      table: 'uploads',
      column: 'completed_at',
      when: 'OLD.completed_at IS NULL AND NEW.completed_at IS NOT NULL',
    },
  };

export interface CrashPoints {
  /** From now on, the next transaction that reaches `point` stops there. */
  arm(point: CrashPoint): Promise<void>;
  /** Resolves once a transaction is stopped at `point`: the server is inside it, uncommitted. */
  waitUntilHeld(point: CrashPoint, timeoutMs?: number): Promise<void>;
  /**
   * Once the server process is dead: its held transactions end uncommitted and no point is armed
   * any more, so the next run goes through.
   */
  disarmAfterKill(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Installs the points into the server's database (migrating it first, as the server would). With
 * PGlite the server must not be running: the data directory belongs to one process.
 */
export async function installCrashPoints(server: {
  backend: SyncBackend;
  dataDir: string;
  databaseUrl: string | undefined;
}): Promise<CrashPoints> {
  const db = await openDatabase(
    { dataDir: server.dataDir, databaseUrl: server.databaseUrl },
    'the crash-point installer',
  );
  try {
    const hold =
      server.backend === 'pglite'
        ? `IF (pg_stat_file('test-crash-arm-' || TG_ARGV[0], true)).size IS NOT NULL THEN
             EXECUTE format('COPY (SELECT 1) TO %L',
               current_setting('data_directory') || '/test-crash-held-' || TG_ARGV[0]);
             PERFORM pg_sleep(600);
           END IF;`
        : `PERFORM pg_advisory_xact_lock_shared(${lockClass}, TG_ARGV[1]::int);`;
    await db.query(
      `CREATE OR REPLACE FUNCTION test_crash_point() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN ${hold} RETURN NULL; END $$`,
    );
    for (const [point, { lockKey, table, column, when }] of Object.entries(points)) {
      await db.query(
        `CREATE CONSTRAINT TRIGGER "test_crash_${point}" AFTER UPDATE OF ${column} ON ${table}
         DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (${when})
         EXECUTE FUNCTION test_crash_point('${point}', '${lockKey}')`,
      );
    }
  } finally {
    await db.close();
  }
  return server.backend === 'pglite'
    ? pglitePoints(path.join(server.dataDir, 'pglite'))
    : await postgresPoints(server.databaseUrl ?? '');
}

async function poll(what: string, timeoutMs: number, done: () => Promise<boolean> | boolean) {
  const until = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > until) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function pglitePoints(pgliteDir: string): CrashPoints {
  const arm = (point: CrashPoint) => path.join(pgliteDir, `test-crash-arm-${point}`);
  const held = (point: CrashPoint) => path.join(pgliteDir, `test-crash-held-${point}`);
  const all = Object.keys(points) as CrashPoint[];
  return {
    arm: (point) => writeFile(arm(point), ''),
    waitUntilHeld: (point, timeoutMs = 30_000) =>
      poll(`the server holding at ${point}`, timeoutMs, () => existsSync(held(point))),
    async disarmAfterKill() {
      for (const point of all) {
        await rm(arm(point), { force: true });
        await rm(held(point), { force: true });
      }
    },
    close: async () => undefined,
  };
}

/**
 * Sessions waiting for one of this module's locks in this database: pg_locks shows the whole
 * cluster, and other tests' databases (even this test running twice) hold the same keys.
 */
const heldHere = `locktype = 'advisory' AND NOT granted AND classid = $1
  AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`;

async function postgresPoints(databaseUrl: string): Promise<CrashPoints> {
  const session = new pg.Client({ connectionString: databaseUrl });
  await session.connect();
  const waiting = async (point: CrashPoint) => {
    const { rows } = await session.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_locks WHERE ${heldHere} AND objid = $2`,
      [lockClass, points[point].lockKey],
    );
    return Number(rows[0]?.n) > 0;
  };
  return {
    async arm(point) {
      await session.query('SELECT pg_advisory_lock($1, $2)', [lockClass, points[point].lockKey]);
    },
    waitUntilHeld: (point, timeoutMs = 30_000) =>
      poll(`the server holding at ${point}`, timeoutMs, () => waiting(point)),
    async disarmAfterKill() {
      // Only the held sessions: the dead server's idle ones end by themselves (closed socket).
      const { rows } = await session.query<{ pid: number }>(
        `SELECT pid, pg_terminate_backend(pid) FROM pg_locks WHERE ${heldHere}`,
        [lockClass],
      );
      const pids = rows.map((row) => row.pid);
      await poll('the held sessions ending', 10_000, async () => {
        const alive = await session.query('SELECT 1 FROM pg_stat_activity WHERE pid = ANY($1)', [
          pids,
        ]);
        return alive.rows.length === 0;
      });
      await session.query('SELECT pg_advisory_unlock_all()');
    },
    close: () => session.end(),
  };
}
