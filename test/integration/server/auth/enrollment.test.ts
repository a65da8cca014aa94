import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EnrollResponseSchema,
  SYNC_PROTOCOL_VERSION,
  SyncErrorBodySchema,
  syncRoutes,
} from '../../../../shared/sync/protocol.ts';
import { request, syncClient } from '../../../support/sync-client.ts';
import {
  startSyncServer,
  syncBackends,
  type SyncServerHandle,
} from '../../../support/sync-server.ts';

describe.each(syncBackends)('enrollment and device auth (%s)', (backend) => {
  let now = new Date('2026-03-01T10:00:00.000Z');
  let server: SyncServerHandle;

  beforeAll(async () => {
    server = await startSyncServer({ backend, clock: () => now, enrollRateLimitPerMinute: 1000 });
  });
  afterAll(() => server.stop());

  const enroll = (code: string, enrollmentKey?: string) =>
    request(`${server.url}${syncRoutes.enroll}`, {
      method: 'POST',
      body: JSON.stringify({
        code,
        protocolVersion: SYNC_PROTOCOL_VERSION,
        appVersion: '0.1.0',
        enrollmentKey,
      }),
    });
  const laptopKey = (n: number) => Buffer.alloc(32, n).toString('base64url');
  const deviceCount = async (name: string) =>
    Number(
      (
        await server.db.query<{ n: string | number }>(
          'SELECT count(*) AS n FROM devices WHERE name = $1',
          [name],
        )
      ).rows[0]?.n,
    );

  it('gives a laptop whose answer was lost the same device when it asks again with its key', async () => {
    const code = await server.enroll('Bad link laptop');
    const first = EnrollResponseSchema.parse((await enroll(code, laptopKey(1))).json);
    // The answer never reached the laptop; it asks again with the same code and key.
    const again = await enroll(code, laptopKey(1));
    expect(again.status).toBe(200);
    const second = EnrollResponseSchema.parse(again.json);
    expect(second).toMatchObject({ deviceId: first.deviceId, deviceName: 'Bad link laptop' });
    expect(await deviceCount('Bad link laptop')).toBe(1);
    // Only the newest credential works: the lost one, which nobody holds, is void.
    expect(second.credential).not.toBe(first.credential);
    expect((await syncClient(server.url, first).pull()).status).toBe(401);
    expect((await syncClient(server.url, second).pull()).status).toBe(200);

    // Once the device has been used, the code is spent for good, even with the key.
    const afterUse = await enroll(code, laptopKey(1));
    expect(SyncErrorBodySchema.parse(afterUse.json).error).toBe('ENROLLMENT_CODE_INVALID');
    expect(await deviceCount('Bad link laptop')).toBe(1);
  });

  it('gives another laptop with the same code nothing, and no retry without a key or after expiry', async () => {
    const code = await server.enroll('Contested laptop');
    expect((await enroll(code, laptopKey(2))).status).toBe(200);
    const other = await enroll(code, laptopKey(3));
    expect(SyncErrorBodySchema.parse(other.json).error).toBe('ENROLLMENT_CODE_INVALID');
    const keyless = await enroll(code);
    expect(SyncErrorBodySchema.parse(keyless.json).error).toBe('ENROLLMENT_CODE_INVALID');

    const revokedCode = await server.enroll('Revoked before retry');
    const revoked = EnrollResponseSchema.parse((await enroll(revokedCode, laptopKey(4))).json);
    await server.revoke(revoked.deviceId);
    const afterRevoke = await enroll(revokedCode, laptopKey(4));
    expect(SyncErrorBodySchema.parse(afterRevoke.json).error).toBe('ENROLLMENT_CODE_INVALID');

    const lateCode = await server.enroll('Slow laptop');
    expect((await enroll(lateCode, laptopKey(5))).status).toBe(200);
    now = new Date(now.getTime() + 31 * 60_000);
    const late = await enroll(lateCode, laptopKey(5));
    expect(SyncErrorBodySchema.parse(late.json).error).toBe('ENROLLMENT_CODE_INVALID');
    expect(await deviceCount('Slow laptop')).toBe(1);
  });

  it('turns a printed code into a device credential, once', async () => {
    const code = await server.enroll('Team 3 laptop');
    expect(code).toMatch(/^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$/);
    // Typed from paper: lower case and spaces instead of dashes still work.
    const first = await enroll(code.toLowerCase().replaceAll('-', ' '));
    expect(first.status).toBe(200);
    const device = EnrollResponseSchema.parse(first.json);
    expect(device.deviceName).toBe('Team 3 laptop');

    const again = await enroll(code);
    expect(again.status).toBe(400);
    expect(SyncErrorBodySchema.parse(again.json).error).toBe('ENROLLMENT_CODE_INVALID');

    const health = await request(`${server.url}${syncRoutes.health}`, {});
    expect(health.json).toMatchObject({ status: 'ok', serverEpoch: device.serverEpoch });
  });

  it('refuses a code after 30 minutes with the same answer as an unknown one', async () => {
    const code = await server.enroll('Late laptop');
    now = new Date(now.getTime() + 31 * 60_000);
    const late = await enroll(code);
    const unknown = await enroll('AAAA-BBBB-CCCC');
    expect(late.status).toBe(400);
    expect(late.json).toEqual(unknown.json);
    expect(SyncErrorBodySchema.parse(late.json).error).toBe('ENROLLMENT_CODE_INVALID');
  });

  it('keeps only hashes of codes and credentials', async () => {
    const code = await server.enroll('Hash check');
    const device = EnrollResponseSchema.parse((await enroll(code)).json);
    const codes = await server.db.query<{ row: string }>(
      'SELECT row_to_json(c)::text AS row FROM enrollment_codes c',
    );
    const devices = await server.db.query<{ row: string }>(
      'SELECT row_to_json(d)::text AS row FROM devices d',
    );
    const stored = [...codes.rows, ...devices.rows].map((row) => row.row).join('\n');
    expect(stored).not.toContain(code.replaceAll('-', ''));
    expect(stored).not.toContain(device.credential);
    expect(stored).not.toContain(device.credential.slice(8, 40));
  });

  it('answers a revoked device 401 DEVICE_REVOKED on every route, an unknown one UNAUTHORIZED', async () => {
    const device = await server.enrollDevice('To be revoked');
    const client = syncClient(server.url, device);
    expect((await client.pull()).status).toBe(200);
    await server.revoke(device.deviceId);

    const credential = device.credential;
    const sha = 'a'.repeat(64);
    const attempts = [
      client.pull(),
      client.push([]),
      request(`${server.url}${syncRoutes.push}`, { method: 'POST', credential, body: '{not json' }),
      request(`${server.url}${syncRoutes.files}`, { method: 'POST', credential }),
      request(`${server.url}${syncRoutes.fileBySha256(sha)}`, { method: 'HEAD', credential }),
      request(`${server.url}${syncRoutes.recordAttachments('x')}`, { credential }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(401);
      if (response.json !== undefined) {
        expect(SyncErrorBodySchema.parse(response.json).error).toBe('DEVICE_REVOKED');
      }
    }
    const unknown = await request(`${server.url}${syncRoutes.pull}`, {
      credential: 'salwdev_nope',
    });
    expect(unknown.status).toBe(401);
    expect(SyncErrorBodySchema.parse(unknown.json).error).toBe('UNAUTHORIZED');
    const none = await request(`${server.url}${syncRoutes.pull}`, {});
    expect(SyncErrorBodySchema.parse(none.json).error).toBe('UNAUTHORIZED');
  });
});

describe('enrollment rate limit', () => {
  it('answers 429 RATE_LIMITED with a wait after too many attempts from one address', async () => {
    const server = await startSyncServer({ backend: 'pglite', enrollRateLimitPerMinute: 3 });
    try {
      const statuses: number[] = [];
      let last: unknown;
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const response = await request(`${server.url}${syncRoutes.enroll}`, {
          method: 'POST',
          body: JSON.stringify({ code: 'AAAA-BBBB-CCCC', protocolVersion: 1, appVersion: '1' }),
        });
        statuses.push(response.status);
        last = response.json;
      }
      expect(statuses).toEqual([400, 400, 400, 429, 429]);
      const body = SyncErrorBodySchema.parse(last);
      expect(body.error).toBe('RATE_LIMITED');
      expect(body.retryAfterSeconds).toBeGreaterThan(0);
    } finally {
      await server.stop();
    }
  });
});
