import type { CentreDecision, ReportedPerson } from '../../shared/sync/protocol.ts';
import { appendAuditEntry } from './audit-log.ts';
import type { Db } from './encrypted-database.ts';
import { REMOTE_ROLE } from './sync-repository.ts';

/**
 * The centre's decisions about this laptop's people (issue 17, item 2), in the store: the
 * people the laptop reports, the decisions feed's cursor, and applying a page of decisions.
 * Every function runs inside the caller's transaction.
 */

/** What the centre decided about one person of this laptop. */
export interface CentreStanding {
  /** When the centre set their role (null: the role is this laptop's own). */
  readonly roleSetByCentreAt: string | null;
  /** When the centre deactivated them (null: active). */
  readonly deactivatedAt: string | null;
}

export function centreStandingOf(db: Db, userId: string): CentreStanding {
  const row = db
    .prepare(
      `SELECT role_set_by_centre_at AS roleSetByCentreAt, deactivated_at AS deactivatedAt
       FROM users WHERE id = ?`,
    )
    .get(userId) as CentreStanding | undefined;
  return row ?? { roleSetByCentreAt: null, deactivatedAt: null };
}

/**
 * Everyone this laptop holds as its own (not people known only from other laptops' records, not
 * people removed here), as the centre is told of them.
 */
export function peopleToReport(db: Db): ReportedPerson[] {
  return db
    .prepare(
      `SELECT id, name, role, created_at AS createdAt FROM users u
       WHERE role <> ? AND NOT EXISTS (
         SELECT 1 FROM audit_log a
         WHERE a.entity = 'user' AND a.entity_id = u.id AND a.action = 'user.removed')
       ORDER BY created_at, id`,
    )
    .all(REMOTE_ROLE) as ReportedPerson[];
}

export function readPeopleCursor(db: Db): number {
  return (
    db.prepare('SELECT after_rev AS rev FROM people_feed WHERE id = 1').get() as { rev: number }
  ).rev;
}

export function setPeopleCursor(db: Db, rev: number): void {
  db.prepare('UPDATE people_feed SET after_rev = ? WHERE id = 1').run(rev);
}

interface HeldPerson {
  id: string;
  name: string;
  role: string;
  role_set_by_centre_at: string | null;
  deactivated_at: string | null;
}

/** Who a page of decisions changed here, for the session to follow (lock, new role). */
export interface AppliedDecisions {
  readonly changed: readonly string[];
}

/**
 * Applies the centre's decisions to the people this laptop holds (others are skipped: the feed
 * carries everyone's), each change with an audit entry by nobody here (the centre decided). A
 * person's role becomes the centre's and stays the centre's; a deactivated person keeps every
 * record and audit entry, and only loses the right to unlock.
 */
export function applyCentreDecisions(
  db: Db,
  dbId: string,
  decisions: readonly CentreDecision[],
  at: string,
): AppliedDecisions {
  const find = db.prepare(
    `SELECT id, name, role, role_set_by_centre_at, deactivated_at FROM users
     WHERE id = ? AND role <> ?`,
  );
  const update = db.prepare(
    'UPDATE users SET role = ?, role_set_by_centre_at = ?, deactivated_at = ? WHERE id = ?',
  );
  const changed: string[] = [];
  for (const decision of decisions) {
    const held = find.get(decision.id, REMOTE_ROLE) as HeldPerson | undefined;
    if (held === undefined) continue;
    const role = decision.role ?? held.role;
    const roleSetAt =
      decision.role === null
        ? held.role_set_by_centre_at
        : held.role_set_by_centre_at !== null && held.role === decision.role
          ? held.role_set_by_centre_at
          : decision.changedAt;
    const deactivatedAt = decision.deactivated ? (held.deactivated_at ?? decision.changedAt) : null;
    if (
      role === held.role &&
      roleSetAt === held.role_set_by_centre_at &&
      deactivatedAt === held.deactivated_at
    ) {
      continue;
    }
    update.run(role, roleSetAt, deactivatedAt, held.id);
    appendAuditEntry(db, dbId, {
      at,
      userId: null,
      action: 'user.decided_by_centre',
      entity: 'user',
      entityId: held.id,
      before: {
        role: held.role,
        roleSetByCentreAt: held.role_set_by_centre_at,
        deactivatedAt: held.deactivated_at,
      },
      after: { role, roleSetByCentreAt: roleSetAt, deactivatedAt },
    });
    changed.push(held.id);
  }
  return { changed };
}
