import { listDevices, revokeDevice } from '../auth/devices.ts';
import { issueEnrollmentCode } from '../auth/enrollment.ts';
import type { Database } from '../db/database.ts';
import { writeBackup } from '../backup/write-backup.ts';
import type { EventStreams } from '../http/event-streams.ts';
import { SyncHttpError } from '../http/sync-http-error.ts';
import { startNewEpoch } from '../server-meta.ts';
import type { UserRole } from '../../shared/domain/enums.ts';
import type { ConsoleRole } from '../../shared/console/roles.ts';
import type { Language } from '../../shared/settings/settings.ts';
import {
  auditDeviceRevoked,
  auditEnrollmentCode,
  auditPersonDecision,
  auditTeamCreated,
  auditTeamScopeChanged,
} from '../console/change-audit.ts';
import { commandLineActor } from '../console/console-audit.ts';
import { inviteAccount } from '../console/console-accounts.ts';
import { ConsoleHttpError } from '../console/console-http-error.ts';
import type { Mailer } from '../console/mailer.ts';
import {
  decideAboutPerson,
  listPeople,
  listPersonChanges,
  type PersonDecision,
} from '../people/people.ts';
import { changeTeamScope, createTeam, defaultTeam, findTeam, listTeams } from '../teams/teams.ts';
import {
  AdminTeamCreateRequestSchema,
  AdminTeamScopeRequestSchema,
  type AdminBackupResponse,
  type AdminDevicesResponse,
  type AdminEnrollRequest,
  type AdminEnrollResponse,
  type AdminNewEpochResponse,
  type AdminRevokeResponse,
  type AdminTeamChangeResponse,
  type AdminTeamCreateRequest,
  type AdminTeamScopeRequest,
  type AdminTeamsResponse,
  type AdminPeopleResponse,
  type AdminPersonChangesResponse,
  type AdminPersonDecisionResponse,
  type AdminInviteResponse,
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
  /** Writes a consistent backup to this absolute path (the server keeps serving meanwhile). */
  backup(file: string): Promise<AdminBackupResponse>;
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
  /** Invites a person to the web console (the first administrator, typically). */
  /** The mail is written in `language` (English when none is named). */
  invite(email: string, role: ConsoleRole, language?: Language): Promise<AdminInviteResponse>;
  /** Releases what the operations hold (the database the command opened, say). */
  close(): Promise<void>;
}

export interface LocalAdminOptions {
  readonly enrollmentCodeMinutes: number;
  /** Where received photos are kept (filesDirOf(config)): a backup takes them along. */
  readonly filesDir: string;
  readonly clock?: () => Date;
  /** The running server's event streams: a revoked laptop's are ended at once. */
  readonly streams?: EventStreams;
  /** Who decides about people through these operations (default: the command line). */
  readonly actor?: string;
  /** The console's mail (SMTP, or the log); and its address, for the link in the mail. */
  readonly mailer: Mailer;
  readonly consoleUrl: string;
  /** Run by close(). */
  readonly onClose?: () => Promise<void>;
}

export function localAdminOperations(db: Database, options: LocalAdminOptions): AdminOperations {
  const clock = options.clock ?? (() => new Date());
  const actor = options.actor ?? COMMAND_LINE_ACTOR;
  /** A decision about a person, and (when it changed something) its line in the console's log. */
  const decide = async (target: string, decision: PersonDecision) => {
    const now = clock();
    return decideAboutPerson(db, target, decision, actor, now, (tx, person) =>
      auditPersonDecision(tx, person, decision, commandLineActor, now),
    );
  };
  return {
    async enroll({ name, team: teamName }) {
      const team = teamName === undefined ? await defaultTeam(db) : await findTeam(db, teamName);
      const now = clock();
      const issued = await db.transaction(async (tx) => {
        const code = await issueEnrollmentCode(
          tx,
          name,
          now,
          options.enrollmentCodeMinutes,
          team.id,
        );
        await auditEnrollmentCode(tx, code, team, teamName === undefined, commandLineActor, now);
        return code;
      });
      return {
        ...issued,
        expiresAt: issued.expiresAt.toISOString(),
        team: { id: team.id, name: team.name },
        defaultTeam: teamName === undefined,
      };
    },
    async revoke(target) {
      const now = clock();
      const result = await db.transaction(async (tx) => {
        const revoked = await revokeDevice(tx, target, now);
        if (revoked.kind === 'revoked' && revoked.alreadyRevokedAt === null) {
          await auditDeviceRevoked(tx, revoked.device, commandLineActor, now);
        }
        return revoked;
      });
      if (result.kind !== 'revoked') return result;
      return { ...result, streamsEnded: options.streams?.endEverywhere(result.device.id) ?? 0 };
    },
    async devices() {
      return { devices: await listDevices(db) };
    },
    async newEpoch() {
      return { epoch: await startNewEpoch(db) };
    },
    async backup(file) {
      const written = await writeBackup(db, options.filesDir, file, clock).catch(
        (error: unknown) => {
          throw unwritable(file, error);
        },
      );
      const { header } = written;
      return {
        file: written.file,
        bytes: written.bytes,
        schemaVersion: header.schemaVersion,
        serverEpoch: header.serverEpoch,
        takenAt: header.takenAt,
        tables: header.tables,
        photos: header.photos,
      };
    },
    async teams() {
      return { teams: await listTeams(db) };
    },
    // Parsed here too: the endpoint parses what arrives, and a local call gets the same defaults.
    async createTeam(request) {
      const now = clock();
      return createTeam(db, AdminTeamCreateRequestSchema.parse(request), (tx, change) =>
        auditTeamCreated(tx, change, commandLineActor, now),
      );
    },
    async changeTeamScope(request) {
      const parsed = AdminTeamScopeRequestSchema.parse(request);
      const { team: _team, ...asked } = parsed;
      const now = clock();
      return changeTeamScope(db, parsed, (tx, change) =>
        auditTeamScopeChanged(tx, change, asked, commandLineActor, now),
      );
    },
    async people() {
      return { people: await listPeople(db) };
    },
    setPersonRole: (target, role) => decide(target, { kind: 'role', role }),
    deactivatePerson: (target) => decide(target, { kind: 'deactivate' }),
    reactivatePerson: (target) => decide(target, { kind: 'reactivate' }),
    async personChanges(personId) {
      return { changes: await listPersonChanges(db, personId) };
    },
    async invite(email, role, language) {
      try {
        return await inviteAccount(
          { db, mailer: options.mailer, consoleUrl: options.consoleUrl, now: clock() },
          { email, role, language },
          commandLineActor,
        );
      } catch (error) {
        // Said to the administrator as the console would say it, not as a server failure.
        if (error instanceof ConsoleHttpError) throw new AdminRefusal(error.message);
        throw error;
      }
    },
    close: options.onClose ?? (async () => undefined),
  };
}

/** Where the file cannot go, in words (the administrator's mistake: never a 500). */
const unwritableReasons: Record<string, string> = {
  ENOENT: 'its folder does not exist',
  ENOTDIR: 'its folder does not exist',
  EACCES: "the server's user may not write there",
  EPERM: "the server's user may not write there",
  EISDIR: 'it is a folder',
  EROFS: 'the disk is read-only',
  ENOSPC: 'the disk is full',
};

function unwritable(file: string, error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  const reason = typeof code === 'string' ? unwritableReasons[code] : undefined;
  if (reason === undefined) return error;
  return new SyncHttpError(
    400,
    'VALIDATION_ERROR',
    `Cannot write the backup to ${file}: ${reason}.`,
  );
}

/** An admin operation refused for a reason the administrator can act on. */
export class AdminRefusal extends Error {}
