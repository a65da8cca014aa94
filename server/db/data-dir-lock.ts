import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3-multiple-ciphers';

/**
 * PGlite's data directory belongs to ONE process: two PGlite instances on one directory each
 * keep their own buffers and overwrite each other's files, which corrupts it (seen: an admin
 * command's revocation lost after the server stopped, then `Aborted()`). Every process that opens
 * the directory (the server, an admin command when no server runs, the benchmark's seeding) first
 * takes this lock, and keeps it until it has closed PGlite.
 *
 * The lock is an operating-system lock (POSIX fcntl / Windows LockFileEx) that SQLite takes on a
 * small file beside the data: `BEGIN EXCLUSIVE` on a connection kept open. The operating system
 * releases it when the process ends, however it ends (kill -9 included), so a crashed server never
 * leaves a stale lock behind, unlike a pid file; and SQLite tracks locks per file within a process,
 * so a second opening in the same process is refused too.
 */
export interface DataDirLock {
  /** Who holds it (written beside the lock for the refusal message of the next one). */
  readonly holder: LockHolder;
  release(): void;
}

export interface LockHolder {
  readonly pid: number;
  /** What holds it, in the administrator's words: "the sync server", "an admin command". */
  readonly what: string;
  readonly since: string;
}

/** Who may hold the lock, in the administrator's words (the refusal names them). */
export const lockHolders = {
  server: 'the sync server',
  adminCommand: 'an admin command',
  check: 'a consistency check',
  benchmark: 'the benchmark',
  restore: 'a restore',
} as const;

export class DataDirLockedError extends Error {
  readonly code = 'DATA_DIR_LOCKED';
  readonly holder: LockHolder | null;

  constructor(dataDir: string, holder: LockHolder | null) {
    const who =
      holder === null ? 'another process' : `${holder.what} (process ${String(holder.pid)})`;
    const advice =
      holder?.what === lockHolders.server
        ? "PGlite's data belongs to one process at a time: stop that server first. Admin " +
          'commands (enroll, revoke, devices, new-epoch) reach a running server through its ' +
          'admin endpoint instead.'
        : "PGlite's data belongs to one process at a time; that one ends by itself: wait a " +
          'moment and try again.';
    super(`The server's data directory ${dataDir} is in use by ${who}. ${advice}`);
    this.holder = holder;
  }
}

const lockFileName = 'pglite.lock';
const holderFileName = 'pglite.lock-holder.json';

/**
 * Takes the lock on `dataDir` (which must exist) or throws DataDirLockedError at once, without
 * waiting and before anything of the data is touched.
 */
export function lockDataDir(dataDir: string, what: string, now: Date = new Date()): DataDirLock {
  const lockFile = path.join(dataDir, lockFileName);
  const holderFile = path.join(dataDir, holderFileName);
  const connection = new Sqlite(lockFile, { timeout: 0 });
  try {
    // No journal file beside it: the lock file never holds data.
    connection.pragma('journal_mode = MEMORY');
    connection.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    connection.close();
    if ((error as { code?: unknown }).code === 'SQLITE_BUSY') {
      throw new DataDirLockedError(dataDir, readHolder(holderFile));
    }
    throw error;
  }
  const holder: LockHolder = { pid: process.pid, what, since: now.toISOString() };
  writeFileSync(holderFile, `${JSON.stringify(holder)}\n`, { mode: 0o600 });
  held.add(connection);
  let released = false;
  return {
    holder,
    release() {
      if (released) return;
      released = true;
      rmSync(holderFile, { force: true });
      held.delete(connection);
      connection.close();
    },
  };
}

/**
 * The open lock connections: better-sqlite3 closes a connection that is garbage collected, which
 * would drop the lock while PGlite still runs; this set keeps every held one reachable.
 */
const held = new Set<Sqlite.Database>();

function readHolder(file: string): LockHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    if (typeof parsed.pid !== 'number' || typeof parsed.what !== 'string') return null;
    return { pid: parsed.pid, what: parsed.what, since: String(parsed.since ?? '') };
  } catch {
    return null;
  }
}

/** Whether a server has ever created its PGlite data here. */
export function hasPgliteData(dataDir: string): boolean {
  return existsSync(path.join(dataDir, 'pglite', 'PG_VERSION'));
}

/**
 * An admin command or check pointed at a data dir no server has used: most likely the wrong
 * SALW_SERVER_DATA_DIR (or another working folder), which must not quietly start a second, empty
 * server database that a code or a revocation then goes into.
 */
export class NoServerDataError extends Error {
  readonly code = 'NO_SERVER_DATA';

  constructor(dataDir: string) {
    super(
      `There is no server data in ${path.resolve(dataDir)}. Start the server once there, or set ` +
        'SALW_SERVER_DATA_DIR to the directory the server uses (the same for the server and its ' +
        'admin commands).',
    );
  }
}
