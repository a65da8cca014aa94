import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PullResponseSchema,
  PushResponseSchema,
  SyncErrorBodySchema,
  syncRoutes,
} from '../../../../shared/sync/protocol.ts';
import { holdPushResults } from '../../../support/postgres-test-db.ts';
import {
  intakeDraftCreations,
  mutation,
  newRecordId,
  pushInBatches,
  request,
  storedSeizure,
  syncClient,
} from '../../../support/sync-client.ts';
import {
  startSyncServer,
  syncBackends,
  type SyncServerHandle,
} from '../../../support/sync-server.ts';

describe.each(syncBackends)('push (%s)', (backend) => {
  let server: SyncServerHandle;
  beforeAll(async () => {
    server = await startSyncServer({ backend });
  });
  afterAll(() => server.stop());

  const newClient = async () => syncClient(server.url, await server.enrollDevice('Laptop'));
  const countRows = async (sql: string, params: unknown[]) =>
    Number((await server.db.query<{ n: string | number }>(sql, params)).rows[0]?.n);

  it('answers the same request twice with identical results and stores one row', async () => {
    const client = await newClient();
    const id = newRecordId();
    const batch = [
      mutation({ mutationId: 1, entityId: id, op: 'create', fields: { notes: 'first' } }),
      mutation({
        mutationId: 2,
        entityId: id,
        op: 'update',
        baseRev: 0,
        fields: { notes: 'second' },
      }),
    ];
    const first = await client.push(batch);
    const second = await client.push(batch);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    const results = (text: string) =>
      text.slice(text.indexOf('"results"'), text.indexOf('"version"'));
    expect(results(second.text)).toBe(results(first.text));
    const body = PushResponseSchema.parse(first.json);
    expect(body.lastMutationId).toBe(2);
    expect(body.results.map((result) => [result.outcome, result.serverRev])).toEqual([
      ['applied', 1],
      ['applied', 2],
    ]);
    expect(await countRows('SELECT count(*) AS n FROM records WHERE id = $1', [id])).toBe(1);
    expect(
      await countRows('SELECT count(*) AS n FROM record_history WHERE record_id = $1', [id]),
    ).toBe(2);
  });

  it("stores every change's fields in the history exactly as the laptop sent them", async () => {
    const client = await newClient();
    const [whole, emptied, edited] = [newRecordId(), newRecordId(), newRecordId()];
    // A create as the laptop sends it: the record as it will be stored, minus the server's keys.
    const asStored = storedSeizure(whole).fields;
    const batch = [
      mutation({ mutationId: 1, entityId: whole, op: 'create', fields: asStored }),
      mutation({
        mutationId: 2,
        entityId: emptied,
        op: 'create',
        fields: { ...asStored, recordingAgency: null },
      }),
      mutation({ mutationId: 3, entityId: edited, op: 'create', fields: asStored }),
      mutation({
        mutationId: 4,
        entityId: edited,
        op: 'update',
        fields: { notes: 'Under a seat' },
      }),
    ];
    const response = await client.push(batch);
    expect(PushResponseSchema.parse(response.json).results.map((r) => r.outcome)).toEqual([
      'applied',
      'applied',
      'applied',
      'applied',
    ]);
    const { rows } = await server.db.query<{ mutation_id: string | number; fields: unknown }>(
      `SELECT mutation_id, fields FROM record_history
       WHERE device_id = $1::uuid ORDER BY mutation_id`,
      [client.device.deviceId],
    );
    expect(rows.map((row) => [Number(row.mutation_id), row.fields])).toEqual(
      batch.map((sent) => [sent.mutationId, sent.fields]),
    );
  });

  it('refuses a gap with 409 MUTATION_GAP and the id it expects, committing nothing', async () => {
    const client = await newClient();
    const id = newRecordId();
    await client.push([mutation({ mutationId: 1, entityId: id, op: 'create', fields: {} })]);
    const gap = await client.push([
      mutation({ mutationId: 2, entityId: newRecordId(), op: 'create', fields: {} }),
      mutation({ mutationId: 4, entityId: newRecordId(), op: 'create', fields: {} }),
    ]);
    expect(gap.status).toBe(409);
    const body = SyncErrorBodySchema.parse(gap.json);
    expect(body).toMatchObject({ error: 'MUTATION_GAP', expected: 3 });
    const pulled = await client.pull();
    expect((pulled.json as { lastMutationId: number }).lastMutationId).toBe(1);
  });

  it('stores a rejected mutation with its reason and still applies the ones after it', async () => {
    const client = await newClient();
    const good = newRecordId();
    const response = await client.push([
      mutation({
        mutationId: 1,
        entityId: newRecordId(),
        op: 'create',
        fields: { occurredAt: 'not a date' },
      }),
      mutation({ mutationId: 2, entityId: newRecordId(), op: 'update', fields: { notes: 'x' } }),
      mutation({
        mutationId: 3,
        entityId: newRecordId(),
        entity: 'location',
        op: 'finalise',
        fields: {},
      }),
      mutation({ mutationId: 4, entityId: good, op: 'create', fields: { notes: 'kept' } }),
    ]);
    const body = PushResponseSchema.parse(response.json);
    expect(body.results.map((result) => [result.outcome, result.reason])).toEqual([
      ['rejected', 'invalid_record'],
      ['rejected', 'not_found'],
      ['rejected', 'unsupported_op'],
      ['applied', null],
    ]);
    expect(body.results[0]?.message).toMatch(/occurredAt/);
    expect(body.lastMutationId).toBe(4);
  });

  it('falls back to one savepoint per mutation when a bulk write fails, rejecting only the bad one', async () => {
    const client = await newClient();
    const ids = [newRecordId(), newRecordId(), newRecordId()];
    // PostgreSQL cannot keep a NUL character in jsonb: the bulk insert throws.
    const response = await client.push([
      mutation({ mutationId: 1, entityId: ids[0]!, op: 'create', fields: { notes: 'before' } }),
      mutation({
        mutationId: 2,
        entityId: ids[1]!,
        op: 'create',
        fields: { notes: 'bad \u0000 byte' },
      }),
      mutation({ mutationId: 3, entityId: ids[2]!, op: 'create', fields: { notes: 'after' } }),
    ]);
    expect(response.status).toBe(200);
    const body = PushResponseSchema.parse(response.json);
    expect(body.results.map((result) => result.outcome)).toEqual([
      'applied',
      'rejected',
      'applied',
    ]);
    expect(await countRows('SELECT count(*) AS n FROM records WHERE id = ANY($1)', [ids])).toBe(2);
  });

  it('shows a rejected change the state an earlier change of the same push made, at its version', async () => {
    const client = await newClient();
    const id = newRecordId();
    const response = await client.push([
      mutation({ mutationId: 1, entityId: id, op: 'create', fields: { notes: 'two rifles' } }),
      mutation({ mutationId: 2, entityId: id, baseRev: 1, fields: { notes: 'bad \u0000 byte' } }),
    ]);
    expect(response.status).toBe(200);
    const body = PushResponseSchema.parse(response.json);
    const [created, refused] = body.results;
    expect(created).toMatchObject({ outcome: 'applied', serverRev: 1 });
    expect(refused).toMatchObject({ outcome: 'rejected', reason: 'invalid_record', serverRev: 1 });
    // The state shown is the stored one, with the version a pull will give it, not a placeholder.
    expect(refused?.serverState).toMatchObject({
      id,
      version: body.version,
      data: { notes: 'two rifles' },
    });
    const page = PullResponseSchema.parse(
      (await client.pull({ afterVersion: body.version - 1, afterId: '' })).json,
    );
    expect(page.changes.find((change) => change.id === id)?.version).toBe(body.version);
  });

  it('refuses an epoch it never had, and never resets what it answered for an id already used', async () => {
    const client = await newClient();
    const id = newRecordId();
    const first = await client.push([
      mutation({ mutationId: 1, entityId: id, op: 'create', fields: { notes: 'the original' } }),
    ]);
    expect(first.status).toBe(200);
    const madeUp = await client.push(
      [mutation({ mutationId: 1, entityId: newRecordId(), op: 'create', fields: {} })],
      'an-epoch-nobody-issued',
    );
    expect(madeUp.status).toBe(400);
    expect(SyncErrorBodySchema.parse(madeUp.json)).toMatchObject({ error: 'UNKNOWN_EPOCH' });
    // Mutation 1 still answers with its stored result, and nothing else was stored.
    const replay = await client.push(
      [mutation({ mutationId: 1, entityId: id, op: 'create', fields: { notes: 'replaced?' } })],
      client.device.serverEpoch,
    );
    expect(replay.text).toBe(first.text);
    expect(
      await countRows('SELECT count(*) AS n FROM record_history WHERE record_id = $1', [id]),
    ).toBe(1);
    const { rows } = await server.db.query<{ data: { notes: string } }>(
      'SELECT data FROM records WHERE id = $1',
      [id],
    );
    expect(rows[0]?.data.notes).toBe('the original');
    // A gap is still a gap.
    const gap = await client.push(
      [mutation({ mutationId: 45, entityId: newRecordId(), op: 'create', fields: {} })],
      client.device.serverEpoch,
    );
    expect(gap.status).toBe(409);
    expect(SyncErrorBodySchema.parse(gap.json)).toMatchObject({
      error: 'MUTATION_GAP',
      expected: 2,
    });
  });

  it('tells a laptop that has not seen a restore to pull first, and applies nothing it sent', async () => {
    const client = await newClient();
    const before = client.device.serverEpoch;
    await server.newEpoch();
    const id = newRecordId();
    const stale = await client.push(
      [mutation({ mutationId: 1, entityId: id, op: 'create', fields: {} })],
      before,
    );
    expect(stale.status).toBe(409);
    expect(SyncErrorBodySchema.parse(stale.json)).toMatchObject({ error: 'EPOCH_CHANGED' });
    expect(await countRows('SELECT count(*) AS n FROM records WHERE id = $1', [id])).toBe(0);
    const { rows } = await server.db.query<{ last_mutation_id: string }>(
      'SELECT last_mutation_id FROM devices WHERE id = $1',
      [client.device.deviceId],
    );
    expect(Number(rows[0]?.last_mutation_id)).toBe(0);
  });

  it('pushes 1 200 creations in batches of 500 and pulls them all back', async () => {
    const client = await newClient();
    const creations = intakeDraftCreations(1200);
    const responses = await pushInBatches(server.url, client.device, creations);
    expect(responses.map((response) => response.results.length)).toEqual([500, 500, 200]);
    expect(
      responses.every((response) =>
        response.results.every((result) => result.outcome === 'applied'),
      ),
    ).toBe(true);
    const ids = new Set(creations.map((creation) => creation.entityId));
    const seen = new Set<string>();
    let cursor = { afterVersion: 0, afterId: '' };
    for (;;) {
      const page = (await client.pull({ ...cursor, limit: 5000 })).json as {
        changes: Array<{ id: string }>;
        next: typeof cursor;
        hasMore: boolean;
      };
      for (const change of page.changes) seen.add(change.id);
      cursor = page.next;
      if (!page.hasMore) break;
    }
    expect([...ids].every((id) => seen.has(id))).toBe(true);
  });

  // PostgreSQL only: PGlite has one connection, so two pushes are never in flight at once there.
  it.runIf(backend === 'postgres')(
    'redoes a push whose new record another laptop created meanwhile, so nothing is overwritten',
    async () => {
      const first = await newClient();
      const second = await newClient();
      const id = newRecordId();
      // Both read the record as absent; the first is held (its record inserted, not committed)
      // until released, and the second's insert waits for it.
      const blocker = await holdPushResults(server.databaseUrl);
      try {
        const create = (fields: Record<string, unknown>) => [
          mutation({ mutationId: 1, entityId: id, op: 'create', fields }),
        ];
        const firstPush = first.push(
          create({ notes: 'first laptop', recordingOfficer: 'Officer A' }),
        );
        await blocker.waitForWaiters(1);
        const secondPush = second.push(
          create({ notes: 'second laptop', recordingAgency: 'Customs' }),
        );
        await blocker.waitForWaiters(2);
        await blocker.release();
        const [firstAnswer, secondAnswer] = await Promise.all([firstPush, secondPush]);
        expect(firstAnswer.status).toBe(200);
        expect(secondAnswer.status).toBe(200);
        const [firstResult] = PushResponseSchema.parse(firstAnswer.json).results;
        const [secondResult] = PushResponseSchema.parse(secondAnswer.json).results;
        expect(firstResult?.outcome).toBe('applied');
        // The second create met the first one's record: its own field merged, the shared one is
        // a conflict the second laptop sees, and the first laptop's notes stay.
        expect(secondResult).toMatchObject({ outcome: 'conflict', conflictFields: ['notes'] });
      } finally {
        await blocker.release().catch(() => undefined);
      }
      const stored = await server.db.query<{ data: Record<string, unknown>; server_rev: number }>(
        'SELECT data, server_rev FROM records WHERE id = $1',
        [id],
      );
      expect(stored.rows).toHaveLength(1);
      expect(stored.rows[0]?.data).toMatchObject({
        notes: 'first laptop',
        recordingOfficer: 'Officer A',
        recordingAgency: 'Customs',
      });
      // The abandoned first attempt left no history behind: one row per applied change.
      expect(
        await countRows('SELECT count(*) AS n FROM record_history WHERE record_id = $1', [id]),
      ).toBe(2);
    },
  );

  it('answers bad input with a 4xx and a specific code, never a 5xx', async () => {
    const client = await newClient();
    const { credential, deviceId } = client.device;
    const post = (body: string, headers: Record<string, string> = {}) =>
      request(`${server.url}${syncRoutes.push}`, { method: 'POST', credential, body, headers });
    const cases: Array<[Promise<Awaited<ReturnType<typeof post>>>, number, string]> = [
      [post('{"deviceId":'), 400, 'VALIDATION_ERROR'],
      [post('[]'), 400, 'VALIDATION_ERROR'],
      [
        post(JSON.stringify({ deviceId, protocolVersion: 99, serverEpoch: null, mutations: [] })),
        400,
        'UNSUPPORTED_PROTOCOL',
      ],
      [
        post(JSON.stringify({ deviceId, protocolVersion: 1, serverEpoch: null, mutations: [] })),
        400,
        'VALIDATION_ERROR',
      ],
      [
        post(
          JSON.stringify({
            deviceId: crypto.randomUUID(),
            protocolVersion: 1,
            serverEpoch: null,
            mutations: [mutation({ mutationId: 1, entityId: 'x' })],
          }),
        ),
        400,
        'VALIDATION_ERROR',
      ],
      [post('x'.repeat(5 * 1024 * 1024)), 413, 'PAYLOAD_TOO_LARGE'],
      [post('hello', { 'content-type': 'text/plain' }), 400, 'VALIDATION_ERROR'],
      [post('hello', { 'content-type': 'application/xml' }), 415, 'VALIDATION_ERROR'],
      [request(`${server.url}/v1/sync/nowhere`, { credential }), 404, 'NOT_FOUND'],
      [client.pull({ limit: 0 }), 400, 'VALIDATION_ERROR'],
      [
        request(`${server.url}${syncRoutes.pull}?afterVersion=-1`, { credential }),
        400,
        'VALIDATION_ERROR',
      ],
    ];
    for (const [response, status, code] of cases) {
      const answer = await response;
      expect(answer.status, answer.text).toBe(status);
      const body = SyncErrorBodySchema.parse(answer.json);
      expect(body.error).toBe(code);
      expect(answer.text).not.toMatch(/at .*\.ts:\d+/);
    }
  });

  it('answers any JSON body with a 200 or a 4xx error body (fuzz)', async () => {
    const client = await newClient();
    const { credential, deviceId } = client.device;
    const field = fc.oneof(fc.anything(), fc.constant(undefined));
    const mutationLike = fc.record(
      {
        mutationId: fc.oneof(fc.integer({ min: -2, max: 3 }), fc.double(), fc.string()),
        entity: fc.oneof(
          fc.constantFrom('intake_event', 'location', 'campaign', 'attachment'),
          fc.string(),
        ),
        entityId: fc.oneof(fc.uuid(), fc.string({ maxLength: 120 })),
        op: fc.oneof(
          fc.constantFrom('create', 'update', 'finalise', 'amend', 'delete'),
          fc.string(),
        ),
        baseRev: fc.oneof(fc.integer({ min: -1, max: 5 }), fc.string()),
        fields: fc.oneof(
          fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), fc.jsonValue()),
          field,
        ),
        author: fc.oneof(
          fc.constant({ id: '0190a8e4-0000-7000-8000-0000000000aa', name: 'Ana' }),
          fc.anything(),
        ),
        deviceTime: fc.oneof(fc.constant('2026-03-01T10:00:00Z'), fc.string()),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(mutationLike, { maxLength: 4 }),
        fc.boolean(),
        async (mutations, right) => {
          const body = JSON.stringify({
            deviceId: right ? deviceId : 'nope',
            protocolVersion: 1,
            serverEpoch: null,
            mutations,
          });
          const response = await request(`${server.url}${syncRoutes.push}`, {
            method: 'POST',
            credential,
            body,
          });
          if (response.status === 200) {
            PushResponseSchema.parse(response.json);
          } else {
            expect(response.status).toBeGreaterThanOrEqual(400);
            expect(response.status).toBeLessThan(500);
            SyncErrorBodySchema.parse(response.json);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
