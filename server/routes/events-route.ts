import type { FastifyInstance } from 'fastify';
import { CHANGES_EVENT, EVENTS_HEARTBEAT_MS, syncRoutes } from '../../shared/sync/protocol.ts';
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
    const open = new Set<() => void>();
    const byDevice = new Map<string, Array<() => void>>();
    // Streams never end on their own: close them first, or stopping the server would wait forever.
    app.addHook('preClose', async () => {
      for (const close of open) close();
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
      const heartbeat = setInterval(() => {
        void stillEnrolled(db, device.id).then((enrolled) => {
          // The stream may have ended while the check ran: never write after its end.
          if (!open.has(close)) return;
          if (enrolled) stream.write(': heartbeat\n\n');
          else close();
        });
      }, heartbeatMs);
      heartbeat.unref();
      const close = () => {
        if (!open.delete(close)) return;
        clearInterval(heartbeat);
        unsubscribe();
        const streams = (byDevice.get(device.id) ?? []).filter((other) => other !== close);
        if (streams.length > 0) byDevice.set(device.id, streams);
        else byDevice.delete(device.id);
        stream.end();
      };
      open.add(close);
      const streams = [...(byDevice.get(device.id) ?? []), close];
      byDevice.set(device.id, streams);
      if (streams.length > MAX_EVENT_STREAMS_PER_DEVICE) streams[0]?.();
      // The response closes when the laptop goes away (or the stream is ended here).
      stream.once('close', close);
    });
  };
}

/** False once the device is revoked or gone; true if the check itself fails (try next beat). */
async function stillEnrolled(db: Database, deviceId: string): Promise<boolean> {
  try {
    const { rows } = await db.query<{ revoked_at: Date | null }>(
      'SELECT revoked_at FROM devices WHERE id = $1::uuid',
      [deviceId],
    );
    return rows[0] !== undefined && rows[0].revoked_at === null;
  } catch {
    return true;
  }
}
