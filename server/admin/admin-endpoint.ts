import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { installErrorHandlers, protocolErrorOptions } from '../http/error-handler.ts';
import { parseInput } from '../http/parse-input.ts';
import { SyncHttpError } from '../http/sync-http-error.ts';
import { AdminRefusal, type AdminOperations } from './admin-operations.ts';
import { readAdminEndpointFile } from './admin-client.ts';
import {
  adminEndpointFileName,
  AdminBackupRequestSchema,
  AdminEnrollRequestSchema,
  AdminPersonRoleRequestSchema,
  AdminPersonTargetRequestSchema,
  AdminInviteRequestSchema,
  AdminRevokeRequestSchema,
  AdminTeamCreateRequestSchema,
  AdminTeamScopeRequestSchema,
  adminRoutes,
  type AdminEndpointFile,
} from './admin-protocol.ts';

export interface AdminEndpoint {
  readonly url: string;
  close(): Promise<void>;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * The running server's admin endpoint: a second HTTP listener on 127.0.0.1 (never the network,
 * whatever the sync API listens on), whose address and a fresh random token are written to
 * `<data dir>/admin-endpoint.json` with mode 0600, so only the server's own user (and root) can
 * use it. `npm run server -- <command>` reads that file and asks the server, which applies the
 * command to the data it holds at once: a code works on the next enrollment, a revoked laptop's
 * streams end now. The file goes when the server stops; a crashed server's file points at a port
 * nobody answers on, and the command then opens the data itself (under the data-dir lock).
 */
export async function startAdminEndpoint(
  operations: AdminOperations,
  dataDir: string,
): Promise<AdminEndpoint> {
  const token = randomBytes(32).toString('base64url');
  const expected = digest(token);
  const app = Fastify({
    logger: false,
    bodyLimit: 16 * 1024,
    requestTimeout: 30_000,
    ...protocolErrorOptions,
  }) as unknown as FastifyInstance;
  installErrorHandlers(app);
  app.addHook('onRequest', async (request) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    // Digests of equal length: the comparison takes the same time whatever was sent.
    if (match?.[1] === undefined || !timingSafeEqual(digest(match[1]), expected)) {
      throw new SyncHttpError(401, 'UNAUTHORIZED', 'The admin token is missing or wrong.');
    }
  });
  app.post(adminRoutes.enroll, async (request) => {
    return operations.enroll(parseInput(AdminEnrollRequestSchema, request.body, 'enroll request'));
  });
  app.post(adminRoutes.revoke, async (request) => {
    const { target } = parseInput(AdminRevokeRequestSchema, request.body, 'revoke request');
    return operations.revoke(target);
  });
  app.get(adminRoutes.devices, async () => operations.devices());
  app.post(adminRoutes.invite, async (request) => {
    const { email, role, language } = parseInput(
      AdminInviteRequestSchema,
      request.body,
      'invite request',
    );
    try {
      return await operations.invite(email, role, language);
    } catch (error) {
      if (error instanceof AdminRefusal)
        throw new SyncHttpError(409, 'VALIDATION_ERROR', error.message);
      throw error;
    }
  });
  app.post(adminRoutes.newEpoch, async () => operations.newEpoch());
  app.post(adminRoutes.backup, async (request) => {
    const { file } = parseInput(AdminBackupRequestSchema, request.body, 'backup request');
    return operations.backup(file);
  });
  app.get(adminRoutes.teams, async () => operations.teams());
  app.post(adminRoutes.teamCreate, async (request) =>
    operations.createTeam(parseInput(AdminTeamCreateRequestSchema, request.body, 'team')),
  );
  app.post(adminRoutes.teamScope, async (request) =>
    operations.changeTeamScope(parseInput(AdminTeamScopeRequestSchema, request.body, 'team scope')),
  );
  app.get(adminRoutes.people, async () => operations.people());
  app.post(adminRoutes.personRole, async (request) => {
    const { target, role } = parseInput(AdminPersonRoleRequestSchema, request.body, 'role change');
    return operations.setPersonRole(target, role);
  });
  app.post(adminRoutes.personDeactivate, async (request) => {
    const { target } = parseInput(AdminPersonTargetRequestSchema, request.body, 'deactivation');
    return operations.deactivatePerson(target);
  });
  app.post(adminRoutes.personReactivate, async (request) => {
    const { target } = parseInput(AdminPersonTargetRequestSchema, request.body, 'reactivation');
    return operations.reactivatePerson(target);
  });
  app.get(adminRoutes.personChanges, async () => operations.personChanges());
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const file = path.join(dataDir, adminEndpointFileName);
  const content: AdminEndpointFile = { url, token, pid: process.pid };
  // Written whole under another name, then renamed: a command never reads half a file.
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(content)}\n`, { mode: 0o600 });
  await rename(temporary, file);
  return {
    url,
    async close() {
      await app.close();
      // Only our own file: another server may have started on this data (PostgreSQL) since.
      const current = await readAdminEndpointFile(dataDir).catch(() => null);
      if (current?.token === token) await rm(file, { force: true });
    },
  };
}
