import { stat, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectToRunningServer } from '../../../../server/admin/admin-client.ts';
import { startAdminEndpoint } from '../../../../server/admin/admin-endpoint.ts';
import {
  AdminEndpointFileSchema,
  adminEndpointFileName,
  adminRoutes,
} from '../../../../server/admin/admin-protocol.ts';
import { SyncErrorBodySchema } from '../../../../shared/sync/protocol.ts';
import { request } from '../../../support/sync-client.ts';
import { startSyncServer, type SyncServerHandle } from '../../../support/sync-server.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

describe("the running server's admin endpoint", () => {
  let server: SyncServerHandle;
  let dir: Awaited<ReturnType<typeof makeTempDir>>;

  beforeAll(async () => {
    server = await startSyncServer({ backend: 'pglite' });
    dir = await makeTempDir('admin-endpoint');
  });
  afterAll(async () => {
    await server.stop();
    await dir.remove();
  });

  it('writes its address and token for the server’s user only, and removes them when it stops', async () => {
    const endpoint = await startAdminEndpoint(server.admin, dir.dir);
    const file = path.join(dir.dir, adminEndpointFileName);
    const written = AdminEndpointFileSchema.parse(JSON.parse(await readFile(file, 'utf8')));
    expect(written).toMatchObject({ url: endpoint.url, pid: process.pid });
    expect(new URL(endpoint.url).hostname).toBe('127.0.0.1');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    await endpoint.close();
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await connectToRunningServer(dir.dir)).toBeNull();
  });

  it('refuses a request without the token, or with another, in the protocol’s error shape', async () => {
    const endpoint = await startAdminEndpoint(server.admin, dir.dir);
    try {
      for (const authorization of [undefined, 'Bearer not-the-token', 'Basic abc']) {
        const refused = await request(`${endpoint.url}${adminRoutes.enroll}`, {
          method: 'POST',
          headers: authorization === undefined ? {} : { authorization },
          body: JSON.stringify({ name: 'Sneaky laptop' }),
        });
        expect(refused.status).toBe(401);
        expect(SyncErrorBodySchema.parse(refused.json).error).toBe('UNAUTHORIZED');
      }
      expect((await server.admin.devices()).devices).toEqual([]);
    } finally {
      await endpoint.close();
    }
  });

  it('carries out the commands in the server it belongs to, and says what is wrong with bad input', async () => {
    const endpoint = await startAdminEndpoint(server.admin, dir.dir);
    try {
      const admin = await connectToRunningServer(dir.dir);
      expect(admin).not.toBeNull();
      const issued = await admin!.enroll({ name: 'Team 3 laptop' });
      expect(issued.code).toMatch(/^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$/);
      const { token } = AdminEndpointFileSchema.parse(
        JSON.parse(await readFile(path.join(dir.dir, adminEndpointFileName), 'utf8')),
      );
      const nameless = await request(`${endpoint.url}${adminRoutes.enroll}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: JSON.stringify({ name: '   ' }),
      });
      expect(nameless.status).toBe(400);
      expect(SyncErrorBodySchema.parse(nameless.json)).toMatchObject({ error: 'VALIDATION_ERROR' });
      expect(await admin!.revoke('No such laptop')).toEqual({ kind: 'not_found' });
    } finally {
      await endpoint.close();
    }
  });

  it('is taken for no server at all when its file points at a port nobody answers on (a crashed server)', async () => {
    const endpoint = await startAdminEndpoint(server.admin, dir.dir);
    const file = path.join(dir.dir, adminEndpointFileName);
    const content = await readFile(file, 'utf8');
    await endpoint.close();
    await writeFile(file, content, { mode: 0o600 });
    expect(await connectToRunningServer(dir.dir)).toBeNull();
  });
});
