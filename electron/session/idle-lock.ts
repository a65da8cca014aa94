import type { Session } from './session.ts';

/**
 * Locks the session after the idle time set in Settings: the data key is wiped and the database
 * closed, so a laptop left open at a checkpoint stops being readable. Activity is whatever the
 * renderer reports (typing, clicking) plus every call it makes.
 */
export class IdleLock {
  readonly #session: Session;
  readonly #minutes: () => number;
  readonly #now: () => number;
  #lastActivity: number;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(session: Session, minutes: () => number, now: () => number = Date.now) {
    this.#session = session;
    this.#minutes = minutes;
    this.#now = now;
    this.#lastActivity = now();
  }

  touch(): void {
    this.#lastActivity = this.#now();
  }

  /** Checks twice a minute; exported for tests that drive the clock. */
  check(): boolean {
    if (this.#session.state.kind !== 'unlocked') return false;
    if (this.#now() - this.#lastActivity < this.#minutes() * 60_000) return false;
    void this.#session.lock('idle');
    return true;
  }

  start(intervalMs = 30_000): void {
    this.stop();
    this.#timer = setInterval(() => this.check(), intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
