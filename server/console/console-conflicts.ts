import type { ConflictEntry, RejectedEntry } from '../../shared/console/api.ts';
import { MutationResultSchema } from '../../shared/sync/protocol.ts';
import type { Database, Queryable } from '../db/database.ts';
import { isoTime } from '../sync/stored-record.ts';
import { writeAudit, type AuditActor } from './console-audit.ts';
import { ConsoleHttpError } from './console-http-error.ts';

/** The console shows the newest first, this many of each list. */
const listLimit = 500;

/** mutation_results.result is text: the exact JSON sent to the laptop. */
function json(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

export async function listConflicts(db: Queryable, show: 'open' | 'all'): Promise<ConflictEntry[]> {
  const { rows } = await db.query<{
    id: string | number;
    record_id: string;
    device_id: string;
    device_name: string | null;
    field: string;
    device_value: unknown;
    server_value: unknown;
    kind: string;
    created_at: Date;
    resolved_at: Date | null;
  }>(
    `SELECT c.id, c.record_id, c.device_id, d.name AS device_name, c.field, c.device_value,
            c.server_value, c.kind, c.created_at, c.resolved_at
     FROM sync_conflicts c LEFT JOIN devices d ON d.id = c.device_id
     WHERE $1 OR c.resolved_at IS NULL ORDER BY c.id DESC LIMIT $2`,
    [show === 'all', listLimit],
  );
  return rows.map((row) => ({
    id: String(row.id),
    recordId: row.record_id,
    deviceId: row.device_id,
    deviceName: row.device_name,
    field: row.field,
    // jsonb: both drivers hand it over parsed already (a JSON string arrives as a JS string).
    deviceValue: row.device_value,
    serverValue: row.server_value,
    kind: row.kind,
    createdAt: isoTime(row.created_at),
    resolvedAt: row.resolved_at === null ? null : isoTime(row.resolved_at),
  }));
}

/**
 * Changes the server refused (rejected mutation results), newest first. The stored results are
 * the exact JSON sent to the laptop; the record id comes from the server state it carried.
 */
export async function listRejected(db: Queryable, show: 'open' | 'all'): Promise<RejectedEntry[]> {
  const { rows } = await db.query<{
    device_id: string;
    device_name: string | null;
    mutation_id: string | number;
    result: string;
    resolved_at: Date | null;
  }>(
    `SELECT r.device_id, d.name AS device_name, r.mutation_id, r.result, x.resolved_at
     FROM mutation_results r
     LEFT JOIN devices d ON d.id = r.device_id
     LEFT JOIN console_resolved_rejections x
       ON x.device_id = r.device_id AND x.mutation_id = r.mutation_id
     WHERE r.result LIKE '%"outcome":"rejected"%' AND ($1 OR x.resolved_at IS NULL)
     ORDER BY r.device_id, r.mutation_id DESC LIMIT $2`,
    [show === 'all', listLimit],
  );
  const entries: RejectedEntry[] = [];
  for (const row of rows) {
    const parsed = MutationResultSchema.safeParse(json(row.result));
    if (!parsed.success || parsed.data.outcome !== 'rejected') continue;
    const state = parsed.data.serverState as { id?: unknown } | null;
    entries.push({
      deviceId: row.device_id,
      deviceName: row.device_name,
      mutationId: Number(row.mutation_id),
      reason: parsed.data.reason,
      message: parsed.data.message,
      recordId: typeof state?.id === 'string' ? state.id : null,
      resolvedAt: row.resolved_at === null ? null : isoTime(row.resolved_at),
    });
  }
  return entries;
}

export async function resolveConflict(
  db: Database,
  conflictId: string,
  now: Date,
  actor: AuditActor,
): Promise<void> {
  if (!/^\d{1,18}$/.test(conflictId))
    throw new ConsoleHttpError(404, 'NOT_FOUND', 'No such conflict.');
  await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ record_id: string; field: string; resolved_at: Date | null }>(
      'SELECT record_id, field, resolved_at FROM sync_conflicts WHERE id = $1 FOR UPDATE',
      [conflictId],
    );
    const row = rows[0];
    if (row === undefined) throw new ConsoleHttpError(404, 'NOT_FOUND', 'No such conflict.');
    if (row.resolved_at !== null) return;
    await tx.query('UPDATE sync_conflicts SET resolved_at = $2, resolved_by = $3 WHERE id = $1', [
      conflictId,
      now.toISOString(),
      actor.accountId,
    ]);
    await writeAudit(tx, actor, 'conflict.resolved', conflictId, now, {
      recordId: row.record_id,
      field: row.field,
    });
  });
}

export async function resolveRejected(
  db: Database,
  deviceId: string,
  mutationId: number,
  now: Date,
  actor: AuditActor,
): Promise<void> {
  await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ result: string }>(
      'SELECT result FROM mutation_results WHERE device_id::text = $1 AND mutation_id = $2',
      [deviceId, mutationId],
    );
    const stored = rows[0];
    const parsed =
      stored === undefined ? null : MutationResultSchema.safeParse(json(stored.result));
    if (parsed === null || !parsed.success || parsed.data.outcome !== 'rejected') {
      throw new ConsoleHttpError(404, 'NOT_FOUND', 'No such rejected change.');
    }
    const inserted = await tx.query(
      `INSERT INTO console_resolved_rejections (device_id, mutation_id, resolved_at, resolved_by)
       VALUES ($1::uuid, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING 1`,
      [deviceId, mutationId, now.toISOString(), actor.accountId],
    );
    if (inserted.rows.length === 0) return;
    await writeAudit(
      tx,
      actor,
      'rejected_change.resolved',
      `${deviceId}#${String(mutationId)}`,
      now,
      {
        reason: parsed.data.reason,
      },
    );
  });
}
