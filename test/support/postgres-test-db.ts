import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The shared PostgreSQL of the test machine: trust auth, database `test` (sync-plan "Environment"). */
export const postgresAdminUrl =
  process.env.SALW_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresAdminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, empty database for one test file (parallel files never share one); `drop` removes it
 * even while connections are still open.
 */
export async function createThrowawayDatabase(): Promise<{
  url: string;
  drop: () => Promise<void>;
}> {
  const name = `salw_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}

/** A held lock's session: wait until `count` sessions queue behind locks, then let them go. */
export interface LockHolder {
  waitForWaiters(count: number): Promise<void>;
  release(): Promise<void>;
}

async function holdWith(
  databaseUrl: string | undefined,
  take: (client: pg.Client) => Promise<void>,
  letGo: (client: pg.Client) => Promise<void>,
): Promise<LockHolder> {
  if (databaseUrl === undefined) throw new Error('Holding pushes needs the PostgreSQL backend.');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await take(client);
  let released: Promise<void> | undefined;
  return {
    async waitForWaiters(count) {
      for (let attempt = 0; attempt < 200; attempt += 1) {
        // Inside a transaction pg_stat_activity is a snapshot: drop it so each poll sees now.
        await client.query('SELECT pg_stat_clear_snapshot()');
        const { rows } = await client.query<{ n: string }>(
          `SELECT count(*) AS n FROM pg_stat_activity
           WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        if (Number(rows[0]?.n) >= count) return;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error(`never saw ${count} sessions waiting for a lock`);
    },
    release() {
      released ??= letGo(client).finally(() => client.end());
      return released;
    },
  };
}

/**
 * A session that keeps every push from storing its results until released: a push stops after
 * it has written its records (not yet committed), before it takes its version.
 */
export function holdPushResults(databaseUrl: string | undefined): Promise<LockHolder> {
  return holdWith(
    databaseUrl,
    async (client) => {
      await client.query('BEGIN');
      await client.query('LOCK TABLE mutation_results IN SHARE MODE');
    },
    async (client) => {
      await client.query('ROLLBACK');
    },
  );
}

const STAMP_HOLD_KEY = 4_242_001;

/**
 * A session that holds every push just after it has taken its version: stamping its records
 * with it waits (by a trigger installed here, removed on release) for an advisory lock this
 * session keeps until release, so the version lock stays taken and later pushes queue for it.
 */
export function holdVersionStamps(databaseUrl: string | undefined): Promise<LockHolder> {
  return holdWith(
    databaseUrl,
    async (client) => {
      await client.query(
        `CREATE OR REPLACE FUNCTION test_hold_version_stamp() RETURNS trigger LANGUAGE plpgsql
         AS $$ BEGIN PERFORM pg_advisory_xact_lock_shared(${STAMP_HOLD_KEY}); RETURN NEW; END $$`,
      );
      await client.query(
        `CREATE TRIGGER test_hold_version_stamp BEFORE UPDATE OF version ON records
         FOR EACH ROW EXECUTE FUNCTION test_hold_version_stamp()`,
      );
      await client.query('SELECT pg_advisory_lock($1)', [STAMP_HOLD_KEY]);
    },
    async (client) => {
      await client.query('SELECT pg_advisory_unlock($1)', [STAMP_HOLD_KEY]);
      await client.query('DROP TRIGGER test_hold_version_stamp ON records');
    },
  );
}
