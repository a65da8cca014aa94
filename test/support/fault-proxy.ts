import fc from 'fast-check';
import http from 'node:http';
import type { Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * What the proxy does with one request:
 * - pass: forward it and its answer;
 * - drop_request: close the connection before the server sees anything;
 * - drop_response: forward it, let the server answer (and commit), then close the connection
 *   instead of answering: the laptop cannot know whether it arrived. `beforeDrop` runs once the
 *   whole answer is in and before the connection closes (e.g. kill the server: it crashed after
 *   committing, before its answer left);
 * - delay: wait, then pass;
 * - cut_response: send the status and half the answer's body, then cut the connection;
 * - cut_request: send the server half the request body, then cut both sides.
 */
export type Fault =
  | { kind: 'pass' }
  | { kind: 'drop_request' }
  | { kind: 'drop_response'; beforeDrop?: () => Promise<void> }
  | { kind: 'delay'; ms: number }
  | { kind: 'cut_response' }
  | { kind: 'cut_request' };

export interface ProxiedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
}

export interface FaultProxy {
  /** http://127.0.0.1:<port>: give this to the laptops instead of the server's own URL. */
  readonly url: string;
  /** Decides each request's fate; may also act (kill the server) before answering. */
  setPolicy(policy: (request: ProxiedRequest) => Fault | Promise<Fault>): void;
  /** Everything passes (the network healed). */
  heal(): void;
  readonly stats: Record<Fault['kind'], number>;
  close(): Promise<void>;
}

/** Any one fault a field network makes, for property tests (fast-check). */
export const networkFault: fc.Arbitrary<Fault> = fc.oneof(
  fc.constant<Fault>({ kind: 'pass' }),
  fc.constant<Fault>({ kind: 'drop_request' }),
  fc.constant<Fault>({ kind: 'drop_response' }),
  fc.constant<Fault>({ kind: 'cut_response' }),
  fc.constant<Fault>({ kind: 'cut_request' }),
  fc.integer({ min: 1, max: 80 }).map((ms): Fault => ({ kind: 'delay', ms })),
);

/**
 * A loopback HTTP proxy in front of the sync server that breaks requests the ways a field network
 * does. Every request gets a fresh upstream connection, so one fault never leaks into the next.
 */
export async function startFaultProxy(target: () => string): Promise<FaultProxy> {
  let policy: (request: ProxiedRequest) => Fault | Promise<Fault> = () => ({ kind: 'pass' });
  const stats: Record<Fault['kind'], number> = {
    pass: 0,
    drop_request: 0,
    drop_response: 0,
    delay: 0,
    cut_response: 0,
    cut_request: 0,
  };
  const sockets = new Set<Socket>();

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('error', () => response.destroy());
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      void handle(request, response, body).catch(() => response.destroy());
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(
    request: http.IncomingMessage,
    response: http.ServerResponse,
    body: Buffer,
  ): Promise<void> {
    const fault = await policy({
      method: request.method ?? 'GET',
      path: request.url ?? '/',
      headers: request.headers,
      body,
    });
    stats[fault.kind] += 1;
    if (fault.kind === 'drop_request') {
      response.socket?.destroy();
      return;
    }
    if (fault.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));
    const upstream = new URL(request.url ?? '/', target());
    const headers = { ...request.headers, host: upstream.host, connection: 'close' };
    await new Promise<void>((resolve) => {
      const forward = http.request(
        upstream,
        { method: request.method, headers, agent: false },
        (answer) => {
          const parts: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => parts.push(chunk));
          answer.on('error', () => {
            response.destroy();
            resolve();
          });
          answer.on('end', () => {
            const full = Buffer.concat(parts);
            if (fault.kind === 'drop_response') {
              const drop = () => {
                response.socket?.destroy();
                resolve();
              };
              if (fault.beforeDrop === undefined) drop();
              else void fault.beforeDrop().then(drop, drop);
              return;
            }
            if (fault.kind === 'cut_response') {
              const outHeaders = { ...answer.headers };
              delete outHeaders['transfer-encoding'];
              response.writeHead(answer.statusCode ?? 502, {
                ...outHeaders,
                'content-length': String(Math.max(full.length, 2)),
              });
              response.write(full.subarray(0, Math.floor(full.length / 2)));
              setImmediate(() => response.socket?.destroy());
            } else {
              const outHeaders = { ...answer.headers };
              delete outHeaders['transfer-encoding'];
              delete outHeaders.connection;
              response.writeHead(answer.statusCode ?? 502, {
                ...outHeaders,
                'content-length': String(full.length),
              });
              response.end(full);
            }
            resolve();
          });
        },
      );
      forward.on('error', () => {
        // The server is down (killed mid-test): the laptop sees a dead connection.
        response.socket?.destroy();
        resolve();
      });
      if (fault.kind === 'cut_request') {
        forward.setHeader('content-length', String(Math.max(body.length, 2)));
        forward.write(body.subarray(0, Math.floor(body.length / 2)));
        setImmediate(() => {
          forward.destroy();
          response.socket?.destroy();
          resolve();
        });
        return;
      }
      forward.end(body);
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setPolicy(next) {
      policy = next;
    },
    heal() {
      policy = () => ({ kind: 'pass' });
    },
    stats,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
