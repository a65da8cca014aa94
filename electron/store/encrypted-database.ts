import { accessSync, constants, existsSync, openSync, readSync, closeSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Logger } from '../logging/logger.ts';
import { StoreError, storeErrorFromSqlite } from './store-error.ts';

export type Db = Database.Database;

export const DATABASE_FILE = 'salw-field.db';
/**
 * 32 MiB of decrypted pages: saves into a large database touch index pages all over the file,
 * and each page that falls out of the cache costs a decryption when it comes back.
 */
export const PAGE_CACHE_KIB = 32_768;

const plainSqliteHeader = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * What open checks before anyone reads or writes: quick_check limited to the schema table reads
 * page 1 (the file header; with another key or on a file that is not ours the cipher refuses it
 * here), every page of the schema and the free-page list, and compares the page count in the
 * header with the file's length (a file cut short). Every statement depends on these, and their
 * size does not grow with the records: 2 ms at 1M weapon items, where a full quick_check takes
 * 2.5 s. It also catches damage to the header bytes the cipher leaves unauthenticated (16-23,
 * e.g. the reserved bytes per page), which reads of records do not notice but writes act on.
 * The records' pages are checked after unlock, in the background (integrity-check.ts).
 */
export const openCheck = 'quick_check(sqlite_schema)';

/**
 * Opens the device database with its raw 32-byte data key (sync-and-crypto.md 7.7), every pragma
 * set before any other statement:
 * - cipher AEGIS-256 with a raw key: no KDF on open, 0-15% over plain SQLite (4.3);
 * - WAL + synchronous=FULL: an acknowledged save survives a crash or power loss;
 * - temp_store=MEMORY: SQLite's temp files are NOT encrypted by the cipher VFS, so sorts and
 *   temp tables must never spill plaintext to disk (finding 0.2);
 * - foreign_keys, busy_timeout, a 32 MiB page cache;
 * - then a check whose cost does not grow with the data (openCheck below). The full check of
 *   every page runs after unlock, in the background (integrity-check.ts).
 */
export function openEncryptedDatabase(
  file: string,
  dek: Uint8Array,
  options: { create: boolean },
): Db {
  const exists = existsSync(file);
  if (!exists && !options.create) {
    throw new StoreError(
      'DATABASE_DAMAGED',
      `The database file ${path.basename(file)} is missing.`,
    );
  }
  assertWritableDirectory(path.dirname(file));
  if (exists) {
    // SQLite would treat an empty or cut-off file as a new database and write into it.
    if (!options.create && fileLength(file) < 512) {
      throw new StoreError('DATABASE_DAMAGED', 'The database file is truncated.');
    }
    assertNotPlainSqlite(file);
    // Otherwise SQLite opens it read-only without a word, and the first save fails instead.
    try {
      accessSync(file, constants.W_OK);
    } catch {
      throw new StoreError(
        'STORAGE_READ_ONLY',
        `The database file ${path.basename(file)} cannot be written to.`,
      );
    }
  }

  let db: Db;
  try {
    db = new Database(file, { fileMustExist: !options.create });
  } catch (error) {
    throw storeErrorFromSqlite(error) ?? error;
  }
  try {
    db.pragma("cipher = 'aegis'");
    const keyText = Buffer.from(`raw:${hexOf(dek)}`, 'latin1');
    try {
      db.key(keyText);
    } finally {
      keyText.fill(0);
    }
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('temp_store = MEMORY');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
    const check = db.pragma(openCheck, { simple: true });
    if (check !== 'ok') {
      throw new StoreError(
        'DATABASE_DAMAGED',
        `The database failed its integrity check (${String(check)}).`,
      );
    }
    return db;
  } catch (error) {
    db.close();
    if (error instanceof StoreError) throw error;
    const mapped = storeErrorFromSqlite(error);
    if (mapped?.code === 'WRONG_KEY' && exists && fileLength(file) < 512) {
      throw new StoreError('DATABASE_DAMAGED', 'The database file is truncated.', { cause: error });
    }
    throw mapped ?? error;
  }
}

function assertWritableDirectory(dir: string): void {
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new StoreError('STORAGE_READ_ONLY', `The data folder ${dir} cannot be written to.`);
  }
}

/** An unencrypted SQLite file where ours should be: someone replaced it. */
function assertNotPlainSqlite(file: string): void {
  const header = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (header.equals(plainSqliteHeader)) {
    throw new StoreError(
      'NOT_SALW_DATABASE',
      'The database file is an unencrypted SQLite file, not a SALW Field database.',
    );
  }
}

function fileLength(file: string): number {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(1024);
    return readSync(fd, buffer, 0, 1024, 0);
  } finally {
    closeSync(fd);
  }
}

/** A view, not Buffer.from(dek): a copy of the key would stay in memory, unwiped. */
function hexOf(dek: Uint8Array): string {
  return Buffer.from(dek.buffer, dek.byteOffset, dek.byteLength).toString('hex');
}

/**
 * Closes a connection leaving the database as one file at rest: the log emptied into the file
 * (TRUNCATE) before the close. Call it with no other connection open (then SQLite would also
 * delete the log at close; the truncate is what holds should a thread's connection linger).
 * Never throws: a busy or failed checkpoint leaves the log as it is, which SQLite replays at the
 * next open, so nothing is lost; the close still happens.
 */
export function closeAtRest(db: Db, log: Logger): void {
  if (!db.open) return;
  try {
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    if (result !== undefined && result.busy !== 0) log.warn('store.close_log_busy', {});
  } catch (error) {
    log.warn('store.close_checkpoint_failed', { error });
  }
  db.close();
}
