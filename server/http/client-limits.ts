import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { syncRoutes, type SyncErrorBody } from '../../shared/sync/protocol.ts';
import { SyncHttpError } from './sync-http-error.ts';

/** A raw HTTP/1.1 answer in the protocol's error shape, for a socket Fastify never saw a request on. */
export function rawErrorResponse(status: number, reason: string, body: SyncErrorBody): string {
  const json = JSON.stringify(body);
  return (
    `HTTP/1.1 ${String(status)} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
    `Content-Length: ${String(Buffer.byteLength(json))}\r\nConnection: close\r\n\r\n${json}`
  );
}

/**
 * At most `max` open connections per client address (0: no limit); the next one is told 429 and
 * closed before anything of it is read. Bounds what one address can hold with slow requests,
 * whose time the server's header and request timeouts bound in turn.
 */
export function limitConnectionsPerAddress(server: Server, max: number): void {
  if (max === 0) return;
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const count = (open.get(address) ?? 0) + 1;
    if (count > max) {
      socket.end(
        rawErrorResponse(429, 'Too Many Requests', {
          error: 'RATE_LIMITED',
          message: 'Too many open connections from this address; close some and try again.',
          retryAfterSeconds: 5,
        }),
      );
      socket.destroySoon();
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left === 0) open.delete(address);
      else open.set(address, left);
    });
  });
}

/**
 * At most `max` requests of one enrolled laptop in progress at once, counted from before their
 * body is read until their response is done; the next is answered 429 without reading its body.
 * The event stream is long-lived by design and limited on its own (events-route.ts). Runs as a
 * preParsing hook at the root, after the routes' own onRequest hooks have authenticated.
 */
export function limitRequestsPerDevice(app: FastifyInstance, max: number): void {
  const inProgress = new Map<string, number>();
  app.addHook('preParsing', async (request, reply) => {
    const deviceId = (request as { device?: { id: string } | null }).device?.id;
    if (deviceId === undefined || request.routeOptions.url === syncRoutes.events) return;
    const count = (inProgress.get(deviceId) ?? 0) + 1;
    if (count > max) {
      throw new SyncHttpError(
        429,
        'RATE_LIMITED',
        'This laptop has too many requests in progress; wait for them to finish.',
        { retryAfterSeconds: 5 },
      );
    }
    inProgress.set(deviceId, count);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      const left = (inProgress.get(deviceId) ?? 1) - 1;
      if (left === 0) inProgress.delete(deviceId);
      else inProgress.set(deviceId, left);
    };
    reply.raw.once('close', finish);
    reply.raw.once('finish', finish);
  });
}
