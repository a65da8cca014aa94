import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { Database, Queryable } from './database.ts';

/**
 * Embedded PostgreSQL (WASM) in a folder. It has one connection: PGlite runs a transaction
 * exclusively, so pushes are serialised, which is what the sync_space row lock does on PostgreSQL.
 * The directory belongs to one process: open it through openDatabase, which locks it first.
 */
export async function openPgliteDatabase(
  dataDir: string,
  afterClose: () => void = () => undefined,
): Promise<Database> {
  await mkdir(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  const query = async <T>(sql: string, params?: readonly unknown[]) => {
    const result = await db.query<T>(sql, params as unknown[] | undefined);
    return { rows: result.rows };
  };
  return {
    backend: 'pglite',
    query,
    transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
      return db.transaction((inner) =>
        work({
          async query<R>(sql: string, params?: readonly unknown[]) {
            const result = await inner.query<R>(sql, params as unknown[] | undefined);
            return { rows: result.rows };
          },
        }),
      );
    },
    async close() {
      try {
        await db.close();
      } finally {
        afterClose();
      }
    },
  };
}
