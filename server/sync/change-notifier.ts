/**
 * Tells the laptops listening on the event stream that changes were stored, so they pull now
 * instead of at their next poll. Listeners are this process's own streams; where the news goes
 * is the publisher's business: straight to them (one process: PGlite, or a lone PostgreSQL
 * server), or through PostgreSQL NOTIFY to every server process on the database
 * (pg-event-relay.ts), each of which delivers it to its own streams.
 */
export class ChangeNotifier {
  readonly #listeners = new Map<symbol, { deviceId: string; poke: () => void }>();
  #publish: (byDeviceId: string) => void = (byDeviceId) => this.deliver(byDeviceId);

  /** Returns the unsubscribe function. */
  subscribe(deviceId: string, poke: () => void): () => void {
    const key = Symbol(deviceId);
    this.#listeners.set(key, { deviceId, poke });
    return () => this.#listeners.delete(key);
  }

  /** A push was committed in this process: every process's listening laptops are told. */
  changesStored(byDeviceId: string): void {
    this.#publish(byDeviceId);
  }

  /** From now on changesStored goes through `publish` (the relay), not straight to listeners. */
  publishThrough(publish: (byDeviceId: string) => void): void {
    this.#publish = publish;
  }

  /** Every listening laptop here but the one whose push it was (it has its own answer). */
  deliver(byDeviceId: string | null): void {
    for (const { deviceId, poke } of this.#listeners.values()) {
      if (deviceId !== byDeviceId) poke();
    }
  }
}
