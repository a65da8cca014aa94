/**
 * Why the store refused, in words a field officer can act on; the IPC layer maps each code to a
 * typed error and the renderer to a sentence in the person's language. Nothing is half-written
 * when one of these is thrown: every write is one transaction.
 */
export const storeErrorCodes = [
  'WRONG_KEY',
  'NOT_SALW_DATABASE',
  'DATABASE_DAMAGED',
  'STORAGE_FULL',
  'STORAGE_READ_ONLY',
] as const;
export type StoreErrorCode = (typeof storeErrorCodes)[number];

export class StoreError extends Error {
  override readonly name = 'StoreError';
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** Maps SQLite's error codes (better-sqlite3 puts them on `code`) to ours; null if not ours. */
export function storeErrorFromSqlite(error: unknown): StoreError | null {
  if (typeof error !== 'object' || error === null) return null;
  const code = (error as { code?: unknown }).code;
  switch (code) {
    case 'SQLITE_FULL':
      return new StoreError(
        'STORAGE_FULL',
        'The disk is full. Nothing was saved; free some space and try again.',
        { cause: error },
      );
    case 'SQLITE_READONLY':
    case 'SQLITE_READONLY_DIRECTORY':
    case 'SQLITE_READONLY_DBMOVED':
    case 'SQLITE_CANTOPEN':
    case 'SQLITE_PERM':
      return new StoreError(
        'STORAGE_READ_ONLY',
        'The data folder cannot be written to. Nothing was saved.',
        { cause: error },
      );
    case 'SQLITE_IOERR':
    case 'SQLITE_IOERR_WRITE':
    case 'SQLITE_IOERR_FSYNC':
      return new StoreError(
        'STORAGE_FULL',
        'The disk refused the write (full or failing). Nothing was saved.',
        { cause: error },
      );
    case 'SQLITE_CORRUPT':
      return new StoreError('DATABASE_DAMAGED', 'The database file is damaged.', { cause: error });
    case 'SQLITE_NOTADB':
      return new StoreError('WRONG_KEY', 'The database could not be opened with this key.', {
        cause: error,
      });
    default:
      return null;
  }
}
