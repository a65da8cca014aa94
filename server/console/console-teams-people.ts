import type {
  ConsolePerson,
  ConsoleTeam,
  CreateTeamRequestSchema,
  PersonChangeResponse,
  TeamChangeResponse,
  TeamList,
  TeamScopeRequestSchema,
} from '../../shared/console/teams-people-api.ts';
import type { UserRole } from '../../shared/domain/enums.ts';
import type { PersonSummary } from '../admin/admin-protocol.ts';
import type { Database, Queryable } from '../db/database.ts';
import { decideAboutPerson, listPeople } from '../people/people.ts';
import { isoTime } from '../sync/stored-record.ts';
import { changeTeamScope, createTeam, listTeams } from '../teams/teams.ts';
import { auditPersonDecision, auditTeamCreated, auditTeamScopeChanged } from './change-audit.ts';
import type { AuditActor } from './console-audit.ts';
import { ConsoleHttpError } from './console-http-error.ts';
import { listPlaces } from './console-review.ts';
import { CONSOLE_DEVICE_ID } from '../migrations/0120-record-reviews.ts';
import type { z } from 'zod';

/**
 * The console's teams and people: the very functions the command line runs (server/teams,
 * server/people), with the console's audit line written once the change has committed.
 */

export async function listConsoleTeams(db: Queryable): Promise<TeamList> {
  const teams = await listTeams(db);
  const devices = await db.query<{
    id: string;
    name: string;
    team_id: string;
    revoked_at: Date | string | null;
    last_seen_at: Date | string | null;
  }>(
    // The device the console's reviews are written under is no laptop of a team.
    'SELECT id, name, team_id, revoked_at, last_seen_at FROM devices WHERE id <> $1 ORDER BY name, id',
    [CONSOLE_DEVICE_ID],
  );
  const time = (value: Date | string | null) => (value === null ? null : isoTime(value));
  return {
    teams: teams.map((team): ConsoleTeam => ({
      id: team.id,
      name: team.name,
      organisation: team.organisation,
      national: team.national,
      jurisdictions: team.jurisdictions,
      sites: team.sites,
      devices: devices.rows
        .filter((device) => device.team_id === team.id)
        .map((device) => ({
          id: device.id,
          name: device.name,
          revokedAt: time(device.revoked_at),
          lastSeenAt: time(device.last_seen_at),
        })),
    })),
    places: await listPlaces(db),
  };
}

export async function createConsoleTeam(
  db: Database,
  request: z.output<typeof CreateTeamRequestSchema>,
  actor: AuditActor,
  now: Date,
): Promise<TeamChangeResponse> {
  const change = await createTeam(db, request, (tx, made) =>
    auditTeamCreated(tx, made, actor, now),
  );
  return { team: { id: change.team.id, name: change.team.name }, ...counts(change) };
}

export async function changeConsoleTeamScope(
  db: Database,
  teamId: string,
  request: z.output<typeof TeamScopeRequestSchema>,
  actor: AuditActor,
  now: Date,
): Promise<TeamChangeResponse> {
  const change = await changeTeamScope(db, { team: teamId, ...request }, (tx, made) =>
    auditTeamScopeChanged(tx, made, request, actor, now),
  );
  return { team: { id: change.team.id, name: change.team.name }, ...counts(change) };
}

function counts(change: { entered: number; left: number }) {
  return { entered: change.entered, left: change.left };
}

export async function listConsolePeople(db: Queryable): Promise<ConsolePerson[]> {
  // A console reviewer is named as the author of the reviews it writes (console-review.ts), so
  // the server knows them as a person; they are not a laptop's person and are not listed here.
  const accounts = await db.query<{ id: string }>('SELECT id FROM console_accounts');
  const consoleIds = new Set(accounts.rows.map((row) => row.id));
  const people = (await listPeople(db)).filter((person) => !consoleIds.has(person.id));
  const teams = await db.query<{ id: string; team: string }>(
    'SELECT d.id, t.name AS team FROM devices d JOIN teams t ON t.id = d.team_id',
  );
  const teamOf = new Map(teams.rows.map((row) => [row.id, row.team]));
  return people.map((person) => personOf(person, teamOf));
}

function personOf(person: PersonSummary, teamOf: Map<string, string>): ConsolePerson {
  return {
    id: person.id,
    name: person.name,
    role: person.role,
    roleSetBy: person.roleSetBy,
    deactivatedAt: person.deactivatedAt,
    reportedBy: person.reportedBy,
    teamName: person.reportedBy === null ? null : (teamOf.get(person.reportedBy.id) ?? null),
  };
}

/** A role set at the centre, or (de)activation: it reaches the laptops at their next sync. */
export async function decideAboutConsolePerson(
  db: Database,
  personId: string,
  decision: { kind: 'role'; role: UserRole } | { kind: 'deactivate' } | { kind: 'reactivate' },
  actor: AuditActor,
  now: Date,
): Promise<PersonChangeResponse> {
  const result = await decideAboutPerson(
    db,
    personId,
    decision,
    actor.label ?? 'console',
    now,
    (tx, person) => auditPersonDecision(tx, person, decision, actor, now),
  );
  if (result.kind === 'not_found' || result.kind === 'ambiguous') {
    throw new ConsoleHttpError(404, 'NOT_FOUND', 'No such person.');
  }
  const teams = await db.query<{ id: string; team: string }>(
    'SELECT d.id, t.name AS team FROM devices d JOIN teams t ON t.id = d.team_id',
  );
  return {
    person: personOf(result.person, new Map(teams.rows.map((row) => [row.id, row.team]))),
    changed: result.kind === 'changed',
  };
}
