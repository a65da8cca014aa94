import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHANGES_EVENT,
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

  it('ends open streams when the server stops, instead of holding the stop', async () => {
    const atOffice = await listen(server, office);
    await expect.poll(() => atOffice.said()).toContain(': open');
    await server.kill();
    await atOffice.ended;
    await server.restart();
  });
});
