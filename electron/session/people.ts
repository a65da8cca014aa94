import type { UserRole } from '../../shared/domain/enums.ts';
import type { Db } from '../store/encrypted-database.ts';
import { REMOTE_ROLE } from '../store/sync-repository.ts';
import type { UserRow } from '../store/users-repository.ts';

/**
 * The people of this laptop as the session manages them, read and changed inside the caller's
 * transaction. "Local" people are those set up or added here; people named on records pulled
 * from other laptops have the remote role and are never listed, counted or changed here.
 *
 * A removal is the audit entry `user.removed` (written in the same transaction as the checks
 * that allow it), not a column: the user row stays as it was, so every record and history entry
 * keeps its author's name and role, and the append-only audit log (its triggers refuse updates
 * and deletes) makes a removal final. It is looked up through the audit log's (entity,
 * entity_id) index. A person removed and needed again is added anew, with a new id.
 */
export const PERSON_REMOVED = 'user.removed';

const notRemoved = `NOT EXISTS (
  SELECT 1 FROM audit_log a
  WHERE a.entity = 'user' AND a.entity_id = users.id AND a.action = '${PERSON_REMOVED}'
)`;

const columns = `id, name, role, created_at AS createdAt,
  role_set_by_centre_at AS roleSetByCentreAt, deactivated_at AS deactivatedAt`;

/**
 * A person of this laptop with what the centre decided about them (store/centre-people.ts): a
 * role set at the centre, and whether the centre deactivated them. A deactivated person stays
 * listed (marked as such) but can no longer unlock.
 */
export interface LocalPerson extends UserRow {
  readonly roleSetByCentreAt: string | null;
  readonly deactivatedAt: string | null;
}

/** Everyone who may use this laptop now, oldest first (the first is who set it up). */
export function listLocalPeople(db: Db): LocalPerson[] {
  return db
    .prepare(
      `SELECT ${columns} FROM users WHERE role <> ? AND ${notRemoved} ORDER BY created_at, id`,
    )
    .all(REMOTE_ROLE) as LocalPerson[];
}

/** A local person who has not been removed, or null. */
export function findLocalPerson(db: Db, userId: string): LocalPerson | null {
  const row = db
    .prepare(`SELECT ${columns} FROM users WHERE id = ? AND role <> ? AND ${notRemoved}`)
    .get(userId, REMOTE_ROLE) as LocalPerson | undefined;
  return row ?? null;
}

export function isRemoved(db: Db, userId: string): boolean {
  return (
    db
      .prepare(
        `SELECT 1 FROM audit_log WHERE entity = 'user' AND entity_id = ? AND action = ? LIMIT 1`,
      )
      .get(userId, PERSON_REMOVED) !== undefined
  );
}

/**
 * Administrators who can still unlock: the count the last-administrator rule protects. One the
 * centre deactivated cannot (the centre, which decided, can still manage people).
 */
export function countAdministrators(db: Db): number {
  const row = db
    .prepare(
      `SELECT count(*) AS n FROM users
       WHERE role = 'administrator' AND deactivated_at IS NULL AND ${notRemoved}`,
    )
    .get() as { n: number };
  return row.n;
}

export function updateRole(db: Db, userId: string, role: UserRole): void {
  db.prepare('UPDATE users SET role = ? WHERE id = ? AND role <> ?').run(role, userId, REMOTE_ROLE);
}
