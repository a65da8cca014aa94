import path from 'node:path';
import type { ServerConfig } from '../server-config.ts';
import type { Database } from './database.ts';
import { migrate } from './migrate.ts';
import { openPgDatabase } from './pg-database.ts';
import { openPgliteDatabase } from './pglite-database.ts';

/** PostgreSQL when DATABASE_URL is set, else PGlite under the data dir; migrated before use. */
export async function openDatabase(
  config: Pick<ServerConfig, 'databaseUrl' | 'dataDir'>,
): Promise<Database> {
  const db =
    config.databaseUrl === undefined
      ? await openPgliteDatabase(path.join(config.dataDir, 'pglite'))
      : openPgDatabase(config.databaseUrl);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
