/**
 * The laptops' open event streams (GET /v1/sync/events), by device. A stream outlives the request
 * that opened it, so whatever changes a device's standing ends its streams here: revoking a laptop
 * through the admin endpoint ends them at once, the heartbeat's own check catches the rest.
 */
export class EventStreams {
  /** Each device's open streams, oldest first, by the function that ends one. */
  readonly #open = new Map<string, Set<() => void>>();
  #publishRevoked: (deviceId: string) => void = () => undefined;

  /**
   * Other server processes on the same PostgreSQL hold streams too: a revocation is also sent
   * to them (pg-event-relay.ts), each ending the laptop's streams it holds.
   */
  publishRevokedThrough(publish: (deviceId: string) => void): void {
    this.#publishRevoked = publish;
  }

  /**
   * The device was revoked: ends its streams here (returns how many) and in every other server
   * process on the database.
   */
  endEverywhere(deviceId: string): number {
    const ended = this.endFor(deviceId);
    this.#publishRevoked(deviceId);
    return ended;
  }

  /**
   * Registers a stream's end function; at most `max` per device, a newer one ending the oldest.
   * Returns the function that forgets it (false if it was already forgotten).
   */
  add(deviceId: string, end: () => void, max: number): () => boolean {
    const streams = this.#open.get(deviceId) ?? new Set<() => void>();
    this.#open.set(deviceId, streams);
    streams.add(end);
    if (streams.size > max) streams.values().next().value?.();
    return () => {
      if (!streams.delete(end)) return false;
      if (streams.size === 0 && this.#open.get(deviceId) === streams) this.#open.delete(deviceId);
      return true;
    };
  }

  has(deviceId: string, end: () => void): boolean {
    return this.#open.get(deviceId)?.has(end) ?? false;
  }

  /** Ends every open stream of the device; returns how many there were. */
  endFor(deviceId: string): number {
    const streams = [...(this.#open.get(deviceId) ?? [])];
    for (const end of streams) end();
    return streams.length;
  }

  endAll(): void {
    for (const streams of [...this.#open.values()]) for (const end of [...streams]) end();
  }
}
