import { readFile, rename, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';

/**
 * Growing delays after wrong passphrases or recovery codes, counted per device (an attacker would
 * try every user) and kept on disk so restarting the app does not reset them. The Argon2id cost
 * already makes each guess slow; this makes a long run of guesses impractical on a seized laptop.
 */
const GuardSchema = z.object({ failures: z.number().int().min(0), lastFailureAt: z.number() });
type Guard = z.infer<typeof GuardSchema>;

export const GUARD_FILE = 'unlock-attempts.json';
const FREE_ATTEMPTS = 3;
const MAX_DELAY_SECONDS = 300;

/** Seconds to wait after `failures` wrong attempts: 0, 0, 0, 5, 10, 20, 40 … capped at 5 minutes. */
export function delayAfterFailures(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(5 * 2 ** (failures - FREE_ATTEMPTS), MAX_DELAY_SECONDS);
}

export class UnlockGuard {
  readonly #file: string;
  readonly #now: () => number;
  /** Read-modify-write of the file, one at a time: simultaneous guesses must all be counted. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string, now: () => number = Date.now) {
    this.#file = path.join(dataDir, GUARD_FILE);
    this.#now = now;
  }

  /** 0 when an attempt may be made now, else the whole seconds to wait. */
  async secondsToWait(): Promise<number> {
    const guard = await this.#read();
    const readyAt = guard.lastFailureAt + delayAfterFailures(guard.failures) * 1000;
    return Math.max(0, Math.ceil((readyAt - this.#now()) / 1000));
  }

  recordFailure(): Promise<number> {
    return this.#serial(async () => {
      const guard = await this.#read();
      const next = { failures: guard.failures + 1, lastFailureAt: this.#now() };
      await this.#write(next);
      return delayAfterFailures(next.failures);
    });
  }

  recordSuccess(): Promise<void> {
    return this.#serial(() => this.#write({ failures: 0, lastFailureAt: 0 }));
  }

  #serial<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(operation, operation);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  async #read(): Promise<Guard> {
    try {
      return GuardSchema.parse(JSON.parse(await readFile(this.#file, 'utf8')));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        return { failures: 0, lastFailureAt: 0 };
      // A damaged or hand-edited file must not hand out free attempts: it counts as a fresh
      // failure, written back once so that the delay runs out instead of restarting on every read.
      const reset = { failures: FREE_ATTEMPTS, lastFailureAt: this.#now() };
      await this.#write(reset);
      return reset;
    }
  }

  async #write(guard: Guard): Promise<void> {
    const temp = `${this.#file}.${process.pid}.${randomUUID()}.tmp`;
    await writeFile(temp, JSON.stringify(guard), { mode: 0o600, flag: 'wx' });
    await rename(temp, this.#file);
  }
}
