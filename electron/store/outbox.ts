import type { Db } from './encrypted-database.ts';
import { prepared } from './prepared.ts';

export interface OutboxMutation {
  readonly entity: string;
  readonly entityId: string;
  readonly op: string;
  /**
   * The record's server revision when this change was made (0 if the server never acknowledged
   * it): the server detects conflicts from it.
   */
  readonly baseRevision: number;
  /** The whole record after the change. */
  readonly payload: unknown;
  /** The top-level fields this change touched; null (or absent) means all of them. */
  readonly changedFields?: readonly string[] | null;
  readonly createdAt: string;
  readonly createdBy: string;
}

/** Entities the server knows; other outbox rows (local people) never leave the laptop. */
export const SYNCED_ENTITIES = ['intake_event', 'location', 'campaign', 'attachment'] as const;
const syncedList = SYNCED_ENTITIES.map((entity) => `'${entity}'`).join(', ');
export const SYNCED_ENTITY_SQL = `(${syncedList})`;

/**
 * Queues one mutation for sync, inside the caller's transaction: a change and its outbox row commit
 * together, so a crash can never leave a saved record that sync does not know about. mutation_id is
 * AUTOINCREMENT, so ids only ever grow and are never reused, even after rows are removed.
 */
export function appendOutbox(db: Db, mutation: OutboxMutation): number {
  const result = prepared(
    db,
    `INSERT INTO outbox (entity, entity_id, op, base_revision, payload_json, changed_fields_json,
       created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    mutation.entity,
    mutation.entityId,
    mutation.op,
    mutation.baseRevision,
    JSON.stringify(mutation.payload),
    mutation.changedFields === undefined || mutation.changedFields === null
      ? null
      : JSON.stringify(mutation.changedFields),
    mutation.createdAt,
    mutation.createdBy,
  );
  return Number(result.lastInsertRowid);
}

export function pendingOutboxCount(db: Db): number {
  return (
    prepared(
      db,
      `SELECT count(*) AS n FROM outbox WHERE state = 'pending' AND entity IN ${SYNCED_ENTITY_SQL}`,
    ).get() as { n: number }
  ).n;
}

/** True when the record has changes the server has not acknowledged yet. */
export function hasPendingChanges(db: Db, entityId: string): boolean {
  return (
    prepared(db, "SELECT 1 FROM outbox WHERE entity_id = ? AND state = 'pending' LIMIT 1").get(
      entityId,
    ) !== undefined
  );
}
