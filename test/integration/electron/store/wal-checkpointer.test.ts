import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readlinkSync, statSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../../electron/logging/logger.ts';
import {
  DATABASE_FILE,
  openEncryptedDatabase,
  type Db,
} from '../../../../electron/store/encrypted-database.ts';
import {
  startWalCheckpointer,
  type WalCheckpointer,
} from '../../../../electron/store/wal-checkpointer.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

/** Descriptors this process (any thread) holds on a file (Linux /proc); [] where it is missing. */
function openDescriptorsOf(file: string): number {
  if (!existsSync('/proc/self/fd')) return 0;
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === file;
    } catch {
      return false;
    }
  }).length;
}

async function until(condition: () => boolean, ms = 5_000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (condition()) return true;
    await sleep(20);
  }
  return condition();
}

describe('startWalCheckpointer (the log copied into the file off the main thread)', () => {
  let dir: string;
  let remove: () => Promise<void>;
  let file: string;
  let db: Db;
  const dek = randomBytes(32);
  let logLines: string[];
  const running: WalCheckpointer[] = [];

  function start(key: Uint8Array, onFailed?: () => void): WalCheckpointer {
    const checkpointer = startWalCheckpointer({
      file,
      dek: key,
      log: createLogger((line) => logLines.push(line)),
      ...(onFailed === undefined ? {} : { onFailed }),
    });
    running.push(checkpointer);
    return checkpointer;
  }

  /** 400 rows of 2 KiB in 40 saves, none of them checkpointed by the main connection. */
  function writeRows(): void {
    const insert = db.prepare('INSERT INTO notes (body) VALUES (?)');
    for (let save = 0; save < 40; save += 1) {
      db.transaction(() => {
        for (let row = 0; row < 10; row += 1) insert.run(randomBytes(1024).toString('hex'));
      })();
    }
  }

  beforeEach(async () => {
    ({ dir, remove } = await makeTempDir('salw-checkpointer-'));
    file = path.join(dir, DATABASE_FILE);
    logLines = [];
    db = openEncryptedDatabase(file, dek, { create: true });
    db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    db.pragma('wal_checkpoint(TRUNCATE)');
    // Only the thread may copy the log here.
    db.pragma('wal_autocheckpoint = 0');
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((checkpointer) => checkpointer.stop()));
    if (db.open) db.close();
    await remove();
  });

  it('copies committed saves into the database file while the main connection writes on', async () => {
    const before = statSync(file).size;
    start(dek);
    writeRows();
    // 400 rows of 2 KiB: about 800 KiB of pages that only the thread can have copied.
    expect(await until(() => statSync(file).size > before + 700 * 1024)).toBe(true);
    expect(db.prepare('SELECT count(*) FROM notes').pluck().get()).toBe(400);
    expect(db.pragma('quick_check', { simple: true })).toBe('ok');
    expect(logLines.filter((line) => line.includes('wal_checkpointer'))).toEqual([]);
  });

  it('lets go of the file when stopped', async () => {
    const checkpointer = start(dek);
    writeRows();
    expect(await until(() => openDescriptorsOf(file) >= 2)).toBe(true);
    await checkpointer.stop();
    // SQLite defers closing a descriptor while another connection of the process holds locks on
    // the file (closing it would drop that connection's POSIX locks), so the proof is that none is
    // left once the main connection closes too; a thread that kept its connection would keep one.
    db.close();
    expect(openDescriptorsOf(file)).toBe(0);
  });

  it('says so and calls back when it cannot run (a wrong key), and the data stays whole', async () => {
    let failed = 0;
    start(randomBytes(32), () => (failed += 1));
    writeRows();
    expect(await until(() => failed === 1)).toBe(true);
    const lines = logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => line.event)).toContain('store.wal_checkpointer_stopped');
    // The key never reaches a log line, in any form.
    expect(logLines.join('\n')).not.toContain(dek.toString('hex'));
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(db.prepare('SELECT count(*) FROM notes').pluck().get()).toBe(400);
    expect(db.pragma('quick_check', { simple: true })).toBe('ok');
  });
});
