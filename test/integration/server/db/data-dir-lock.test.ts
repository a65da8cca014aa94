import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from '../../../../server/db/data-dir-lock.ts';
import { openDatabase } from '../../../../server/db/open-database.ts';
import { projectDir } from '../../../support/project.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

/** A child process that takes the lock, says so, and holds it until killed. */
function holdInChild(dir: string) {
  const child = spawn(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import { lockDataDir } from './server/db/data-dir-lock.ts';
       const lock = lockDataDir(${JSON.stringify(dir)}, 'a test holder');
       console.log('held');
       setInterval(() => lock.holder, 1000);`,
    ],
    { cwd: projectDir, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const held = new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  return { child, held };
}

describe('the PGlite data directory lock', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeEach(async () => {
    temp = await makeTempDir('data-dir-lock');
  });
  afterEach(() => temp.remove());

  it('refuses a second holder in the same process, says who holds it, and is free once released', () => {
    const first = lockDataDir(temp.dir, 'the sync server');
    try {
      lockDataDir(temp.dir, 'an admin command');
      expect.unreachable('a second lock was taken');
    } catch (error) {
      expect(error).toBeInstanceOf(DataDirLockedError);
      const refusal = error as DataDirLockedError;
      expect(refusal.holder).toMatchObject({ pid: process.pid, what: 'the sync server' });
      expect(refusal.message).toContain(`in use by the sync server (process ${process.pid})`);
    }
    // The refused attempt closed its own connection without dropping the first one's lock.
    expect(() => lockDataDir(temp.dir, 'an admin command')).toThrow(DataDirLockedError);
    first.release();
    lockDataDir(temp.dir, 'an admin command').release();
  });

  it('is refused while another process holds it, and free as soon as that process is killed (kill -9)', async () => {
    const { child, held } = holdInChild(temp.dir);
    await held;
    try {
      expect(() => lockDataDir(temp.dir, 'the sync server')).toThrow(
        `in use by a test holder (process ${child.pid})`,
      );
    } finally {
      child.kill('SIGKILL');
      await once(child, 'close');
    }
    // No stale lock: the operating system released it with the process.
    lockDataDir(temp.dir, 'the sync server').release();
  });

  it('is taken by openDatabase before PGlite opens, and given back by close()', async () => {
    const config = { dataDir: temp.dir, databaseUrl: undefined };
    const db = await openDatabase(config);
    await expect(openDatabase(config, 'an admin command')).rejects.toThrow(DataDirLockedError);
    await db.close();
    const again = await openDatabase(config, 'an admin command');
    await again.close();
  });
});
