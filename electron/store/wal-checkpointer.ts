import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../logging/logger.ts';

/**
 * Copies the write-ahead log back into the database file on a thread of its own, so a save never
 * pays for it.
 *
 * Why: in WAL mode SQLite checkpoints on the connection whose commit makes the log pass
 * `wal_autocheckpoint` pages (1,000 by default). With every kind of item in its own rows, one save
 * of a record writes about 60 pages, so every 16th save copied 1,000 pages into the file and
 * synced it: 12 ms instead of 1.5 (`npm run bench:store`, save p95; the goal is under 5 ms).
 * Here a second connection, on a worker thread, runs PASSIVE checkpoints: they take no lock a
 * writer needs and copy only what every reader is done with, while the app's saves go on. The
 * main connection keeps a larger `wal_autocheckpoint` (MAIN_AUTOCHECKPOINT_PAGES) as the safety
 * net should this thread stop, and goes back to SQLite's default if it cannot run at all.
 *
 * The thread polls often while saves come (POLL_BUSY_MS) and less when none came since
 * (POLL_IDLE_MS): a checkpoint that finds nothing to copy reads a shared-memory header and returns.
 *
 * The data key reaches the thread's connection inside this process only, as with the integrity
 * check (integrity-check.ts): a copy is transferred to the thread, which zero-fills it once the
 * connection is keyed; no message from the thread carries it. The connection only checkpoints:
 * it never writes a record.
 */
export interface WalCheckpointer {
  /** Ends the thread after the checkpoint it is in; settles when it has (never rejects). */
  stop(): Promise<void>;
}

export interface WalCheckpointerOptions {
  readonly file: string;
  /** Copied; the caller keeps (and wipes) its own. Null only for a plain database (a benchmark's baseline). */
  readonly dek: Uint8Array | null;
  readonly log: Logger;
  /** Called once, on this thread, when the checkpoints cannot run (the thread failed or ended). */
  readonly onFailed?: () => void;
}

/**
 * The main connection's own checkpoint threshold while the thread runs: a safety net (40 MiB of
 * log). Saves that come back to back leave the thread no moment when the whole log is copied, so
 * the log is not restarted and grows until this threshold; at 4,096 pages one save in 70 paid for
 * a checkpoint (22-39 ms), at 10,000 one in 200 (bench:store's save loop).
 */
export const MAIN_AUTOCHECKPOINT_PAGES = 10_000;
/** SQLite's default, for when the thread cannot run. */
export const DEFAULT_AUTOCHECKPOINT_PAGES = 1000;
const POLL_BUSY_MS = 50;
const POLL_IDLE_MS = 250;

/** What the thread sends: that the driver is loaded (it may be stopped from then on), or why it failed. */
type WorkerMessage =
  { readonly type: 'loaded' } | { readonly type: 'failed'; readonly message: string };

/** As in integrity-check.ts: the driver the app itself loads. */
function driverPath(): string {
  const base = typeof __filename === 'string' ? __filename : process.argv[1];
  if (base === undefined) throw new Error('Nowhere to resolve the database driver from.');
  return createRequire(base).resolve('better-sqlite3-multiple-ciphers');
}

/**
 * A script, not a module file, for the reason integrity-check.ts gives (main.cjs is one bundle).
 * Keep the keying in step with openEncryptedDatabase (cipher, raw key).
 */
const workerScript = `
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const key = workerData.key;
let db = null;
let timer = null;
function fail(error) {
  if (timer !== null) clearTimeout(timer);
  timer = null;
  parentPort.postMessage({ type: 'failed', message: String(error && error.message || error) });
  if (db !== null && db.open) db.close();
  db = null;
}
try {
  if (process.platform === 'linux') {
    try {
      require('node:os').setPriority(10);
    } catch {}
  }
  const Database = require(workerData.driver);
  // The driver loads its native part in its first constructor, here.
  db = new Database(workerData.file, { fileMustExist: true });
  parentPort.postMessage({ type: 'loaded' });
  if (key !== null) {
    db.pragma("cipher = 'aegis'");
    const keyText = Buffer.from('raw:' + Buffer.from(key.buffer, key.byteOffset, key.byteLength).toString('hex'), 'latin1');
    try {
      db.key(keyText);
    } finally {
      keyText.fill(0);
      key.fill(0);
    }
  }
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -1024');
  let previousLog = -1;
  const checkpoint = () => {
    timer = null;
    try {
      // [{ busy, log, checkpointed }]: log is the frames in the log, which moves while saves come.
      const [result] = db.pragma('wal_checkpoint(PASSIVE)');
      const active = result.log !== previousLog;
      previousLog = result.log;
      timer = setTimeout(checkpoint, active ? ${POLL_BUSY_MS} : ${POLL_IDLE_MS});
    } catch (error) {
      fail(error);
    }
  };
  checkpoint();
} catch (error) {
  if (key !== null) key.fill(0);
  fail(error);
}
`;

export function startWalCheckpointer(options: WalCheckpointerOptions): WalCheckpointer {
  const { log } = options;
  let failed = false;
  let thread: Worker | null = null;
  const onFailed = (reason: string) => {
    if (failed) return;
    failed = true;
    log.warn('store.wal_checkpointer_stopped', { reason });
    try {
      options.onFailed?.();
    } catch (error) {
      // Runs from a thread event: a throw here would take the whole main process down.
      log.error('store.wal_checkpointer_fallback_failed', { error });
    }
  };
  const key = options.dek === null ? null : new Uint8Array(options.dek);
  try {
    thread = new Worker(workerScript, {
      eval: true,
      workerData: { driver: driverPath(), file: options.file, key },
      transferList: key === null ? [] : [key.buffer],
    });
  } catch (error) {
    key?.fill(0);
    onFailed(error instanceof Error ? error.message : String(error));
    return { stop: () => Promise.resolve() };
  }
  let stopping = false;
  let driverLoaded: () => void = () => undefined;
  const loaded = new Promise<void>((resolve) => (driverLoaded = resolve));
  thread.on('message', (message: WorkerMessage) => {
    if (message.type === 'loaded') driverLoaded();
    else onFailed(message.message);
  });
  thread.on('error', (error) => onFailed(error.message));
  const exited = new Promise<void>((resolve) =>
    thread.once('exit', () => {
      if (!stopping) onFailed('the checkpoint thread ended');
      driverLoaded();
      resolve();
    }),
  );
  return {
    async stop() {
      stopping = true;
      // As in integrity-check.ts: a thread stopped while it loads the native driver takes the
      // whole process down (N-API cannot fail an addon's registration in a terminating thread).
      // Wait for the load (or the thread's end), a few milliseconds, then stop it.
      await loaded;
      await thread.terminate().catch(() => undefined);
      await exited;
    },
  };
}
