import type { Db } from './encrypted-database.ts';
import { prepared } from './prepared.ts';

export interface OutboxMutation {
  readonly entity: string;
  readonly entityId: string;
  readonly op: string;
  /** The record revision this change was based on; sync uses it to detect conflicts. */
  readonly baseRevision: number;
  readonly payload: unknown;
  readonly createdAt: string;
  readonly createdBy: string;
}

/**
 * Queues one mutation for sync, inside the caller's transaction: a change and its outbox row commit
 * together, so a crash can never leave a saved record that sync does not know about. mutation_id is
 * AUTOINCREMENT, so ids only ever grow and are never reused, even after rows are removed.
 */
export function appendOutbox(db: Db, mutation: OutboxMutation): number {
  const result = db
    .prepare(
      `INSERT INTO outbox (entity, entity_id, op, base_revision, payload_json, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      mutation.entity,
      mutation.entityId,
      mutation.op,
      mutation.baseRevision,
      JSON.stringify(mutation.payload),
      mutation.createdAt,
      mutation.createdBy,
    );
  return Number(result.lastInsertRowid);
}

export function pendingOutboxCount(db: Db): number {
  return (
    prepared(db, "SELECT count(*) AS n FROM outbox WHERE state = 'pending'").get() as { n: number }
  ).n;
}
