import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { amcheck } from '@electric-sql/pglite/contrib/amcheck';
import { hasPgliteData, lockDataDir, lockHolders, NoServerDataError } from './data-dir-lock.ts';

export interface ConsistencyReport {
  readonly indexes: number;
  readonly tables: number;
  /** Each problem amcheck found, "<relation>: <message>"; empty when the data is consistent. */
  readonly problems: readonly string[];
}

/**
 * PostgreSQL's own consistency check (amcheck) over every table and B-tree index of the server's
 * PGlite data: heap pages, tuples and TOAST (verify_heapam), index structure and that every row
 * is in its indexes (bt_index_check with heapallindexed). Run with the server stopped: it takes
 * the data-dir lock like any other opener.
 */
export async function checkPgliteConsistency(dataDir: string): Promise<ConsistencyReport> {
  if (!hasPgliteData(dataDir)) throw new NoServerDataError(dataDir);
  const lock = lockDataDir(dataDir, lockHolders.check);
  try {
    const db = await PGlite.create(path.join(dataDir, 'pglite'), { extensions: { amcheck } });
    try {
      await db.exec('CREATE EXTENSION IF NOT EXISTS amcheck');
      const problems: string[] = [];
      const tables = await db.query<{ oid: number; name: string }>(
        `SELECT c.oid, c.relname AS name FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relkind = 'r' AND n.nspname = 'public' ORDER BY c.relname`,
      );
      for (const table of tables.rows) {
        const found = await db.query<{ blkno: number | null; msg: string }>(
          'SELECT blkno, msg FROM verify_heapam($1::regclass, check_toast => true)',
          [table.oid],
        );
        for (const row of found.rows) {
          problems.push(`${table.name}: ${row.msg} (block ${String(row.blkno)})`);
        }
      }
      const indexes = await db.query<{ oid: number; name: string }>(
        `SELECT c.oid, c.relname AS name FROM pg_index i
         JOIN pg_class c ON c.oid = i.indexrelid
         JOIN pg_am a ON a.oid = c.relam
         JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE a.amname = 'btree' AND n.nspname = 'public' ORDER BY c.relname`,
      );
      for (const index of indexes.rows) {
        try {
          await db.query('SELECT bt_index_check($1::regclass, true)', [index.oid]);
        } catch (error) {
          problems.push(`${index.name}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      return { indexes: indexes.rows.length, tables: tables.rows.length, problems };
    } finally {
      await db.close();
    }
  } finally {
    lock.release();
  }
}
