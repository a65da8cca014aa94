import { stat, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectToRunningServer } from '../../../../server/admin/admin-client.ts';
import { startAdminEndpoint } from '../../../../server/admin/admin-endpoint.ts';
import { listAudit } from '../../../../server/console/console-audit.ts';
import {
  AdminEndpointFileSchema,
  adminEndpointFileName,
  adminRoutes,
} from '../../../../server/admin/admin-protocol.ts';
import { SyncErrorBodySchema, syncRoutes } from '../../../../shared/sync/protocol.ts';
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

  it('carries out decisions about people through the running server, and refuses a role it does not know', async () => {
    const laptop = await server.enrollDevice('People laptop');
    const person = {
      id: '0190a8e4-0000-7000-8000-00000000e001',
      name: 'Jelena Endpoint',
      role: 'field_officer',
      createdAt: '2026-12-01T08:00:00.000Z',
    };
    const reported = await request(`${server.url}${syncRoutes.people}`, {
      method: 'POST',
      credential: laptop.credential,
      body: JSON.stringify({ people: [person] }),
    });
    expect(reported.status).toBe(200);
    const endpoint = await startAdminEndpoint(server.admin, dir.dir);
    try {
      const admin = (await connectToRunningServer(dir.dir))!;
      expect((await admin.people()).people.map((p) => p.name)).toContain('Jelena Endpoint');
      expect(await admin.setPersonRole('Jelena Endpoint', 'team_lead')).toMatchObject({
        kind: 'changed',
        person: { role: 'team_lead', roleSetBy: 'centre' },
      });
      expect((await admin.deactivatePerson(person.id)).kind).toBe('changed');
      expect((await admin.reactivatePerson(person.id)).kind).toBe('changed');
      expect((await admin.personChanges(person.id)).changes.map((c) => c.change)).toEqual([
        'reactivated',
        'deactivated',
        'role',
      ]);
      // The console's audit log has them too, as the command line's.
      expect(
        (await listAudit(server.db, { limit: 3 })).map(({ action, target, byCommandLine }) => ({
          action,
          target,
          byCommandLine,
        })),
      ).toEqual([
        { action: 'person.reactivated', target: 'Jelena Endpoint', byCommandLine: true },
        { action: 'person.deactivated', target: 'Jelena Endpoint', byCommandLine: true },
        { action: 'person.role_changed', target: 'Jelena Endpoint', byCommandLine: true },
      ]);
      const { token } = AdminEndpointFileSchema.parse(
        JSON.parse(await readFile(path.join(dir.dir, adminEndpointFileName), 'utf8')),
      );
      const badRole = await request(`${endpoint.url}${adminRoutes.personRole}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: JSON.stringify({ target: person.id, role: 'general' }),
      });
      expect(badRole.status).toBe(400);
      expect(SyncErrorBodySchema.parse(badRole.json)).toMatchObject({
        error: 'VALIDATION_ERROR',
        issues: [expect.objectContaining({ path: 'role' })],
      });
    } finally {
      await endpoint.close();
    }
  });

  it('writes each change a command makes to the console’s audit log, naming the command line', async () => {
    await server.enrollDevice('Audit laptop');
    const endpoint = await startAdminEndpoint(server.admin, dir.dir);
    try {
      const admin = (await connectToRunningServer(dir.dir))!;
      const before = await listAudit(server.db, { limit: 100 });
      await admin.createTeam({ name: 'PU Kraljevo', organisation: 'MUP' });
      await admin.changeTeamScope({ team: 'PU Kraljevo', addJurisdictions: ['RS'] });
      await admin.enroll({ name: 'Kraljevo laptop 1', team: 'PU Kraljevo' });
      expect((await admin.revoke('Audit laptop')).kind).toBe('revoked');
      // Revoking again changes nothing, and the log says nothing more.
      await admin.revoke('Audit laptop');
      const written = (await listAudit(server.db, { limit: 100 })).slice(
        0,
        -before.length || undefined,
      );
      expect(
        written.map(({ action, target, byCommandLine }) => ({ action, target, byCommandLine })),
      ).toEqual([
        { action: 'device.revoked', target: 'Audit laptop', byCommandLine: true },
        {
          action: 'device.enrollment_code_issued',
          target: 'Kraljevo laptop 1',
          byCommandLine: true,
        },
        { action: 'team.scope_changed', target: 'PU Kraljevo', byCommandLine: true },
        { action: 'team.created', target: 'PU Kraljevo', byCommandLine: true },
      ]);
      expect(written[1]?.details).toMatchObject({
        team: { name: 'PU Kraljevo' },
        defaultTeam: false,
      });
      expect(written[2]?.details).toMatchObject({ addJurisdictions: ['RS'] });
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
