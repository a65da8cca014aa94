import type { FastifyInstance } from 'fastify';
import { CHANGES_EVENT, EVENTS_HEARTBEAT_MS, syncRoutes } from '../../shared/sync/protocol.ts';
import type { Database } from '../db/database.ts';
import { deviceOf, requireDevice } from '../http/device-request.ts';
import type { ChangeNotifier } from '../sync/change-notifier.ts';

/**
 * GET /v1/sync/events: a server-sent event stream per enrolled laptop (sync-and-crypto.md 7.3
 * "Poke"). It carries no record data, only `changes` when another laptop's push was stored; the
 * laptop then pulls as usual, with its own cursor and credential. A heartbeat comment keeps
 * proxies from closing an idle stream and lets the laptop notice a dead one.
 */
export function eventsRoutePlugin(db: Database, notifier: ChangeNotifier) {
  return async (app: FastifyInstance): Promise<void> => {
    const open = new Set<() => void>();
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
      const heartbeat = setInterval(() => stream.write(': heartbeat\n\n'), EVENTS_HEARTBEAT_MS);
      heartbeat.unref();
      const close = () => {
        if (!open.delete(close)) return;
        clearInterval(heartbeat);
        unsubscribe();
        stream.end();
      };
      open.add(close);
      // The response closes when the laptop goes away (or the stream is ended here).
      stream.once('close', close);
    });
  };
}
