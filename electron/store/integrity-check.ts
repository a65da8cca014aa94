import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { DatabaseCheckStatus } from '../../shared/ipc/procedures/integrity.ts';
import type { Logger } from '../logging/logger.ts';

/**
 * The full integrity check of the device database, run after unlock on a thread of its own.
 *
 * Why not at open: `PRAGMA quick_check` reads and decrypts every page, so an unlock that ran it
 * grew with the data (2.5 s of the unlock at 1M weapon items). Opening now checks only what every
 * statement depends on (encrypted-database.ts); this check covers the rest, in the background:
 * - on a worker thread with its own READ-ONLY connection, so it never writes and never holds the
 *   main thread: in WAL mode a reader and the app's saves run side by side (the WAL only grows
 *   until the check's read ends, then the next checkpoint catches up);
 * - on Linux that thread runs at nice 10: when the CPU is short, the person's work goes first;
 * - the data key reaches that connection inside this process only: a copy is transferred (not
 *   cloned) to the thread, which zero-fills it once the connection is keyed. It never crosses
 *   IPC and is never logged; no message from the thread carries it.
 *
 * What the result means for the person is the session's decision (session.ts): damage locks
 * the data and refuses the next unlock, as the check at open used to.
 */
/** The check's status, as the integrity screen shows it (defined once, with the IPC contract). */
export type IntegrityStatus = DatabaseCheckStatus;

export interface IntegrityCheck {
  readonly status: IntegrityStatus;
  /** Settles (never rejects) once the check has ended and its thread and connection are gone. */
  readonly finished: Promise<IntegrityStatus>;
  /**
   * Ends the check at once as far as the app is concerned: the status is `stopped`, a late
   * result is dropped, onDamage is never called. The thread stops at the end of the SQLite call
   * it is in (bounded by one quick_check); the promise settles when it has.
   */
  stop(): Promise<void>;
}

export interface IntegrityCheckOptions {
  readonly file: string;
  /** Copied; the caller keeps (and wipes) its own. */
  readonly dek: Uint8Array;
  readonly log: Logger;
  /** Called once, on this thread, when the check finds damage (not when it could not run). */
  readonly onDamage: (status: Extract<IntegrityStatus, { state: 'damaged' }>) => void;
}

/** Findings kept in the status and the log line: enough to see what kind of damage it is. */
export const MAX_PROBLEMS = 20;

/** What the thread sends: that the driver is loaded, then its verdict, once. */
type WorkerMessage =
  | { readonly type: 'loaded' }
  | { readonly type: 'result'; readonly lines: string[]; readonly ms: number }
  | { readonly type: 'failed'; readonly code: string | null; readonly message: string };

/**
 * The driver file the thread loads, resolved as the app's own import of it is. main.cjs
 * (CommonJS) and Vitest define __filename; plain Node running ES modules (the preview host, the
 * benchmarks) does not, and resolves from its entry script, which lives in the project.
 * import.meta.url is not used: in main.cjs the bundler empties it, with a warning.
 */
function driverPath(): string {
  const base = typeof __filename === 'string' ? __filename : process.argv[1];
  if (base === undefined) throw new Error('Nowhere to resolve the database driver from.');
  return createRequire(base).resolve('better-sqlite3-multiple-ciphers');
}

/**
 * The thread's code, as a script rather than a module file: main.cjs is one bundle, and a worker
 * file would need a bundle of its own wired into the packaging; this needs nothing but the
 * driver, which ships unbundled. Keep the keying in step with openEncryptedDatabase (cipher,
 * raw key). temp_store=MEMORY: SQLite's temp files are not encrypted (finding 0.2).
 */
const workerScript = `
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { performance } = require('node:perf_hooks');
const key = workerData.key;
let db = null;
try {
  // Background work yields to the person's when the CPU is short. Only on Linux, where the nice
  // value belongs to the calling thread; elsewhere it would lower the whole app.
  if (process.platform === 'linux') {
    try {
      require('node:os').setPriority(10);
    } catch {}
  }
  const Database = require(workerData.driver);
  // The driver loads its native part in its first constructor, here.
  db = new Database(workerData.file, { readonly: true, fileMustExist: true });
  // Loaded: from here the thread may be stopped (see stop()).
  parentPort.postMessage({ type: 'loaded' });
  db.pragma("cipher = 'aegis'");
  const keyText = Buffer.from('raw:' + Buffer.from(key.buffer, key.byteOffset, key.byteLength).toString('hex'), 'latin1');
  try {
    db.key(keyText);
  } finally {
    keyText.fill(0);
    key.fill(0);
  }
  db.pragma('temp_store = MEMORY');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -8192');
  const started = performance.now();
  const rows = db.pragma('quick_check(' + workerData.maxProblems + ')');
  const lines = rows.flatMap((row) => String(row.quick_check).split('\\n'));
  parentPort.postMessage({ type: 'result', lines, ms: performance.now() - started });
} catch (error) {
  const code = error && typeof error.code === 'string' ? error.code : null;
  parentPort.postMessage({ type: 'failed', code, message: String(error && error.message || error) });
} finally {
  key.fill(0);
  if (db !== null && db.open) db.close();
}
`;

/**
 * SQLite's answers that mean the file is damaged: a page that fails its AEGIS tag or a broken
 * b-tree (SQLITE_CORRUPT*, SQLITE_NOTADB), or a disk that cannot deliver a page. Anything else
 * (busy, out of memory, a thread that cannot start) is no verdict on the data.
 */
function isDamage(code: string | null): boolean {
  if (code === null) return false;
  return (
    code.startsWith('SQLITE_CORRUPT') ||
    code === 'SQLITE_NOTADB' ||
    code === 'SQLITE_IOERR_READ' ||
    code === 'SQLITE_IOERR_SHORT_READ'
  );
}

/** quick_check's lines, without the "*** in database main ***" heading it puts before findings. */
function problemsIn(lines: readonly string[]): string[] {
  return lines
    .filter((line) => line !== '' && !line.startsWith('*** in database'))
    .slice(0, MAX_PROBLEMS)
    .map((line) => line.slice(0, 300));
}

export function startIntegrityCheck(options: IntegrityCheckOptions): IntegrityCheck {
  const { log } = options;
  let status: IntegrityStatus = { state: 'checking', since: new Date().toISOString() };
  let ended = false;
  let thread: Worker | null = null;
  let driverLoaded: () => void = () => undefined;
  const loaded = new Promise<void>((resolve) => (driverLoaded = resolve));
  let settle: (status: IntegrityStatus) => void = () => undefined;
  const finished = new Promise<IntegrityStatus>((resolve) => (settle = resolve));

  /** The verdict, once: later messages, errors and a stop after it change nothing. */
  const conclude = (next: IntegrityStatus): void => {
    if (ended) return;
    ended = true;
    status = next;
    if (next.state === 'ok') {
      log.info('store.integrity_check_ok', { ms: Math.round(next.ms) });
    } else if (next.state === 'damaged') {
      log.error('store.integrity_check_damaged', { problems: next.problems });
      try {
        options.onDamage(next);
      } catch (error) {
        // Runs from a thread event: a throw here would take the whole main process down.
        log.error('store.integrity_check_damage_handler_failed', { error });
      }
    } else if (next.state === 'could_not_check') {
      log.warn('store.integrity_check_could_not_run', { reason: next.reason });
    } else if (next.state === 'stopped') {
      log.info('store.integrity_check_stopped', {});
    }
  };
  const couldNotCheck = (reason: string) =>
    conclude({ state: 'could_not_check', at: new Date().toISOString(), reason });

  const check: IntegrityCheck = {
    get status() {
      return status;
    },
    finished,
    async stop() {
      conclude({ state: 'stopped', at: new Date().toISOString() });
      const running = thread;
      // A thread stopped while it loads the native driver takes the whole process down (Node's
      // N-API cannot fail an addon's registration in a terminating thread): wait for the load,
      // a few milliseconds, then stop it. Never rejects: lock() does not wait for it, so a
      // rejection would go unhandled.
      if (running !== null) {
        await loaded;
        await running.terminate().catch(() => undefined);
      }
      await finished;
    },
  };

  // A fresh buffer of its own, moved to the thread: no copy of the key is left behind here.
  const key = new Uint8Array(options.dek);
  try {
    thread = new Worker(workerScript, {
      eval: true,
      workerData: { driver: driverPath(), file: options.file, key, maxProblems: MAX_PROBLEMS },
      transferList: [key.buffer],
    });
  } catch (error) {
    key.fill(0);
    couldNotCheck(error instanceof Error ? error.message : String(error));
    settle(status);
    return check;
  }

  thread.on('message', (message: WorkerMessage) => {
    if (message.type === 'loaded') {
      driverLoaded();
      return;
    }
    const checkedAt = new Date().toISOString();
    if (message.type === 'result') {
      if (message.lines.length === 1 && message.lines[0] === 'ok') {
        conclude({ state: 'ok', checkedAt, ms: message.ms });
      } else {
        const problems = problemsIn(message.lines);
        conclude({
          state: 'damaged',
          checkedAt,
          problems: problems.length > 0 ? problems : ['quick_check gave no "ok"'],
        });
      }
    } else if (isDamage(message.code)) {
      conclude({
        state: 'damaged',
        checkedAt,
        problems: [`${message.code ?? 'SQLITE_ERROR'}: ${message.message}`.slice(0, 300)],
      });
    } else {
      couldNotCheck(message.message);
    }
  });
  thread.on('error', (error) => {
    driverLoaded();
    couldNotCheck(error.message);
  });
  thread.on('exit', () => {
    driverLoaded();
    thread = null;
    couldNotCheck('the check ended without a result');
    settle(status);
  });
  return check;
}
