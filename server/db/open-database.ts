import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { ServerConfig } from '../server-config.ts';
import type { Database } from './database.ts';
import { lockDataDir, lockHolders } from './data-dir-lock.ts';
import { migrate } from './migrate.ts';
import { openPgDatabase } from './pg-database.ts';
import { openPgliteDatabase } from './pglite-database.ts';

/**
 * PostgreSQL when DATABASE_URL is set, else PGlite under the data dir; migrated before use.
 * PGlite's directory is locked first (data-dir-lock.ts): a second process is refused before it
 * opens anything, and the lock goes with close(). `holder` names the opener in that refusal.
 */
export async function openDatabase(
  config: Pick<ServerConfig, 'databaseUrl' | 'dataDir'>,
  holder: string = lockHolders.server,
): Promise<Database> {
  let db: Database;
  if (config.databaseUrl === undefined) {
    await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
    const lock = lockDataDir(config.dataDir, holder);
    try {
      db = await openPgliteDatabase(path.join(config.dataDir, 'pglite'), () => lock.release());
    } catch (error) {
      lock.release();
      throw error;
    }
  } else {
    db = openPgDatabase(config.databaseUrl);
  }
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
