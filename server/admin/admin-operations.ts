import { listDevices, revokeDevice } from '../auth/devices.ts';
import { issueEnrollmentCode } from '../auth/enrollment.ts';
import type { Database } from '../db/database.ts';
import type { EventStreams } from '../http/event-streams.ts';
import { startNewEpoch } from '../server-meta.ts';
import { changeTeamScope, createTeam, defaultTeam, findTeam, listTeams } from '../teams/teams.ts';
import {
  AdminTeamCreateRequestSchema,
  AdminTeamScopeRequestSchema,
  type AdminDevicesResponse,
  type AdminEnrollRequest,
  type AdminEnrollResponse,
  type AdminNewEpochResponse,
  type AdminRevokeResponse,
  type AdminTeamChangeResponse,
  type AdminTeamCreateRequest,
  type AdminTeamScopeRequest,
  type AdminTeamsResponse,
} from './admin-protocol.ts';

/**
 * What an administrator can do, the same whether it runs inside the running server (its admin
 * endpoint) or, when no server runs, in the command's own process on the database.
 */
export interface AdminOperations {
  enroll(request: AdminEnrollRequest): Promise<AdminEnrollResponse>;
  revoke(target: string): Promise<AdminRevokeResponse>;
  devices(): Promise<AdminDevicesResponse>;
  newEpoch(): Promise<AdminNewEpochResponse>;
  teams(): Promise<AdminTeamsResponse>;
  createTeam(request: AdminTeamCreateRequest): Promise<AdminTeamChangeResponse>;
  changeTeamScope(request: AdminTeamScopeRequest): Promise<AdminTeamChangeResponse>;
  /** Releases what the operations hold (the database the command opened, say). */
  close(): Promise<void>;
}

export interface LocalAdminOptions {
  readonly enrollmentCodeMinutes: number;
  readonly clock?: () => Date;
  /** The running server's event streams: a revoked laptop's are ended at once. */
  readonly streams?: EventStreams;
  /** Run by close(). */
  readonly onClose?: () => Promise<void>;
}

export function localAdminOperations(db: Database, options: LocalAdminOptions): AdminOperations {
  const clock = options.clock ?? (() => new Date());
  return {
    async enroll({ name, team: teamName }) {
      const team = teamName === undefined ? await defaultTeam(db) : await findTeam(db, teamName);
      const issued = await issueEnrollmentCode(
        db,
        name,
        clock(),
        options.enrollmentCodeMinutes,
        team.id,
      );
      return {
        ...issued,
        expiresAt: issued.expiresAt.toISOString(),
        team: { id: team.id, name: team.name },
        defaultTeam: teamName === undefined,
      };
    },
    async revoke(target) {
      const result = await revokeDevice(db, target, clock());
      if (result.kind !== 'revoked') return result;
      return { ...result, streamsEnded: options.streams?.endFor(result.device.id) ?? 0 };
    },
    async devices() {
      return { devices: await listDevices(db) };
    },
    async newEpoch() {
      return { epoch: await startNewEpoch(db) };
    },
    async teams() {
      return { teams: await listTeams(db) };
    },
    // Parsed here too: the endpoint parses what arrives, and a local call gets the same defaults.
    createTeam: (request) => createTeam(db, AdminTeamCreateRequestSchema.parse(request)),
    changeTeamScope: (request) => changeTeamScope(db, AdminTeamScopeRequestSchema.parse(request)),
    close: options.onClose ?? (async () => undefined),
  };
}
