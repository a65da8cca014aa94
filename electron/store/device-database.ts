import { existsSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import path from 'node:path';
import { DATABASE_FILE, openEncryptedDatabase, type Db } from './encrypted-database.ts';
import { migrate } from './migrations/index.ts';
import { restoreSearchIndexes } from './search-indexes.ts';
import { StoreError } from './store-error.ts';

export function databasePath(dataDir: string): string {
  return path.join(dataDir, DATABASE_FILE);
}

/** A new, empty device database at the latest schema, stamped with the keyring's database id. */
export function createDeviceDatabase(
  dataDir: string,
  dek: Uint8Array,
  dbId: string,
  now: string,
): Db {
  const db = openEncryptedDatabase(databasePath(dataDir), dek, { create: true });
  try {
    migrate(db);
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?), (?, ?)').run(
      'db_id',
      dbId,
      'created_at',
      now,
    );
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Opens the database the keyring belongs to and brings its schema up to date. A file that opens
 * with the key but carries another database id was swapped in from elsewhere and is refused.
 */
export function openDeviceDatabase(dataDir: string, dek: Uint8Array, dbId: string): Db {
  const db = openEncryptedDatabase(databasePath(dataDir), dek, { create: false });
  try {
    // A first pull cut short (crash, lock, lost connection) left search indexes to build; before
    // the migrations, so that they always see the schema they were written against.
    restoreSearchIndexes(db);
    migrate(db);
    const stored = db.prepare("SELECT value FROM meta WHERE key = 'db_id'").get() as
      { value: string } | undefined;
    if (stored?.value !== dbId) {
      throw new StoreError(
        'NOT_SALW_DATABASE',
        'The database file does not belong to this keyring.',
      );
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * First-run set-up writes the database, then the keyring. A crash between the two leaves a
 * database no keyring can open; it is moved aside (never deleted) before set-up starts again.
 */
export async function setAsideOrphanDatabase(dataDir: string, now: Date): Promise<string | null> {
  const file = databasePath(dataDir);
  if (!existsSync(file)) return null;
  const aside = `${file}.orphan-${now.toISOString().replace(/[:.]/g, '-')}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(file + suffix)) await rename(file + suffix, aside + suffix);
  }
  return aside;
}
