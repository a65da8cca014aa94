import { unknownTeam } from '../console/console-http-error.ts';
import type { Queryable } from '../db/database.ts';
import { teamById, type TeamRef } from '../teams/teams.ts';

/**
 * The team a report or an export is asked for (its `teamId`), or undefined for the whole
 * country. An id no team has is refused before anything is read or streamed: never answered
 * with the whole country's records, nor with none.
 */
export async function scopeTeamOf(
  db: Queryable,
  teamId: string | undefined,
): Promise<TeamRef | undefined> {
  if (teamId === undefined) return undefined;
  const team = await teamById(db, teamId);
  if (team === null) throw unknownTeam();
  return team;
}
