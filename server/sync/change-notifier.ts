/**
 * Tells the laptops listening on the event stream that changes were stored, so they pull now
 * instead of at their next poll. In-process: a server run as several processes would relay this
 * through PostgreSQL LISTEN/NOTIFY; one process is what `npm run server` runs.
 */
export class ChangeNotifier {
  readonly #listeners = new Map<symbol, { deviceId: string; poke: () => void }>();

  /** Returns the unsubscribe function. */
  subscribe(deviceId: string, poke: () => void): () => void {
    const key = Symbol(deviceId);
    this.#listeners.set(key, { deviceId, poke });
    return () => this.#listeners.delete(key);
  }

  /** Every listening laptop but the one whose push it was (it has its own answer). */
  changesStored(byDeviceId: string): void {
    for (const { deviceId, poke } of this.#listeners.values()) {
      if (deviceId !== byDeviceId) poke();
    }
  }
}
