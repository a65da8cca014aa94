import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeDevice } from '../../../../server/auth/devices.ts';
import { MAX_EVENT_STREAMS_PER_DEVICE } from '../../../../server/routes/events-route.ts';
import {
  CHANGES_EVENT,
  SyncErrorBodySchema,
  syncRoutes,
  type EnrollResponse,
} from '../../../../shared/sync/protocol.ts';
import { intakeDraftCreations, pushInBatches } from '../../../support/sync-client.ts';
import {
  startSyncServer,
  syncBackends,
  type SyncServerHandle,
} from '../../../support/sync-server.ts';

/** An open event stream and everything it has said so far. */
async function listen(server: SyncServerHandle, device: EnrollResponse) {
  const controller = new AbortController();
  const response = await fetch(`${server.url}${syncRoutes.events}`, {
    headers: { authorization: `Bearer ${device.credential}` },
    signal: controller.signal,
  });
  let text = '';
  const reading = (async () => {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of response.body!) text += decoder.decode(chunk, { stream: true });
    } catch {
      // Aborted by the test.
    }
  })();
  return {
    response,
    said: () => text,
    events: () => [...text.matchAll(/^event: (.+)$/gm)].map((match) => match[1]),
    ended: reading,
    close: () => controller.abort(),
  };
}

describe.each(syncBackends)('the event stream that tells laptops to pull (%s)', (backend) => {
  let server: SyncServerHandle;
  let field: EnrollResponse;
  let office: EnrollResponse;

  beforeAll(async () => {
    server = await startSyncServer({ backend });
    field = await server.enrollDevice('Field laptop');
    office = await server.enrollDevice('Office laptop');
  });
  afterAll(() => server.stop());

  it('refuses a laptop without a credential', async () => {
    const response = await fetch(`${server.url}${syncRoutes.events}`);
    expect(response.status).toBe(401);
    await response.body?.cancel();
  });

  it("says 'changes' to the other laptops when a push is stored, and not to the one that pushed", async () => {
    const atOffice = await listen(server, office);
    const inField = await listen(server, field);
    expect(atOffice.response.status).toBe(200);
    expect(atOffice.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    await expect.poll(() => atOffice.said()).toContain(': open');
    await expect.poll(() => inField.said()).toContain(': open');

    await pushInBatches(server.url, field, intakeDraftCreations(3));
    await expect.poll(() => atOffice.events()).toEqual([CHANGES_EVENT]);
    // No record data travels on the stream: the laptop pulls with its own cursor.
    expect(atOffice.said()).not.toContain('intake_event');
    expect(inField.events()).toEqual([]);
    atOffice.close();
    inField.close();
  });

  it("ends a laptop's open streams the moment an administrator revokes it, not at the next heartbeat", async () => {
    const lost = await server.enrollDevice('Stolen laptop');
    const stream = await listen(server, lost);
    await expect.poll(() => stream.said()).toContain(': open');
    // The heartbeat here is the real one (25 s): only the revocation can end the stream now.
    const result = await server.admin.revoke(lost.deviceId);
    expect(result).toMatchObject({ kind: 'revoked', streamsEnded: 1 });
    await stream.ended;
    expect(stream.said()).not.toContain(': heartbeat');
  });

  it('ends open streams when the server stops, instead of holding the stop', async () => {
    const atOffice = await listen(server, office);
    await expect.poll(() => atOffice.said()).toContain(': open');
    await server.kill();
    await atOffice.ended;
    await server.restart();
  });
});

describe.each(syncBackends)('who may keep an event stream open (%s)', (backend) => {
  let server: SyncServerHandle;

  beforeAll(async () => {
    server = await startSyncServer({ backend, eventsHeartbeatMs: 50 });
  });
  afterAll(() => server.stop());

  it("ends a revoked laptop's open stream at the next heartbeat; its reconnect is refused", async () => {
    const laptop = await server.enrollDevice('Lost laptop');
    const stream = await listen(server, laptop);
    await expect.poll(() => stream.said()).toContain(': heartbeat');
    expect(await revokeDevice(server.db, laptop.deviceId, new Date())).toMatchObject({
      kind: 'revoked',
    });
    await stream.ended;
    const again = await fetch(`${server.url}${syncRoutes.events}`, {
      headers: { authorization: `Bearer ${laptop.credential}` },
    });
    expect(again.status).toBe(401);
    expect(SyncErrorBodySchema.parse(await again.json()).error).toBe('DEVICE_REVOKED');
  });

  it(`keeps at most ${MAX_EVENT_STREAMS_PER_DEVICE} streams per laptop: a new one ends the oldest`, async () => {
    const laptop = await server.enrollDevice('Reconnecting laptop');
    const streams = [];
    for (let n = 0; n <= MAX_EVENT_STREAMS_PER_DEVICE; n += 1) {
      const stream = await listen(server, laptop);
      await expect.poll(() => stream.said()).toContain(': open');
      streams.push(stream);
    }
    await streams[0]?.ended;
    // The newer ones stay open and keep beating.
    const newest = streams.at(-1)!;
    const heard = newest.said().split(': heartbeat').length;
    await expect.poll(() => newest.said().split(': heartbeat').length).toBeGreaterThan(heard);
    for (const stream of streams.slice(1)) stream.close();
  });
});
