import type { FastifyInstance } from 'fastify';
import { CHANGES_EVENT, EVENTS_HEARTBEAT_MS, syncRoutes } from '../../shared/sync/protocol.ts';
import { isDeviceActive } from '../auth/devices.ts';
import type { Database } from '../db/database.ts';
import { deviceOf, requireDevice } from '../http/device-request.ts';
import type { EventStreams } from '../http/event-streams.ts';
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
 * the request that opened it: revoking through the admin endpoint ends it at once (streams), and
 * each heartbeat checks the device again, so a laptop revoked any other way loses it there; its
 * reconnect gets 401 DEVICE_REVOKED like any other request. A laptop holds at most
 * MAX_EVENT_STREAMS_PER_DEVICE streams: a new one ends its oldest.
 */
export function eventsRoutePlugin(
  db: Database,
  notifier: ChangeNotifier,
  streams: EventStreams,
  options: EventsRouteOptions = {},
) {
  const heartbeatMs = options.heartbeatMs ?? EVENTS_HEARTBEAT_MS;
  return async (app: FastifyInstance): Promise<void> => {
    // Streams never end on their own: close them first, or stopping the server would wait forever.
    app.addHook('preClose', async () => streams.endAll());
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
      const heartbeat = setInterval(() => {
        // A failed check keeps the stream: the next beat asks again.
        void isDeviceActive(db, device.id)
          .catch(() => true)
          .then((active) => {
            // The stream may have ended while the check ran: never write after its end.
            if (!streams.has(device.id, end)) return;
            if (active) stream.write(': heartbeat\n\n');
            else end();
          });
      }, heartbeatMs);
      heartbeat.unref();
      const end = () => {
        if (!forget()) return;
        clearInterval(heartbeat);
        unsubscribe();
        stream.end();
      };
      const forget = streams.add(device.id, end, MAX_EVENT_STREAMS_PER_DEVICE);
      // The response closes when the laptop goes away (or the stream is ended here).
      stream.once('close', end);
    });
  };
}
