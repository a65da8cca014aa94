import type { Queryable } from '../db/database.ts';

/**
 * The team id under which reference data every team holds (places, campaigns, signing keys) is
 * kept once in team_scope; no team has it.
 */
export const everyTeam = '00000000-0000-0000-0000-000000000000';

/**
 * The teams a record's direct facts put it in (over `rs`, a record_scope row): the team of the
 * device that made it, teams with one of its places as a site or covering a place's
 * jurisdiction, teams covering a jurisdiction it names; or every team for reference data.
 * National teams read `records` directly and have no rows.
 */
const directTeamsOf = `(
    SELECT $3::uuid AS team_id WHERE rs.every_team
    UNION ALL SELECT rs.creator_team_id WHERE NOT rs.every_team AND rs.creator_team_id IS NOT NULL
    UNION ALL SELECT ts.team_id FROM team_sites ts
      WHERE NOT rs.every_team AND ts.location_id = ANY (rs.places)
    UNION ALL SELECT tj.team_id FROM team_jurisdictions tj
      WHERE NOT rs.every_team AND tj.jurisdiction = ANY (rs.jurisdictions)
    UNION ALL SELECT tj.team_id FROM records l
      JOIN team_jurisdictions tj ON tj.jurisdiction = l.data->>'jurisdiction'
      WHERE NOT rs.every_team AND l.id = ANY (rs.places) AND l.entity = 'location'
  )`;

/**
 * One step along a link, either way (linked records travel together), from `c.id`: two index
 * lookups (the primary key by from_id, record_links_to by to_id). A join on "from_id = c.id OR
 * to_id = c.id" cannot use either index and scanned every link for every row.
 */
const linkStep = `CROSS JOIN LATERAL (
    SELECT to_id AS id FROM record_links WHERE from_id = c.id
    UNION ALL
    SELECT from_id FROM record_links WHERE to_id = c.id
  ) n`;

/**
 * A record's scope facts by its id, looked up one row at a time: `LIMIT 1` keeps PostgreSQL from
 * flattening it into a hash join over the whole of record_scope (measured: three scans of 200k
 * rows for a batch of 500, about 1.5 s), since a linked group is a handful of rows.
 */
function scopeOf(idExpr: string): string {
  return `(SELECT * FROM record_scope WHERE record_id = ${idExpr} LIMIT 1)`;
}

export interface ScopeChange {
  /** (team, record) rows that now say "in scope" at the new version. */
  readonly entered: number;
  /** Rows that now say "left". */
  readonly left: number;
  /** Non-national teams whose view changed: their laptops are worth a poke. */
  readonly teams: readonly string[];
}

/**
 * After a push, under the version lock (so rows appear in commit order): the records written
 * and every record linked to them, however far, get the teams of their linked group. A written
 * record in scope gets the new version (its laptops pull the change); a linked record whose teams
 * changed gets it too (it enters, or leaves: a removal for those laptops).
 */
export async function updateTeamScopes(
  tx: Queryable,
  recordIds: readonly string[],
  version: number,
): Promise<ScopeChange> {
  if (recordIds.length === 0) return { entered: 0, left: 0, teams: [] };
  const { rows } = await tx.query<{ team_id: string }>(
    `WITH RECURSIVE comp(seed, id) AS (
       SELECT s, s FROM unnest($1::text[]) AS s
       UNION
       SELECT c.seed, n.id FROM comp c ${linkStep}
     ),
     seed_teams AS (
       SELECT DISTINCT c.seed, t.team_id
       FROM comp c
       CROSS JOIN LATERAL ${scopeOf('c.id')} rs
       CROSS JOIN LATERAL ${directTeamsOf} t
       LEFT JOIN teams tm ON tm.id = t.team_id
       WHERE t.team_id = $3::uuid OR NOT tm.national
     ),
     desired AS (
       SELECT DISTINCT m.id AS record_id, st.team_id
       FROM members m
       JOIN comp c ON c.id = m.id
       JOIN seed_teams st ON st.seed = c.seed
     ),
     members AS (
       SELECT DISTINCT c.id FROM comp c CROSS JOIN LATERAL ${scopeOf('c.id')} rs
     ),
     entered AS (
       INSERT INTO team_scope (team_id, record_id, version, in_scope)
       SELECT d.team_id, d.record_id, $2, true
       FROM desired d
       LEFT JOIN LATERAL (
         SELECT in_scope FROM team_scope s
         WHERE s.team_id = d.team_id AND s.record_id = d.record_id LIMIT 1
       ) s ON true
       WHERE s.in_scope IS NOT true OR d.record_id = ANY ($1::text[])
       ORDER BY d.team_id, d.record_id
       ON CONFLICT (team_id, record_id) DO UPDATE SET version = EXCLUDED.version, in_scope = true
       RETURNING team_id
     ),
     -- The rows to mark left are found member by member on team_scope_record (OFFSET 0 keeps
     -- the lookup per member) and updated by their row address: joined to team_scope, the
     -- planner (misled by the recursive CTE's row estimate) sorted the whole table for every
     -- push, 1.3 s at 750k rows, under the version lock.
     left_scope AS (
       UPDATE team_scope s SET version = $2, in_scope = false
       WHERE s.ctid = ANY (ARRAY(
         SELECT x.ctid FROM members m
         CROSS JOIN LATERAL (
           SELECT ctid, team_id, record_id FROM team_scope x
           WHERE x.record_id = m.id AND x.in_scope OFFSET 0
         ) x
         WHERE NOT EXISTS (
           SELECT 1 FROM desired d WHERE d.record_id = x.record_id AND d.team_id = x.team_id)))
       RETURNING s.team_id
     )
     SELECT team_id, false AS gone FROM entered
     UNION ALL SELECT team_id, true FROM left_scope`,
    [recordIds, version, everyTeam],
  );
  return summarise(rows as Array<{ team_id: string; gone?: boolean }>);
}

function summarise(rows: ReadonlyArray<{ team_id: string; gone?: boolean }>): ScopeChange {
  let left = 0;
  for (const row of rows) if (row.gone === true) left += 1;
  return {
    entered: rows.length - left,
    left,
    teams: [...new Set(rows.map((row) => row.team_id))],
  };
}

/**
 * After the administrator changed a team's sites or jurisdictions, under the version lock: the
 * team's whole view again, from the records its facts reach and everything linked to them.
 * Records that enter and records that leave get the new version; the others keep theirs, so
 * the team's laptops pull only the difference, never everything again.
 */
export async function recomputeTeamScope(
  tx: Queryable,
  teamId: string,
  version: number,
): Promise<ScopeChange> {
  const { rows } = await tx.query<{ team_id: string; gone: boolean }>(
    `WITH RECURSIVE places AS (
       SELECT location_id AS id FROM team_sites WHERE team_id = $1
       UNION
       SELECT l.id FROM records l
       JOIN team_jurisdictions tj ON tj.jurisdiction = l.data->>'jurisdiction'
       WHERE tj.team_id = $1 AND l.entity = 'location'
     ),
     direct AS (
       SELECT rs.record_id FROM record_scope rs
       WHERE NOT rs.every_team AND (
         rs.creator_team_id = $1
         OR rs.places && ARRAY(SELECT id FROM places)
         OR rs.jurisdictions && ARRAY(SELECT jurisdiction FROM team_jurisdictions WHERE team_id = $1))
     ),
     closure(id) AS (
       SELECT record_id FROM direct
       UNION
       SELECT n.id FROM closure c ${linkStep}
     ),
     desired AS (SELECT c.id FROM closure c CROSS JOIN LATERAL ${scopeOf('c.id')} rs),
     entered AS (
       INSERT INTO team_scope (team_id, record_id, version, in_scope)
       SELECT $1, d.id, $2, true FROM desired d
       LEFT JOIN team_scope s ON s.team_id = $1 AND s.record_id = d.id
       WHERE s.record_id IS NULL OR NOT s.in_scope
       ORDER BY d.id
       ON CONFLICT (team_id, record_id) DO UPDATE SET version = EXCLUDED.version, in_scope = true
       RETURNING team_id
     ),
     left_scope AS (
       UPDATE team_scope s SET version = $2, in_scope = false
       WHERE s.team_id = $1 AND s.in_scope AND NOT EXISTS (SELECT 1 FROM desired d WHERE d.id = s.record_id)
       RETURNING s.team_id
     )
     SELECT team_id, false AS gone FROM entered
     UNION ALL SELECT team_id, true FROM left_scope`,
    [teamId, version],
  );
  return summarise(rows);
}

/**
 * The team_scope rows a non-national team's laptops pull (pull.ts): its own view's and the
 * reference data every team holds. The parameter inTeamScopeSql reads.
 */
export function teamViewIds(teamId: string): string[] {
  return [teamId, everyTeam];
}

/**
 * Whether a record (the SQL expression `recordExpr`) is in the view of the team in parameter
 * `$teamParam` (a uuid[]: teamViewIds). For routes that serve what hangs off a record (its
 * photos) and the console's reports and exports for a team's scope: national teams do not call
 * this, they see every record.
 */
export function inTeamScopeSql(recordExpr: string, teamsParam: string): string {
  return `EXISTS (SELECT 1 FROM team_scope ts WHERE ts.record_id = ${recordExpr}
    AND ts.team_id = ANY (${teamsParam}::uuid[]) AND ts.in_scope)`;
}
