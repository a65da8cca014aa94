import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PullResponseSchema,
  PushResponseSchema,
  SyncErrorBodySchema,
  syncRoutes,
  type PullCursor,
  type PulledRecord,
} from '../../../../shared/sync/protocol.ts';
import { holdVersionStamps } from '../../../support/postgres-test-db.ts';
import {
  intakeDraftCreations,
  mutation,
  newRecordId,
  pushInBatches,
  request,
  syncClient,
} from '../../../support/sync-client.ts';
import {
  startSyncServer,
  syncBackends,
  type SyncServerHandle,
} from '../../../support/sync-server.ts';

describe.each(syncBackends)('pull (%s)', (backend) => {
  let server: SyncServerHandle;
  beforeAll(async () => {
    server = await startSyncServer({ backend });
  });
  afterAll(() => server.stop());

  async function pullAll(client: ReturnType<typeof syncClient>, from: PullCursor, limit: number) {
    const changes: PulledRecord[] = [];
    let cursor = from;
    for (let page = 0; page < 100; page += 1) {
      const response = PullResponseSchema.parse((await client.pull({ ...cursor, limit })).json);
      changes.push(...response.changes);
      cursor = response.next;
      if (!response.hasMore) break;
    }
    return { changes, cursor };
  }

  it('pages by (version, id) across rows sharing a version, tombstones and other devices included', async () => {
    const writer = syncClient(server.url, await server.enrollDevice('Writer'));
    const reader = syncClient(server.url, await server.enrollDevice('Reader'));
    const start = (await pullAll(reader, { afterVersion: 0, afterId: '' }, 1000)).cursor;
    const ids = Array.from({ length: 7 }, () => newRecordId());
    await writer.push(
      ids.map((id, index) =>
        mutation({
          mutationId: index + 1,
          entityId: id,
          op: 'create',
          fields: { notes: `n${index}` },
        }),
      ),
    );
    await writer.push([mutation({ mutationId: 8, entityId: ids[0]!, op: 'delete', baseRev: 1 })]);

    const { changes } = await pullAll(reader, start, 3);
    expect(changes).toHaveLength(7);
    expect(new Set(changes.map((change) => change.id))).toEqual(new Set(ids));
    const keys = changes.map((change) => [change.version, change.id] as const);
    const sorted = [...keys].sort((x, y) => x[0] - y[0] || (x[1] < y[1] ? -1 : 1));
    expect(keys).toEqual(sorted);
    const tombstone = changes.find((change) => change.id === ids[0]);
    expect(tombstone).toMatchObject({ deleted: true, data: null, serverRev: 2 });
    const live = changes.find((change) => change.id === ids[1]);
    expect(live?.data).toMatchObject({ id: ids[1], status: 'draft', revision: 1, notes: 'n1' });
    expect(live?.createdBy).toEqual({
      id: '0190a8e4-0000-7000-8000-0000000000aa',
      name: 'Ana Field',
    });
  });

  it('sends a page gzipped to a laptop that takes gzip, and as it is to one that does not', async () => {
    const writer = await server.enrollDevice('Gzip writer');
    const reader = await server.enrollDevice('Gzip reader');
    await pushInBatches(server.url, writer, intakeDraftCreations(40));
    const page = (encoding: string) =>
      fetch(`${server.url}${syncRoutes.pull}?limit=40`, {
        headers: { authorization: `Bearer ${reader.credential}`, 'accept-encoding': encoding },
      });
    const zipped = await page('gzip, deflate');
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    // What travels is the compressed page: several times smaller than the JSON it carries.
    const onTheWire = Number(zipped.headers.get('content-length'));
    const text = await zipped.text();
    expect(onTheWire).toBeLessThan(text.length / 3);
    const plain = await page('identity');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(PullResponseSchema.parse(JSON.parse(text))).toEqual(
      PullResponseSchema.parse(await plain.json()),
    );
  });

  it('reports a new epoch after new-epoch; the device, told to pull first, then pushes in the new one', async () => {
    const client = syncClient(server.url, await server.enrollDevice('Epoch laptop'));
    await client.push([
      mutation({ mutationId: 1, entityId: newRecordId(), op: 'create', fields: {} }),
    ]);
    const before = PullResponseSchema.parse((await client.pull()).json);
    const epoch = await server.newEpoch();
    expect(epoch).not.toBe(before.serverEpoch);
    const after = PullResponseSchema.parse((await client.pull()).json);
    expect(after.serverEpoch).toBe(epoch);
    const health = await request(`${server.url}${syncRoutes.health}`, {});
    expect((health.json as { serverEpoch: string }).serverEpoch).toBe(epoch);
    const stale = await client.push(
      [mutation({ mutationId: 7, entityId: newRecordId(), op: 'create', fields: {} })],
      before.serverEpoch,
    );
    expect(SyncErrorBodySchema.parse(stale.json)).toMatchObject({ error: 'EPOCH_CHANGED' });
    // Its mutation ids go on from what this server stored; a gap is said as usual.
    const gap = await client.push(
      [mutation({ mutationId: 7, entityId: newRecordId(), op: 'create', fields: {} })],
      epoch,
    );
    expect(SyncErrorBodySchema.parse(gap.json)).toMatchObject({
      error: 'MUTATION_GAP',
      expected: 2,
    });
    const push = await client.push(
      [mutation({ mutationId: 2, entityId: newRecordId(), op: 'create', fields: {} })],
      epoch,
    );
    expect(PushResponseSchema.parse(push.json)).toMatchObject({
      lastMutationId: 2,
      serverEpoch: epoch,
    });
  });

  // PostgreSQL only: PGlite has a single connection, so two pushes can never be in flight at once
  // there and the out-of-order commit this test provokes cannot happen.
  it.runIf(backend === 'postgres')(
    'never lets a puller skip a row when a slow push commits after a faster one',
    async () => {
      const slow = syncClient(server.url, await server.enrollDevice('Slow writer'));
      const fast = syncClient(server.url, await server.enrollDevice('Fast writer'));
      const reader = syncClient(server.url, await server.enrollDevice('Reader'));
      const held = newRecordId();
      await slow.push([
        mutation({ mutationId: 1, entityId: held, op: 'create', fields: { notes: 'v1' } }),
      ]);
      const start = (await pullAll(reader, { afterVersion: 0, afterId: '' }, 5000)).cursor;

      // The slow push stops after it has taken its version (stamping its record waits); the
      // fast push then waits for the version counter's row lock.
      const blocker = await holdVersionStamps(server.databaseUrl);
      try {
        const slowPush = slow.push([
          mutation({ mutationId: 2, entityId: held, baseRev: 1, fields: { notes: 'v2' } }),
        ]);
        await blocker.waitForWaiters(1);
        const fastId = newRecordId();
        const fastPush = fast.push([
          mutation({ mutationId: 1, entityId: fastId, op: 'create', fields: {} }),
        ]);
        await blocker.waitForWaiters(2);

        const during = PullResponseSchema.parse(
          (await reader.pull({ ...start, limit: 5000 })).json,
        );
        expect(during.changes).toEqual([]);
        expect(during.next).toEqual(start);

        await blocker.release();
        const [slowResult, fastResult] = await Promise.all([slowPush, fastPush]);
        const slowVersion = PushResponseSchema.parse(slowResult.json).version;
        const fastVersion = PushResponseSchema.parse(fastResult.json).version;
        expect(slowVersion).toBeLessThan(fastVersion);

        const after = await pullAll(reader, during.next, 1);
        expect(after.changes.map((change) => change.id)).toEqual([held, fastId]);
      } finally {
        await blocker.release().catch(() => undefined);
      }
    },
  );
});
