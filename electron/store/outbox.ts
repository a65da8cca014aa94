import { recordEntities } from '../../shared/records/record-entities.ts';
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
  /** An amendment's reason, sent with it (never folded: only updates fold). */
  readonly reason?: string;
}

/** Entities the server knows; other outbox rows (local people) never leave the laptop. */
export const SYNCED_ENTITIES = recordEntities;
const syncedList = SYNCED_ENTITIES.map((entity) => `'${entity}'`).join(', ');
export const SYNCED_ENTITY_SQL = `(${syncedList})`;

interface LastRow {
  mutation_id: number;
  entity: string;
  entity_id: string;
  op: string;
  base_revision: number;
  changed_fields_json: string | null;
  created_by: string;
  state: string;
  wire_id: number | null;
}

/**
 * Queues one mutation for sync, inside the caller's transaction: a change and its outbox row commit
 * together, so a crash can never leave a saved record that sync does not know about. mutation_id is
 * AUTOINCREMENT, so ids only ever grow and are never reused, even after rows are removed.
 *
 * Consecutive saves of one record by one person (autosave while a form is filled in) fold into
 * the row they follow: the server gets one change carrying every field touched instead of one per
 * keystroke pause. Only into the newest row, so nothing moves ahead of a change queued after it;
 * only while that row was never sent (no wire id), so a change in flight is never altered; the
 * oldest save's time stays, for the 24-hour warning. The audit log keeps every save.
 */
export function appendOutbox(db: Db, mutation: OutboxMutation): number {
  const last = prepared(
    db,
    `SELECT mutation_id, entity, entity_id, op, base_revision, changed_fields_json, created_by,
       state, wire_id FROM outbox ORDER BY mutation_id DESC LIMIT 1`,
  ).get() as LastRow | undefined;
  if (
    last !== undefined &&
    mutation.op === 'update' &&
    (last.op === 'update' || last.op === 'create') &&
    last.state === 'pending' &&
    last.wire_id === null &&
    last.entity === mutation.entity &&
    last.entity_id === mutation.entityId &&
    last.created_by === mutation.createdBy &&
    last.base_revision === mutation.baseRevision
  ) {
    prepared(
      db,
      'UPDATE outbox SET payload_json = ?, changed_fields_json = ? WHERE mutation_id = ?',
    ).run(
      JSON.stringify(mutation.payload),
      last.op === 'create' ? null : unionOfChangedFields(last.changed_fields_json, mutation),
      last.mutation_id,
    );
    return last.mutation_id;
  }
  const values = [
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
  ];
  // Without the reason column unless there is a reason: migration 50 queues changes through
  // here on a store whose outbox has no such column yet (it comes with migration 210).
  const result =
    mutation.reason === undefined
      ? prepared(
          db,
          `INSERT INTO outbox (entity, entity_id, op, base_revision, payload_json,
             changed_fields_json, created_at, created_by)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(...values)
      : prepared(
          db,
          `INSERT INTO outbox (entity, entity_id, op, base_revision, payload_json,
             changed_fields_json, created_at, created_by, reason)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(...values, mutation.reason);
  return Number(result.lastInsertRowid);
}

/** Null (every field) wins; otherwise both changes' fields, once each. */
function unionOfChangedFields(before: string | null, mutation: OutboxMutation): string | null {
  if (before === null || mutation.changedFields === undefined || mutation.changedFields === null)
    return null;
  const fields = new Set([...(JSON.parse(before) as string[]), ...mutation.changedFields]);
  return JSON.stringify([...fields].sort());
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
