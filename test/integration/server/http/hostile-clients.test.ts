import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SYNC_PROTOCOL_VERSION,
  SyncErrorBodySchema,
  syncRoutes,
  type EnrollResponse,
  type SyncErrorBody,
} from '../../../../shared/sync/protocol.ts';
import { request } from '../../../support/sync-client.ts';
import {
  startSyncServer,
  syncBackends,
  type SyncServerHandle,
} from '../../../support/sync-server.ts';

interface RawAnswer {
  status: number;
  body: SyncErrorBody;
  text: string;
  /** Milliseconds from the first byte sent to the connection's end. */
  tookMs: number;
}

/** A raw connection, as a hostile or broken client makes one: bytes in, the whole answer out. */
function connect(url: string) {
  const { port } = new URL(url);
  const socket = net.connect(Number(port), '127.0.0.1');
  let text = '';
  socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
  const started = Date.now();
  const closed = new Promise<void>((resolve) => {
    socket.on('close', () => resolve());
    socket.on('error', () => resolve());
  });
  return {
    socket,
    write: (bytes: string) => socket.write(bytes),
    isClosed: () => socket.destroyed,
    async answer(): Promise<RawAnswer> {
      await closed;
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
      const bodyText = rest.join('\r\n\r\n');
      return {
        status,
        body: SyncErrorBodySchema.parse(JSON.parse(bodyText)),
        text: bodyText,
        tookMs: Date.now() - started,
      };
    },
  };
}

async function send(url: string, bytes: string): Promise<RawAnswer> {
  const connection = connect(url);
  connection.write(bytes);
  return connection.answer();
}

function pushHeaders(device: EnrollResponse, contentLength: number): string {
  return (
    `POST ${syncRoutes.push} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${device.credential}\r\n` +
    `Content-Type: application/json\r\nContent-Length: ${String(contentLength)}\r\n\r\n`
  );
}

describe.each(syncBackends)('what a hostile or broken client gets (%s)', (backend) => {
  let server: SyncServerHandle;
  let device: EnrollResponse;
  beforeAll(async () => {
    server = await startSyncServer({
      backend,
      config: {
        headersTimeoutSeconds: 1,
        requestTimeoutSeconds: 2,
        maxConnectionsPerAddress: 6,
        maxRequestsPerDevice: 2,
      },
    });
    device = await server.enrollDevice('Fuzzing laptop');
  });
  afterAll(() => server.stop());

  it.each([
    ['a path with broken percent-encoding', 'GET /v1/records/%E0%A4%A/attachments HTTP/1.1', 400],
    ['an over-long path parameter', `GET /v1/records/${'a'.repeat(300)}/attachments HTTP/1.1`, 414],
    ['a line the HTTP parser rejects', 'GARBAGE', 400],
    ['an unknown HTTP version', 'GET /v1/health HTTP/9.9', 400],
    ['an unknown method', 'FROB /v1/health HTTP/1.1', 400],
    ['headers too large', `GET /v1/health HTTP/1.1\r\nX-Big: ${'a'.repeat(20_000)}`, 431],
    [
      'a Content-Length that is not a number',
      `POST ${syncRoutes.enroll} HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: abc`,
      400,
    ],
  ])(
    'answers %s in the protocol’s shape, without internals or the request echoed',
    async (_what, line, status) => {
      // Connection: close, so the answer ends with the connection (Fastify keeps it alive).
      const answer = await send(server.url, `${line}\r\nHost: x\r\nConnection: close\r\n\r\n`);
      expect(answer.status).toBe(status);
      expect(answer.body.error).toBe('VALIDATION_ERROR');
      expect(answer.text).not.toMatch(/FST_|statusCode|Client Error|aaaaaaaa|%E0|GARBAGE|FROB/);
    },
  );

  it('ends a request whose body comes a byte at a time with 408, in the time the server allows', async () => {
    const slow = connect(server.url);
    slow.write(pushHeaders(device, 1000));
    const drip = setInterval(() => {
      if (!slow.isClosed()) slow.write(' ');
    }, 100);
    try {
      const answer = await slow.answer();
      expect(answer.status).toBe(408);
      expect(answer.body.error).toBe('REQUEST_TIMEOUT');
      // requestTimeoutSeconds is 2; the server checks every quarter second.
      expect(answer.tookMs).toBeLessThan(4_000);
    } finally {
      clearInterval(drip);
    }
  });

  it('ends a request whose headers never finish', async () => {
    const slow = connect(server.url);
    slow.write(`GET ${syncRoutes.health} HTTP/1.1\r\nHost: x\r\n`);
    const drip = setInterval(() => {
      if (!slow.isClosed()) slow.write('X-A: b\r\n');
    }, 100);
    try {
      const answer = await slow.answer();
      expect(answer.status).toBe(408);
      expect(answer.body.error).toBe('REQUEST_TIMEOUT');
      expect(answer.tookMs).toBeLessThan(3_000);
    } finally {
      clearInterval(drip);
    }
  });

  it('lets one laptop hold only so many requests at once, and serves it again once they end', async () => {
    const held = [connect(server.url), connect(server.url)];
    for (const connection of held) connection.write(pushHeaders(device, 1000));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const third = await request(`${server.url}${syncRoutes.pull}`, {
      credential: device.credential,
    });
    expect(third.status).toBe(429);
    expect(SyncErrorBodySchema.parse(third.json)).toMatchObject({ error: 'RATE_LIMITED' });
    // Another laptop is not held back by this one.
    const other = await server.enrollDevice('Honest laptop');
    expect(
      (await request(`${server.url}${syncRoutes.pull}`, { credential: other.credential })).status,
    ).toBe(200);
    for (const connection of held) expect((await connection.answer()).status).toBe(408);
    expect(
      (await request(`${server.url}${syncRoutes.pull}`, { credential: device.credential })).status,
    ).toBe(200);
  });

  it('lets one address hold only so many connections; the next is told 429 and closed', async () => {
    const idle = Array.from({ length: 6 }, () => connect(server.url));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const refused = await send(server.url, `GET ${syncRoutes.health} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toBe('RATE_LIMITED');
    for (const connection of idle) connection.socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await request(`${server.url}${syncRoutes.health}`, {})).status).toBe(200);
  });

  it('still enrolls and syncs an honest laptop after all that', async () => {
    const code = await server.enroll('Late laptop');
    const enrolled = await request(`${server.url}${syncRoutes.enroll}`, {
      method: 'POST',
      body: JSON.stringify({ code, protocolVersion: SYNC_PROTOCOL_VERSION, appVersion: 'test' }),
    });
    expect(enrolled.status).toBe(200);
  });
});
