import type { FastifyInstance } from 'fastify';
import { CHANGES_EVENT, EVENTS_HEARTBEAT_MS, syncRoutes } from '../../shared/sync/protocol.ts';
import { isDeviceActive } from '../auth/devices.ts';
import type { Database } from '../db/database.ts';
import { deviceOf, requireDevice } from '../http/device-request.ts';
import type { ChangeNotifier } from '../sync/change-notifier.ts';

/** A laptop keeps one stream; a second covers a reconnect racing the old one's end. */
export const MAX_EVENT_STREAMS_PER_DEVICE = 2;

export interface EventsRouteOptions {
  /** How often an idle stream says it is alive, and the device's standing is checked again. */
  heartbeatMs?: number;
}

/**
 * GET /v1/sync/events: a server-sent event stream per enrolled laptop (sync-and-crypto.md 7.3
 * "Poke"). It carries no record data, only `changes` when another laptop's push was stored; the
 * laptop then pulls as usual, with its own cursor and credential. A heartbeat comment keeps
 * proxies from closing an idle stream and lets the laptop notice a dead one. A stream outlives
 * the request that opened it, so each heartbeat checks the device again: a revoked laptop's
 * stream ends there, and its reconnect gets 401 DEVICE_REVOKED like any other request. A laptop
 * holds at most MAX_EVENT_STREAMS_PER_DEVICE streams: a new one ends its oldest.
 */
export function eventsRoutePlugin(
  db: Database,
  notifier: ChangeNotifier,
  options: EventsRouteOptions = {},
) {
  const heartbeatMs = options.heartbeatMs ?? EVENTS_HEARTBEAT_MS;
  return async (app: FastifyInstance): Promise<void> => {
    /** Each device's open streams, oldest first, by the function that ends one. */
    const open = new Map<string, Set<() => void>>();
    // Streams never end on their own: close them first, or stopping the server would wait forever.
    app.addHook('preClose', async () => {
      for (const streams of [...open.values()]) for (const close of [...streams]) close();
    });
    requireDevice(app, db);
    app.get(syncRoutes.events, async (request, reply) => {
      const device = deviceOf(request);
      reply.hijack();
      const stream = reply.raw;
      stream.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      // The first line says the stream is open; a laptop that reconnected pulls once anyway.
      stream.write(': open\n\n');
      const unsubscribe = notifier.subscribe(device.id, () => {
        stream.write(`event: ${CHANGES_EVENT}\ndata: {}\n\n`);
      });
      const streams = open.get(device.id) ?? new Set<() => void>();
      open.set(device.id, streams);
      const heartbeat = setInterval(() => {
        // A failed check keeps the stream: the next beat asks again.
        void isDeviceActive(db, device.id)
          .catch(() => true)
          .then((active) => {
            // The stream may have ended while the check ran: never write after its end.
            if (!streams.has(close)) return;
            if (active) stream.write(': heartbeat\n\n');
            else close();
          });
      }, heartbeatMs);
      heartbeat.unref();
      const close = () => {
        if (!streams.delete(close)) return;
        if (streams.size === 0) open.delete(device.id);
        clearInterval(heartbeat);
        unsubscribe();
        stream.end();
      };
      streams.add(close);
      if (streams.size > MAX_EVENT_STREAMS_PER_DEVICE) streams.values().next().value?.();
      // The response closes when the laptop goes away (or the stream is ended here).
      stream.once('close', close);
    });
  };
}
