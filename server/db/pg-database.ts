import pg from 'pg';
import type { Database, Queryable } from './database.ts';

/** PostgreSQL through a connection pool: concurrent pushes really run side by side here. */
export function openPgDatabase(connectionString: string): Database {
  // No JIT: our statements are short, index-driven OLTP whose cost estimates (recursive CTEs over
  // a push's records) cross jit_above_cost; compiling them took 540 ms of a 556 ms scope update
  // for a 500-record push, and serialised every laptop's push behind the version lock.
  const pool = new pg.Pool({ connectionString, max: 10, options: '-c jit=off' });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const query = async <T>(sql: string, params?: readonly unknown[]) => {
    const result = await pool.query(sql, params as unknown[] | undefined);
    return { rows: result.rows as T[] };
  };
  return {
    backend: 'postgres',
    query,
    async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      const tx: Queryable = {
        async query<R>(sql: string, params?: readonly unknown[]) {
          const result = await client.query(sql, params as unknown[] | undefined);
          return { rows: result.rows as R[] };
        },
      };
      let broken = false;
      try {
        await client.query('BEGIN');
        const value = await work(tx);
        await client.query('COMMIT');
        return value;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch {
          // The connection itself failed: do not hand it back to the pool.
          broken = true;
        }
        throw error;
      } finally {
        client.release(broken);
      }
    },
    async close() {
      await pool.end();
    },
  };
}
