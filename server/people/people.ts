import type { UserRole } from '../../shared/domain/enums.ts';
import type {
  CentreDecision,
  PeopleFeedQuery,
  PeopleFeedResponse,
  PeopleReportResponse,
  ReportedPerson,
} from '../../shared/sync/protocol.ts';
import type { PersonChangeSummary, PersonSummary } from '../admin/admin-protocol.ts';
import type { Database, Queryable } from '../db/database.ts';
import { readServerEpoch } from '../server-meta.ts';
import { isoTime } from '../sync/stored-record.ts';

/**
 * People at the centre (issue 17, item 2). Laptops make people and report them (reportPeople);
 * an administrator at the centre sets a role or deactivates and reactivates someone (the command
 * line and the web console call the same functions here); laptops read those decisions after
 * their cursor (peopleFeed) and push checks a change against the centre's role (centreRolesOf).
 */

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Records the laptop's people. Idempotent: a person whose name, role and creation are as stored
 * is not written again (no row lock, no new timestamp), so the report every round sends costs a
 * read. The laptop's role is kept apart from the centre's, which it never overrides.
 */
export async function reportPeople(
  db: Database,
  deviceId: string,
  people: readonly ReportedPerson[],
  now: Date,
): Promise<PeopleReportResponse> {
  if (people.length === 0) return { added: 0, updated: 0 };
  // In id order, as push writes people: two reports of the same people never wait in a cycle.
  const sorted = [...people].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const { rows } = await db.query<{ inserted: boolean }>(
    `INSERT INTO people AS k (id, name, updated_at, laptop_role, created_at, reported_by, reported_at)
     SELECT p.id, p.name, $2, p.role, p."createdAt", $3::uuid, $2
     FROM jsonb_to_recordset($1::jsonb) AS p(id uuid, name text, role text, "createdAt" timestamptz)
     ORDER BY p.id
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, laptop_role = EXCLUDED.laptop_role,
       created_at = COALESCE(k.created_at, EXCLUDED.created_at), updated_at = EXCLUDED.updated_at,
       reported_by = EXCLUDED.reported_by, reported_at = EXCLUDED.reported_at
     WHERE k.name IS DISTINCT FROM EXCLUDED.name
        OR k.laptop_role IS DISTINCT FROM EXCLUDED.laptop_role
        OR k.created_at IS NULL
     RETURNING (xmax = 0) AS inserted`,
    [JSON.stringify(sorted), now.toISOString(), deviceId],
  );
  const added = rows.filter((row) => row.inserted).length;
  return { added, updated: rows.length - added };
}

interface DecisionRow {
  id: string;
  name: string;
  centre_role: string | null;
  deactivated_at: Date | null;
  decision_rev: string | number;
  decided_at: Date;
}

/** The centre's decisions after `after`, oldest first: what a laptop applies to its people. */
export async function peopleFeed(
  db: Queryable,
  query: PeopleFeedQuery,
): Promise<PeopleFeedResponse> {
  const { rows } = await db.query<DecisionRow>(
    `SELECT id, name, centre_role, deactivated_at, decision_rev, decided_at FROM people
     WHERE decision_rev > $1 ORDER BY decision_rev LIMIT $2`,
    [query.after, query.limit + 1],
  );
  const hasMore = rows.length > query.limit;
  const page = hasMore ? rows.slice(0, query.limit) : rows;
  const people: CentreDecision[] = page.map((row) => ({
    id: row.id,
    name: row.name,
    role: row.centre_role as UserRole | null,
    deactivated: row.deactivated_at !== null,
    rev: Number(row.decision_rev),
    changedAt: isoTime(row.decided_at),
  }));
  return {
    people,
    next: people.at(-1)?.rev ?? query.after,
    hasMore,
    serverEpoch: await readServerEpoch(db),
  };
}

/**
 * The roles the centre set for these people (only those it set one for): push checks a change
 * against this instead of the role the laptop sent with it.
 */
export async function centreRolesOf(
  db: Queryable,
  personIds: readonly string[],
): Promise<Map<string, UserRole>> {
  if (personIds.length === 0) return new Map();
  const { rows } = await db.query<{ id: string; centre_role: string }>(
    `SELECT id, centre_role FROM people WHERE id = ANY($1::uuid[]) AND centre_role IS NOT NULL`,
    [[...personIds]],
  );
  return new Map(rows.map((row) => [row.id, row.centre_role as UserRole]));
}

interface PersonRow {
  id: string;
  name: string;
  laptop_role: string | null;
  centre_role: string | null;
  deactivated_at: Date | null;
  created_at: Date | null;
  reported_by: string | null;
  reported_by_name: string | null;
  reported_at: Date | null;
  decided_at: Date | null;
}

const personColumns = `p.id, p.name, p.laptop_role, p.centre_role, p.deactivated_at, p.created_at,
  p.reported_by, d.name AS reported_by_name, p.reported_at, p.decided_at`;

function summaryOf(row: PersonRow): PersonSummary {
  const role = (row.centre_role ?? row.laptop_role) as UserRole | null;
  return {
    id: row.id,
    name: row.name,
    role,
    roleSetBy: row.centre_role !== null ? 'centre' : row.laptop_role !== null ? 'laptop' : null,
    laptopRole: row.laptop_role as UserRole | null,
    deactivatedAt: row.deactivated_at === null ? null : isoTime(row.deactivated_at),
    createdAt: row.created_at === null ? null : isoTime(row.created_at),
    reportedBy:
      row.reported_by === null ? null : { id: row.reported_by, name: row.reported_by_name ?? '' },
    reportedAt: row.reported_at === null ? null : isoTime(row.reported_at),
    decidedAt: row.decided_at === null ? null : isoTime(row.decided_at),
  };
}

/** Everyone the server knows, by name: the command line's `people` and the console's list. */
export async function listPeople(db: Queryable): Promise<PersonSummary[]> {
  const { rows } = await db.query<PersonRow>(
    `SELECT ${personColumns} FROM people p LEFT JOIN devices d ON d.id = p.reported_by
     ORDER BY p.name, p.id`,
  );
  return rows.map(summaryOf);
}

/** What the centre's record says about one change, newest first (the console's audit). */
export async function listPersonChanges(
  db: Queryable,
  personId?: string,
): Promise<PersonChangeSummary[]> {
  const { rows } = await db.query<{
    id: string | number;
    person_id: string;
    name: string;
    change: PersonChangeSummary['change'];
    role_before: string | null;
    role_after: string | null;
    changed_by: string;
    changed_at: Date;
  }>(
    `SELECT c.id, c.person_id, p.name, c.change, c.role_before, c.role_after, c.changed_by,
            c.changed_at
     FROM person_changes c JOIN people p ON p.id = c.person_id
     WHERE $1::uuid IS NULL OR c.person_id = $1::uuid
     ORDER BY c.id DESC`,
    [personId ?? null],
  );
  return rows.map((row) => ({
    id: Number(row.id),
    person: { id: row.person_id, name: row.name },
    change: row.change,
    roleBefore: row.role_before as UserRole | null,
    roleAfter: row.role_after as UserRole | null,
    changedBy: row.changed_by,
    changedAt: isoTime(row.changed_at),
  }));
}

export type PersonDecisionResult =
  | { kind: 'changed'; person: PersonSummary }
  /** The person already was as asked: nothing written, no revision taken. */
  | { kind: 'unchanged'; person: PersonSummary }
  | { kind: 'not_found' }
  | { kind: 'ambiguous'; ids: string[] };

export type PersonDecision =
  { kind: 'role'; role: UserRole } | { kind: 'deactivate' } | { kind: 'reactivate' };

/**
 * An administrator's decision about a person, found by id or by exact name (when one person has
 * it): the change, its revision and its audit row in one transaction. `changedBy` says who
 * decided (the command line, or the console's signed-in account).
 */
export async function decideAboutPerson(
  db: Database,
  target: string,
  decision: PersonDecision,
  changedBy: string,
  now: Date,
  /** Written in the decision's transaction when it changed something (its audit log line). */
  alongside?: (tx: Queryable, person: PersonSummary) => Promise<void>,
): Promise<PersonDecisionResult> {
  return db.transaction(async (tx) => {
    const found = await tx.query<PersonRow>(
      `SELECT ${personColumns} FROM people p LEFT JOIN devices d ON d.id = p.reported_by
       WHERE ${uuidPattern.test(target) ? 'p.id = $1::uuid' : 'p.name = $1'}
       ORDER BY p.id FOR UPDATE OF p`,
      [target],
    );
    const row = found.rows[0];
    if (row === undefined) return { kind: 'not_found' } as const;
    if (found.rows.length > 1) return { kind: 'ambiguous', ids: found.rows.map((r) => r.id) };
    const before = summaryOf(row);
    const change = changeOf(before, decision);
    if (change === null) return { kind: 'unchanged', person: before };
    const allocated = await tx.query<{ rev: string | number }>(
      'UPDATE people_space SET rev = rev + 1 WHERE id = 1 RETURNING rev',
    );
    const rev = Number(allocated.rows[0]?.rev);
    const at = now.toISOString();
    await tx.query(
      `UPDATE people SET centre_role = CASE WHEN $2::text IS NULL THEN centre_role ELSE $2 END,
         deactivated_at = CASE $3::text WHEN 'deactivated' THEN $5::timestamptz
                                         WHEN 'reactivated' THEN NULL ELSE deactivated_at END,
         decision_rev = $4, decided_at = $5
       WHERE id = $1::uuid`,
      [row.id, change.kind === 'role' ? change.roleAfter : null, change.kind, rev, at],
    );
    await tx.query(
      `INSERT INTO person_changes (person_id, change, role_before, role_after, changed_by,
                                   changed_at, rev)
       VALUES ($1::uuid, $2, $3, $4, $5, $6, $7)`,
      [row.id, change.kind, before.role, change.roleAfter, changedBy, at, rev],
    );
    const after = await tx.query<PersonRow>(
      `SELECT ${personColumns} FROM people p LEFT JOIN devices d ON d.id = p.reported_by
       WHERE p.id = $1::uuid`,
      [row.id],
    );
    const person = summaryOf(after.rows[0] as PersonRow);
    await alongside?.(tx, person);
    return { kind: 'changed', person } as const;
  });
}

function changeOf(
  person: PersonSummary,
  decision: PersonDecision,
): { kind: PersonChangeSummary['change']; roleAfter: UserRole | null } | null {
  switch (decision.kind) {
    case 'role':
      // Set by the centre already with this role: nothing to decide. A role the laptop gave and
      // the centre now confirms IS a decision: from now on it is the centre's, and it wins.
      return person.roleSetBy === 'centre' && person.role === decision.role
        ? null
        : { kind: 'role', roleAfter: decision.role };
    case 'deactivate':
      return person.deactivatedAt !== null ? null : { kind: 'deactivated', roleAfter: person.role };
    case 'reactivate':
      return person.deactivatedAt === null ? null : { kind: 'reactivated', roleAfter: person.role };
  }
}
