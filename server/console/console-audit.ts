import type { AuditEntry, ConsoleAuditAction } from '../../shared/console/api.ts';
import type { Queryable } from '../db/database.ts';
import { isoTime } from '../sync/stored-record.ts';

export interface AuditActor {
  /** The account that acted; null for the command line or a person not signed in. */
  readonly accountId: string | null;
  /** Shown in the log: an e-mail address, or "command line". */
  readonly label: string | null;
  readonly address: string | null;
}

/** How the command line's entries are stored (actor column) and recognised. */
const commandLineLabel = 'command line';

export const commandLineActor: AuditActor = {
  accountId: null,
  label: commandLineLabel,
  address: null,
};

/** One line of the console's audit log; written in the same transaction as what it records. */
export async function writeAudit(
  tx: Queryable,
  actor: AuditActor,
  action: ConsoleAuditAction,
  target: string | null,
  now: Date,
  details: Record<string, unknown> = {},
): Promise<void> {
  await tx.query(
    `INSERT INTO console_audit (at, actor_account_id, actor, action, target, details, address)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      now.toISOString(),
      actor.accountId,
      actor.label,
      action,
      target,
      JSON.stringify(details),
      actor.address,
    ],
  );
}

export async function listAudit(
  db: Queryable,
  query: { before?: number | undefined; limit: number },
): Promise<AuditEntry[]> {
  const { rows } = await db.query<{
    id: string | number;
    at: Date;
    actor: string | null;
    action: ConsoleAuditAction;
    target: string | null;
    record_number: string | null;
    details: Record<string, unknown> | string;
    address: string | null;
  }>(
    `SELECT a.id, a.at, a.actor, a.action, a.target, r.data ->> 'recordNumber' AS record_number,
       a.details, a.address
     FROM console_audit a
     LEFT JOIN records r ON a.action = 'record.reviewed' AND r.id = a.target
     WHERE ($1::bigint IS NULL OR a.id < $1) ORDER BY a.id DESC LIMIT $2`,
    [query.before ?? null, query.limit],
  );
  return rows.map((row) => ({
    id: String(row.id),
    at: isoTime(row.at),
    actor: row.actor === commandLineLabel ? null : row.actor,
    byCommandLine: row.actor === commandLineLabel,
    action: row.action,
    target: row.target,
    recordNumber: row.record_number,
    details:
      typeof row.details === 'string'
        ? (JSON.parse(row.details) as Record<string, unknown>)
        : row.details,
    address: row.address,
  }));
}
