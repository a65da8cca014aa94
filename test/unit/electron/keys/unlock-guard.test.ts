import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  delayAfterFailures,
  GUARD_FILE,
  UnlockGuard,
} from '../../../../electron/keys/unlock-guard.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

describe('delayAfterFailures', () => {
  it('gives three free attempts, then doubles from 5 s, capped at 5 minutes', () => {
    const table = Array.from({ length: 11 }, (_, failures) => delayAfterFailures(failures));
    expect(table).toEqual([0, 0, 0, 5, 10, 20, 40, 80, 160, 300, 300]);
    expect(delayAfterFailures(1_000)).toBe(300);
  });
});

describe('UnlockGuard', () => {
  let dir: string;
  let remove: () => Promise<void>;
  let clock: number;
  const now = () => clock;

  beforeEach(async () => {
    ({ dir, remove } = await makeTempDir('guard'));
    clock = Date.UTC(2026, 0, 1);
  });
  afterEach(() => remove());

  it('lets a fresh device try at once', async () => {
    expect(await new UnlockGuard(dir, now).secondsToWait()).toBe(0);
  });

  it('starts a delay on the third failure and counts down with the clock', async () => {
    const guard = new UnlockGuard(dir, now);
    expect(await guard.recordFailure()).toBe(0);
    expect(await guard.recordFailure()).toBe(0);
    expect(await guard.secondsToWait()).toBe(0);
    expect(await guard.recordFailure()).toBe(5);
    expect(await guard.secondsToWait()).toBe(5);
    clock += 4_001;
    expect(await guard.secondsToWait()).toBe(1);
    clock += 999;
    expect(await guard.secondsToWait()).toBe(0);
    expect(await guard.recordFailure()).toBe(10);
    expect(await guard.secondsToWait()).toBe(10);
  });

  it('keeps the count on disk, so a restart (a new instance) does not reset it', async () => {
    const first = new UnlockGuard(dir, now);
    for (let i = 0; i < 4; i += 1) await first.recordFailure();
    const second = new UnlockGuard(dir, now);
    expect(await second.secondsToWait()).toBe(10);
    clock += 10_000;
    expect(await second.recordFailure()).toBe(20);
    expect(await new UnlockGuard(dir, now).secondsToWait()).toBe(20);
  });

  it('resets after a success', async () => {
    const guard = new UnlockGuard(dir, now);
    for (let i = 0; i < 5; i += 1) await guard.recordFailure();
    await guard.recordSuccess();
    expect(await new UnlockGuard(dir, now).secondsToWait()).toBe(0);
    expect(await guard.recordFailure()).toBe(0);
  });

  it('does not hand out free attempts when its file is damaged or hand-edited', async () => {
    const file = path.join(dir, GUARD_FILE);
    const guard = new UnlockGuard(dir, now);
    for (const damaged of ['', '{"failures":', 'null', '{"failures":-5,"lastFailureAt":0}', '[]']) {
      await writeFile(file, damaged);
      expect(await guard.secondsToWait(), JSON.stringify(damaged)).toBeGreaterThan(0);
      // The next failure counts on from "already over the free attempts", not from zero.
      expect(await guard.recordFailure(), JSON.stringify(damaged)).toBeGreaterThan(5);
    }
  });

  it('writes its file atomically, readable only by its owner, leaving no temp file', async () => {
    const guard = new UnlockGuard(dir, now);
    await guard.recordFailure();
    expect(await readdir(dir)).toEqual([GUARD_FILE]);
    expect((await stat(path.join(dir, GUARD_FILE))).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(path.join(dir, GUARD_FILE), 'utf8'))).toEqual({
      failures: 1,
      lastFailureAt: clock,
    });
  });

  it('keeps its file owner-only even when a stale temp file with looser permissions was in the way', async () => {
    await writeFile(path.join(dir, `${GUARD_FILE}.${process.pid}.tmp`), 'stale', { mode: 0o644 });
    await new UnlockGuard(dir, now).recordFailure();
    expect((await stat(path.join(dir, GUARD_FILE))).mode & 0o777).toBe(0o600);
  });

  // Regression: failures recorded at the same time once collided on one temp file and were lost.
  it('counts every failure when failures are recorded at the same time', async () => {
    const guard = new UnlockGuard(dir, now);
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () => guard.recordFailure()),
    );
    expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
    expect(await new UnlockGuard(dir, now).secondsToWait()).toBe(delayAfterFailures(6));
  });
});
