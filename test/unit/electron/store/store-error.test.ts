import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import {
  StoreError,
  storeErrorCodes,
  storeErrorFromSqlite,
  type StoreErrorCode,
} from '../../../../electron/store/store-error.ts';
import { ipcErrorCodes } from '../../../../shared/ipc/errors.ts';

const sqliteError = (code: string) => Object.assign(new Error(`sqlite said ${code}`), { code });

describe('storeErrorFromSqlite', () => {
  const table: Array<[string, StoreErrorCode]> = [
    ['SQLITE_FULL', 'STORAGE_FULL'],
    ['SQLITE_IOERR', 'STORAGE_FULL'],
    ['SQLITE_IOERR_WRITE', 'STORAGE_FULL'],
    ['SQLITE_IOERR_FSYNC', 'STORAGE_FULL'],
    ['SQLITE_READONLY', 'STORAGE_READ_ONLY'],
    ['SQLITE_READONLY_DIRECTORY', 'STORAGE_READ_ONLY'],
    ['SQLITE_READONLY_DBMOVED', 'STORAGE_READ_ONLY'],
    ['SQLITE_CANTOPEN', 'STORAGE_READ_ONLY'],
    ['SQLITE_PERM', 'STORAGE_READ_ONLY'],
    ['SQLITE_CORRUPT', 'DATABASE_DAMAGED'],
    ['SQLITE_NOTADB', 'WRONG_KEY'],
  ];

  it.each(table)('maps %s to %s, keeping the original as the cause', (sqlite, ours) => {
    const original = sqliteError(sqlite);
    const mapped = storeErrorFromSqlite(original);
    expect(mapped).toBeInstanceOf(StoreError);
    expect(mapped?.code).toBe(ours);
    expect(mapped?.cause).toBe(original);
    expect(mapped?.message).not.toContain(sqlite);
  });

  it('returns null for errors that are not about the store (constraints, bugs)', () => {
    for (const code of ['SQLITE_CONSTRAINT_PRIMARYKEY', 'SQLITE_ERROR', 'SQLITE_BUSY', 'EACCES']) {
      expect(storeErrorFromSqlite(sqliteError(code)), code).toBeNull();
    }
    expect(storeErrorFromSqlite(new Error('no code'))).toBeNull();
    expect(storeErrorFromSqlite('a string')).toBeNull();
  });

  // Regression (a bug found by this test, since fixed in the working tree): the mapper read
  // `.code` off whatever it was given, so a handler that threw null or undefined crashed the
  // dispatcher's error path (electron/ipc/dispatcher.ts passes every thrown value here).
  it('returns null, not a TypeError, for a thrown null or undefined', () => {
    expect(storeErrorFromSqlite(null)).toBeNull();
    expect(storeErrorFromSqlite(undefined)).toBeNull();
  });

  it('maps a real SqliteError by its code', () => {
    const db = new Database(':memory:');
    try {
      db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY)');
      db.exec('INSERT INTO t VALUES (1)');
      let thrown: unknown;
      try {
        db.exec('INSERT INTO t VALUES (1)');
      } catch (error) {
        thrown = error;
      }
      expect((thrown as { code?: string }).code).toBe('SQLITE_CONSTRAINT_PRIMARYKEY');
      expect(storeErrorFromSqlite(thrown)).toBeNull();
    } finally {
      db.close();
    }
  });

  it('uses only codes the IPC layer knows, so every store failure reaches the renderer typed', () => {
    for (const code of storeErrorCodes) expect(ipcErrorCodes).toContain(code);
  });
});
