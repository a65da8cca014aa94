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

/**
 * A session that keeps every push from storing its results until released: a push stops after it
 * has taken its version and written its records, with the version lock held until release.
 */
export async function holdPushResults(databaseUrl: string | undefined): Promise<{
  waitForWaiters(count: number): Promise<void>;
  release(): Promise<void>;
}> {
  if (databaseUrl === undefined) throw new Error('Holding pushes needs the PostgreSQL backend.');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query('BEGIN');
  await client.query('LOCK TABLE mutation_results IN SHARE MODE');
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
      released ??= client
        .query('ROLLBACK')
        .then(() => undefined)
        .finally(() => client.end());
      return released;
    },
  };
}
