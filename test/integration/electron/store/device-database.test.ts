import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createDeviceDatabase,
  databasePath,
  openDeviceDatabase,
  setAsideOrphanDatabase,
} from '../../../../electron/store/device-database.ts';
import {
  DATABASE_FILE,
  openEncryptedDatabase,
} from '../../../../electron/store/encrypted-database.ts';
import { latestSchemaVersion } from '../../../../electron/store/migrations/index.ts';
import { recordNumberPrefix } from '../../../../electron/store/record-numbers.ts';
import { StoreError } from '../../../../electron/store/store-error.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

describe('device database', () => {
  let dir: string;
  let remove: () => Promise<void>;
  const dek = randomBytes(32);
  const dbId = randomUUID();

  beforeEach(async () => {
    ({ dir, remove } = await makeTempDir('devicedb'));
  });
  afterEach(() => remove());

  it('is created at the latest schema, stamped with its database id, and reopens', () => {
    const created = createDeviceDatabase(dir, dek, dbId, '2026-03-01T08:00:00.000Z');
    expect(created.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
    const prefix = recordNumberPrefix(created);
    created.close();
    const db = openDeviceDatabase(dir, dek, dbId);
    try {
      // Its record numbers start at 1 behind a prefix drawn once (Crockford letters), kept on
      // reopening.
      expect(prefix).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}$/);
      expect(db.prepare('SELECT key, value FROM meta ORDER BY key').all()).toEqual([
        { key: 'created_at', value: '2026-03-01T08:00:00.000Z' },
        { key: 'db_id', value: dbId },
        { key: 'record_number_next', value: '1' },
        { key: 'record_number_prefix', value: prefix },
      ]);
    } finally {
      db.close();
    }
  });

  it('refuses a database that opens with the key but belongs to another keyring', () => {
    createDeviceDatabase(dir, dek, dbId, new Date().toISOString()).close();
    let thrown: unknown;
    try {
      openDeviceDatabase(dir, dek, randomUUID()).close();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(StoreError);
    expect((thrown as StoreError).code).toBe('NOT_SALW_DATABASE');
  });

  it('refuses a database swapped in from another laptop (another data key)', async () => {
    const { dir: other, remove: removeOther } = await makeTempDir('devicedb-other');
    try {
      createDeviceDatabase(other, randomBytes(32), randomUUID(), new Date().toISOString()).close();
      createDeviceDatabase(dir, dek, dbId, new Date().toISOString()).close();
      await writeFile(databasePath(dir), await readFile(databasePath(other)));
      expect(() => openDeviceDatabase(dir, dek, dbId)).toThrow(StoreError);
    } finally {
      await removeOther();
    }
  });

  it('sets an orphaned database aside with its -wal and -shm, never deleting it', async () => {
    const db = createDeviceDatabase(dir, dek, dbId, new Date().toISOString());
    db.prepare("INSERT INTO meta (key, value) VALUES ('unsaved', 'only in the WAL')").run();
    // Still open: the -wal and -shm files exist, as after a crash.
    expect(existsSync(`${databasePath(dir)}-wal`)).toBe(true);
    const aside = await setAsideOrphanDatabase(dir, new Date('2026-03-01T08:09:10.123Z'));
    db.close();
    const name = `${DATABASE_FILE}.orphan-2026-03-01T08-09-10-123Z`;
    expect(aside).toBe(path.join(dir, name));
    expect(existsSync(databasePath(dir))).toBe(false);
    expect(await readdir(dir)).toContain(name);
    expect((await readdir(dir)).filter((file) => !file.startsWith(name))).toEqual([]);
    // Everything it held, the committed WAL content included, still opens under its old key.
    const orphan = openEncryptedDatabase(aside ?? '', dek, { create: false });
    try {
      expect(orphan.prepare("SELECT value FROM meta WHERE key = 'unsaved'").get()).toEqual({
        value: 'only in the WAL',
      });
    } finally {
      orphan.close();
    }
  });

  /** Bytes this thread has read through read()/pread() so far (Linux); SQLite reads on it. */
  function bytesReadByThisThread(): number {
    const io = readFileSync('/proc/thread-self/io', 'utf8');
    return Number(/^rchar: (\d+)$/m.exec(io)?.[1]);
  }

  // Issue 13: unlock must not grow with the data. Counted, not timed: the bytes SQLite asks the
  // file system for while the database opens, against what a full check of the same file reads.
  it.skipIf(!existsSync('/proc/thread-self/io'))(
    'opens (the unlock path) reading the header and schema, not every page (needs /proc)',
    () => {
      const created = createDeviceDatabase(dir, dek, dbId, new Date().toISOString());
      const insert = created.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
      created.transaction(() => {
        for (let i = 0; i < 3000; i += 1) insert.run(`row-${i}`, randomBytes(500).toString('hex'));
      })();
      created.close();
      const fileBytes = statSync(databasePath(dir)).size;
      expect(fileBytes).toBeGreaterThan(3_000_000);

      const before = bytesReadByThisThread();
      const db = openDeviceDatabase(dir, dek, dbId);
      const opening = bytesReadByThisThread() - before;
      try {
        // Page 1, the schema's pages, the few rows open looks at (db_id, deferred indexes):
        // a few dozen pages at most, whatever the size of the file.
        expect(opening).toBeLessThan(64 * 4096);
        // Control: the counter sees SQLite's reads. A full quick_check on the same connection
        // reads (nearly) the whole file; it is what open used to run.
        const beforeCheck = bytesReadByThisThread();
        expect(db.pragma('quick_check', { simple: true })).toBe('ok');
        expect(bytesReadByThisThread() - beforeCheck).toBeGreaterThan(fileBytes * 0.9);
      } finally {
        db.close();
      }
    },
  );

  it('has nothing to set aside in a fresh folder', async () => {
    expect(await setAsideOrphanDatabase(dir, new Date())).toBeNull();
    expect(await readdir(dir)).toEqual([]);
  });
});
