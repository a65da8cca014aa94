import { randomUUID } from 'node:crypto';
import type {
  AdminTeamChangeResponse,
  AdminTeamCreateRequestSchema,
  AdminTeamScopeRequestSchema,
  TeamSummary,
} from '../admin/admin-protocol.ts';
import type { Database, Queryable } from '../db/database.ts';
import { SyncHttpError } from '../http/sync-http-error.ts';
import { defaultTeamName } from '../migrations/0100-teams.ts';
import { CONSOLE_DEVICE_ID } from '../migrations/0120-record-reviews.ts';
import { recomputeTeamScope } from './team-scope.ts';
import type { z } from 'zod';

/**
 * Teams and their scopes (issue 17): the administrator's operations, the same for the command
 * line (admin-operations.ts) and, later, the web console. Every change runs in one transaction;
 * a change of sites or jurisdictions re-derives the team's view under the version lock, so its
 * laptops pull what entered and remove what left, at their next pull.
 */

export interface TeamRef {
  readonly id: string;
  readonly name: string;
  readonly national: boolean;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** By exact name (ignoring case) or id; a refusal names what was asked. */
export async function findTeam(db: Queryable, nameOrId: string): Promise<TeamRef> {
  const { rows } = await db.query<TeamRef>(
    uuidPattern.test(nameOrId)
      ? 'SELECT id, name, national FROM teams WHERE id = $1::uuid'
      : 'SELECT id, name, national FROM teams WHERE lower(name) = lower($1)',
    [nameOrId],
  );
  const team = rows[0];
  if (team === undefined) {
    throw new SyncHttpError(404, 'NOT_FOUND', `No team "${nameOrId}" (see: teams).`);
  }
  return team;
}

/** By id, or null: for callers that refuse an unknown team in their own words (the console). */
export async function teamById(db: Queryable, id: string): Promise<TeamRef | null> {
  if (!uuidPattern.test(id)) return null;
  const { rows } = await db.query<TeamRef>(
    'SELECT id, name, national FROM teams WHERE id = $1::uuid',
    [id],
  );
  return rows[0] ?? null;
}

/** Where a laptop enrolled without a team goes: the national team migration 100 made. */
export async function defaultTeam(db: Queryable): Promise<TeamRef> {
  const { rows } = await db.query<TeamRef>(
    `SELECT id, name, national FROM teams WHERE national
     ORDER BY name = $1 DESC, created_at, id LIMIT 1`,
    [defaultTeamName],
  );
  const team = rows[0];
  if (team === undefined) throw new SyncHttpError(404, 'NOT_FOUND', 'The server has no team.');
  return team;
}

export async function listTeams(db: Queryable): Promise<TeamSummary[]> {
  const { rows } = await db.query<{
    id: string;
    name: string;
    organisation: string;
    national: boolean;
    jurisdictions: string[] | null;
    sites: Array<{ id: string; name: string | null }> | null;
    devices: string | number;
  }>(
    `SELECT t.id, t.name, o.name AS organisation, t.national,
       (SELECT array_agg(j.jurisdiction ORDER BY j.jurisdiction) FROM team_jurisdictions j
        WHERE j.team_id = t.id) AS jurisdictions,
       (SELECT json_agg(json_build_object('id', s.location_id, 'name', l.data->>'name')
                        ORDER BY s.location_id)
        FROM team_sites s LEFT JOIN records l ON l.id = s.location_id AND l.entity = 'location'
        WHERE s.team_id = t.id) AS sites,
       (SELECT count(*) FROM devices d WHERE d.team_id = t.id AND d.revoked_at IS NULL
          AND d.id <> $1) AS devices
     FROM teams t JOIN organisations o ON o.id = t.organisation_id
     ORDER BY o.name, t.name`,
    // The web console's own device (migration 120) is no laptop of its team.
    [CONSOLE_DEVICE_ID],
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    organisation: row.organisation,
    national: row.national,
    jurisdictions: row.jurisdictions ?? [],
    sites: row.sites ?? [],
    devices: Number(row.devices),
  }));
}

async function summaryOf(tx: Queryable, teamId: string): Promise<TeamSummary> {
  const team = (await listTeams(tx)).find((candidate) => candidate.id === teamId);
  if (team === undefined) throw new Error(`Team ${teamId} vanished.`);
  return team;
}

/**
 * A site as the administrator names it: a place's id, or its exact name (ignoring case) among the
 * places the server holds. A name two places share is refused with their ids; an id of a place
 * not synced yet is taken as it is (the place may still be on a laptop).
 */
async function resolveSites(tx: Queryable, sites: readonly string[]): Promise<string[]> {
  const resolved = new Set<string>();
  for (const site of sites) {
    const { rows } = await tx.query<{ id: string }>(
      `SELECT id FROM records WHERE entity = 'location' AND NOT deleted
         AND (id = $1 OR lower(data->>'name') = lower($1))
       ORDER BY id = $1 DESC, id`,
      [site],
    );
    const byId = rows.find((row) => row.id === site);
    if (byId !== undefined || rows.length === 1) {
      resolved.add((byId ?? rows[0])?.id ?? site);
    } else if (rows.length > 1) {
      throw new SyncHttpError(
        400,
        'VALIDATION_ERROR',
        `Several places are named "${site}"; name the site by id: ${rows.map((row) => row.id).join(', ')}.`,
      );
    } else if (uuidPattern.test(site)) {
      resolved.add(site);
    } else {
      throw new SyncHttpError(
        400,
        'VALIDATION_ERROR',
        `The server holds no place named "${site}" (a place made on a laptop arrives at its next sync; or give its id).`,
      );
    }
  }
  return [...resolved];
}

/** Under the sync_space row lock: the version entering and leaving rows are stamped with. */
async function allocateVersion(tx: Queryable): Promise<number> {
  const { rows } = await tx.query<{ version: string | number }>(
    'UPDATE sync_space SET version = version + 1 WHERE id = 1 RETURNING version',
  );
  return Number(rows[0]?.version);
}

/**
 * Written in the change's own transaction (its line in the console's audit log): the change and
 * the record of it commit together or not at all.
 */
export type AlongsideTeamChange = (tx: Queryable, change: AdminTeamChangeResponse) => Promise<void>;

export async function createTeam(
  db: Database,
  request: z.output<typeof AdminTeamCreateRequestSchema>,
  alongside?: AlongsideTeamChange,
): Promise<AdminTeamChangeResponse> {
  return db.transaction(async (tx) => {
    const taken = await tx.query('SELECT 1 FROM teams WHERE lower(name) = lower($1)', [
      request.name,
    ]);
    if (taken.rows.length > 0) {
      throw new SyncHttpError(400, 'VALIDATION_ERROR', `A team "${request.name}" exists already.`);
    }
    await tx.query(
      `INSERT INTO organisations (id, name)
       SELECT $1::uuid, $2 WHERE NOT EXISTS (SELECT 1 FROM organisations WHERE lower(name) = lower($2))`,
      [randomUUID(), request.organisation],
    );
    const id = randomUUID();
    await tx.query(
      `INSERT INTO teams (id, name, organisation_id, national)
       SELECT $1::uuid, $2, o.id, $4 FROM organisations o WHERE lower(o.name) = lower($3)`,
      [id, request.name, request.organisation, request.national],
    );
    const sites = await resolveSites(tx, request.sites);
    await setScope(tx, id, { addJurisdictions: request.jurisdictions, addSites: sites });
    const change = await rescope(tx, { id, national: request.national });
    const made = { team: await summaryOf(tx, id), ...change };
    await alongside?.(tx, made);
    return made;
  });
}

export async function changeTeamScope(
  db: Database,
  request: z.output<typeof AdminTeamScopeRequestSchema>,
  alongside?: AlongsideTeamChange,
): Promise<AdminTeamChangeResponse> {
  return db.transaction(async (tx) => {
    const team = await findTeam(tx, request.team);
    await setScope(tx, team.id, {
      addJurisdictions: request.addJurisdictions,
      removeJurisdictions: request.removeJurisdictions,
      addSites: await resolveSites(tx, request.addSites),
      removeSites: await resolveSites(tx, request.removeSites),
    });
    const change = await rescope(tx, team);
    const made = { team: await summaryOf(tx, team.id), ...change };
    await alongside?.(tx, made);
    return made;
  });
}

async function setScope(
  tx: Queryable,
  teamId: string,
  change: {
    addJurisdictions?: readonly string[];
    removeJurisdictions?: readonly string[];
    addSites?: readonly string[];
    removeSites?: readonly string[];
  },
): Promise<void> {
  await tx.query(
    `DELETE FROM team_jurisdictions WHERE team_id = $1 AND jurisdiction = ANY ($2::text[])`,
    [teamId, change.removeJurisdictions ?? []],
  );
  await tx.query(`DELETE FROM team_sites WHERE team_id = $1 AND location_id = ANY ($2::text[])`, [
    teamId,
    change.removeSites ?? [],
  ]);
  await tx.query(
    `INSERT INTO team_jurisdictions (team_id, jurisdiction)
     SELECT $1, j FROM unnest($2::text[]) AS j ON CONFLICT DO NOTHING`,
    [teamId, change.addJurisdictions ?? []],
  );
  await tx.query(
    `INSERT INTO team_sites (team_id, location_id)
     SELECT $1, s FROM unnest($2::text[]) AS s ON CONFLICT DO NOTHING`,
    [teamId, change.addSites ?? []],
  );
}

/** A national team sees every record anyway: nothing to derive. */
async function rescope(
  tx: Queryable,
  team: Pick<TeamRef, 'id' | 'national'>,
): Promise<{ entered: number; left: number }> {
  if (team.national) return { entered: 0, left: 0 };
  const { entered, left } = await recomputeTeamScope(tx, team.id, await allocateVersion(tx));
  return { entered, left };
}
