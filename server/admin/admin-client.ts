import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { SyncErrorBodySchema } from '../../shared/sync/protocol.ts';
import type { AdminOperations } from './admin-operations.ts';
import {
  AdminBackupResponseSchema,
  AdminDevicesResponseSchema,
  AdminEndpointFileSchema,
  adminEndpointFileName,
  AdminEnrollResponseSchema,
  AdminInviteResponseSchema,
  AdminNewEpochResponseSchema,
  AdminPeopleResponseSchema,
  AdminPersonChangesResponseSchema,
  AdminPersonDecisionResponseSchema,
  AdminRevokeResponseSchema,
  AdminTeamChangeResponseSchema,
  AdminTeamsResponseSchema,
  adminRoutes,
  type AdminEndpointFile,
} from './admin-protocol.ts';

/** A command the administrator can act on: said plainly, without a stack trace. */
export class AdminCommandError extends Error {}

/**
 * The running server's admin endpoint as written in the data dir, or null when there is none (no
 * server has run there, or it stopped). A file this user may not read is the administrator's to
 * fix, so it is said, not taken for "no server".
 */
export async function readAdminEndpointFile(dataDir: string): Promise<AdminEndpointFile | null> {
  const file = path.join(dataDir, adminEndpointFileName);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    if (code === 'EACCES' || code === 'EPERM') {
      throw new AdminCommandError(
        `Cannot read ${file}: run admin commands as the user the server runs as.`,
      );
    }
    throw error;
  }
  try {
    const parsed = AdminEndpointFileSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const requestTimeoutMs = 15_000;
/** A backup reads the whole database and every photo: minutes on a large server. */
const backupTimeoutMs = 6 * 60 * 60 * 1000;

/**
 * The admin operations of the server running on this data dir, or null when none answers there
 * (no endpoint file, or a crashed server's file whose port nobody listens on).
 */
export async function connectToRunningServer(dataDir: string): Promise<AdminOperations | null> {
  const endpoint = await readAdminEndpointFile(dataDir);
  if (endpoint === null) return null;
  const call = async <S extends z.ZodType>(
    method: 'GET' | 'POST',
    route: string,
    schema: S,
    body?: unknown,
    timeoutMs = requestTimeoutMs,
  ): Promise<z.output<S>> => {
    const response = await fetch(new URL(route, endpoint.url), {
      method,
      headers: {
        authorization: `Bearer ${endpoint.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const json: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const error = SyncErrorBodySchema.safeParse(json);
      throw new AdminCommandError(
        `The running server refused the command: ${error.success ? error.data.message : `HTTP ${String(response.status)}`}`,
      );
    }
    return schema.parse(json);
  };
  try {
    // Asked first, so a stale file is found out before any command is sent.
    await call('GET', adminRoutes.devices, AdminDevicesResponseSchema);
  } catch (error) {
    if (error instanceof AdminCommandError) throw error;
    if (isConnectionRefused(error)) return null;
    throw new AdminCommandError(
      `The server's admin endpoint at ${endpoint.url} (process ${String(endpoint.pid)}) did not answer: ${describe(error)}`,
    );
  }
  return {
    enroll: (request) => call('POST', adminRoutes.enroll, AdminEnrollResponseSchema, request),
    revoke: (target) => call('POST', adminRoutes.revoke, AdminRevokeResponseSchema, { target }),
    devices: () => call('GET', adminRoutes.devices, AdminDevicesResponseSchema),
    newEpoch: () => call('POST', adminRoutes.newEpoch, AdminNewEpochResponseSchema, {}),
    backup: (file) =>
      call('POST', adminRoutes.backup, AdminBackupResponseSchema, { file }, backupTimeoutMs),
    teams: () => call('GET', adminRoutes.teams, AdminTeamsResponseSchema),
    createTeam: (request) =>
      call('POST', adminRoutes.teamCreate, AdminTeamChangeResponseSchema, request),
    changeTeamScope: (request) =>
      call('POST', adminRoutes.teamScope, AdminTeamChangeResponseSchema, request),
    people: () => call('GET', adminRoutes.people, AdminPeopleResponseSchema),
    setPersonRole: (target, role) =>
      call('POST', adminRoutes.personRole, AdminPersonDecisionResponseSchema, { target, role }),
    deactivatePerson: (target) =>
      call('POST', adminRoutes.personDeactivate, AdminPersonDecisionResponseSchema, { target }),
    reactivatePerson: (target) =>
      call('POST', adminRoutes.personReactivate, AdminPersonDecisionResponseSchema, { target }),
    // The command line asks for every person's changes; one person's is the console's view.
    personChanges: async (personId) => {
      const all = await call('GET', adminRoutes.personChanges, AdminPersonChangesResponseSchema);
      return personId === undefined
        ? all
        : { changes: all.changes.filter((change) => change.person.id === personId) };
    },
    invite: (email, role, language) =>
      call('POST', adminRoutes.invite, AdminInviteResponseSchema, { email, role, language }),
    close: async () => undefined,
  };
}

function isConnectionRefused(error: unknown): boolean {
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  return cause?.code === 'ECONNREFUSED';
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  return error instanceof Error ? error.message : String(error);
}
