import { listDevices, revokeDevice } from '../auth/devices.ts';
import { issueEnrollmentCode } from '../auth/enrollment.ts';
import type { Database } from '../db/database.ts';
import type { UserRole } from '../../shared/domain/enums.ts';
import type { EventStreams } from '../http/event-streams.ts';
import type { ConsoleRole } from '../../shared/console/roles.ts';
import { commandLineActor } from '../console/console-audit.ts';
import { inviteAccount } from '../console/console-accounts.ts';
import { ConsoleHttpError } from '../console/console-http-error.ts';
import type { Mailer } from '../console/mailer.ts';
import { decideAboutPerson, listPeople, listPersonChanges } from '../people/people.ts';
import { startNewEpoch } from '../server-meta.ts';
import { changeTeamScope, createTeam, defaultTeam, findTeam, listTeams } from '../teams/teams.ts';
import {
  AdminTeamCreateRequestSchema,
  AdminTeamScopeRequestSchema,
  type AdminDevicesResponse,
  type AdminEnrollRequest,
  type AdminEnrollResponse,
  type AdminInviteResponse,
  type AdminNewEpochResponse,
  type AdminRevokeResponse,
  type AdminTeamChangeResponse,
  type AdminTeamCreateRequest,
  type AdminTeamScopeRequest,
  type AdminTeamsResponse,
  type AdminPeopleResponse,
  type AdminPersonChangesResponse,
  type AdminPersonDecisionResponse,
} from './admin-protocol.ts';

/** Who decided, in the centre's record of changes to people, when a command did it. */
export const COMMAND_LINE_ACTOR = 'command line';

/**
 * What an administrator can do, the same whether it runs inside the running server (its admin
 * endpoint) or, when no server runs, in the command's own process on the database.
 */
export interface AdminOperations {
  enroll(request: AdminEnrollRequest): Promise<AdminEnrollResponse>;
  revoke(target: string): Promise<AdminRevokeResponse>;
  devices(): Promise<AdminDevicesResponse>;
  newEpoch(): Promise<AdminNewEpochResponse>;
  /** Invites a person to the web console (the first administrator, typically). */
  invite(email: string, role: ConsoleRole): Promise<AdminInviteResponse>;
  teams(): Promise<AdminTeamsResponse>;
  createTeam(request: AdminTeamCreateRequest): Promise<AdminTeamChangeResponse>;
  changeTeamScope(request: AdminTeamScopeRequest): Promise<AdminTeamChangeResponse>;
  /** Everyone the server knows (reported by laptops or named on their changes). */
  people(): Promise<AdminPeopleResponse>;
  /** The centre sets a person's role: it wins over the laptops' from their next sync. */
  setPersonRole(target: string, role: UserRole): Promise<AdminPersonDecisionResponse>;
  /** The person can no longer unlock any laptop, from its next sync; their records stay. */
  deactivatePerson(target: string): Promise<AdminPersonDecisionResponse>;
  reactivatePerson(target: string): Promise<AdminPersonDecisionResponse>;
  /** The centre's decisions about people, newest first (for one person when given). */
  personChanges(personId?: string): Promise<AdminPersonChangesResponse>;
  /** Releases what the operations hold (the database the command opened, say). */
  close(): Promise<void>;
}

export interface LocalAdminOptions {
  readonly enrollmentCodeMinutes: number;
  readonly clock?: () => Date;
  /** The running server's event streams: a revoked laptop's are ended at once. */
  readonly streams?: EventStreams;
  /** The console's mail (SMTP, or the log); and its address, for the link in the mail. */
  readonly mailer: Mailer;
  readonly consoleUrl: string;
  /** Who decides about people through these operations (default: the command line). */
  readonly actor?: string;
  /** Run by close(). */
  readonly onClose?: () => Promise<void>;
}

export function localAdminOperations(db: Database, options: LocalAdminOptions): AdminOperations {
  const clock = options.clock ?? (() => new Date());
  const actor = options.actor ?? COMMAND_LINE_ACTOR;
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
    async invite(email, role) {
      try {
        return await inviteAccount(
          { db, mailer: options.mailer, consoleUrl: options.consoleUrl, now: clock() },
          { email, role },
          commandLineActor,
        );
      } catch (error) {
        // Said to the administrator as the console would say it, not as a server failure.
        if (error instanceof ConsoleHttpError) throw new AdminRefusal(error.message);
        throw error;
      }
    },
    async teams() {
      return { teams: await listTeams(db) };
    },
    // Parsed here too: the endpoint parses what arrives, and a local call gets the same defaults.
    createTeam: (request) => createTeam(db, AdminTeamCreateRequestSchema.parse(request)),
    changeTeamScope: (request) => changeTeamScope(db, AdminTeamScopeRequestSchema.parse(request)),
    async people() {
      return { people: await listPeople(db) };
    },
    setPersonRole: (target, role) =>
      decideAboutPerson(db, target, { kind: 'role', role }, actor, clock()),
    deactivatePerson: (target) =>
      decideAboutPerson(db, target, { kind: 'deactivate' }, actor, clock()),
    reactivatePerson: (target) =>
      decideAboutPerson(db, target, { kind: 'reactivate' }, actor, clock()),
    async personChanges(personId) {
      return { changes: await listPersonChanges(db, personId) };
    },
    close: options.onClose ?? (async () => undefined),
  };
}

/** An admin operation refused for a reason the administrator can act on. */
export class AdminRefusal extends Error {}
