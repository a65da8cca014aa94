import { z } from 'zod';
import { auditEntriesFor, type AuditEntry } from './audit-log.ts';
import type { PulledAmendment } from '../../shared/sync/protocol.ts';
import type { Db } from './encrypted-database.ts';
import { prepared } from './prepared.ts';

/** The audit action of an amendment to a final intake record. */
export const INTAKE_AMENDED = 'intake.amended';

/**
 * What an amendment's audit entry holds after the change: the reason the person gave and the
 * record as amended. The entry's `before` is the record as it was, so the chained log keeps every
 * revision of the evidence with who changed it, when and why.
 */
const AmendmentAfterSchema = z.object({
  reason: z.string(),
  record: z.record(z.string(), z.unknown()),
});
export type AmendmentAfter = z.infer<typeof AmendmentAfterSchema>;

export function amendmentAfter(record: object, reason: string): AmendmentAfter {
  return { reason, record: record as Record<string, unknown> };
}

/** The reason of an amendment entry; null for any other entry. */
export function amendmentReasonOf(entry: Pick<AuditEntry, 'action' | 'after'>): string | null {
  if (entry.action !== INTAKE_AMENDED) return null;
  const parsed = AmendmentAfterSchema.safeParse(entry.after);
  return parsed.success ? parsed.data.reason : null;
}

/** What an entry's `after` says the record became (an amendment wraps it with its reason). */
export function recordStateAfter(entry: Pick<AuditEntry, 'action' | 'after'>): unknown {
  if (entry.action !== INTAKE_AMENDED) return entry.after;
  const parsed = AmendmentAfterSchema.safeParse(entry.after);
  return parsed.success ? parsed.data.record : entry.after;
}

/** An amendment as the record's receipt lists it. */
export interface Amendment {
  readonly at: string;
  readonly userId: string | null;
  /** The author's name as the server gave it (an amendment pulled from another laptop). */
  readonly userName?: string;
  /** Null when the amending laptop sent no reason (see PulledAmendmentSchema). */
  readonly reason: string | null;
}

/**
 * Every amendment of an intake record, oldest first: those made here (in the audit log, with their
 * reasons even before they are sent) and those the server listed when the record was pulled
 * (made elsewhere, or here before a reinstall). One made here and listed by the server is the same
 * time and person: it is listed once.
 */
export function amendmentsOf(db: Db, id: string): Amendment[] {
  const local = auditEntriesFor(db, 'intake_event', id).flatMap((entry): Amendment[] => {
    const reason = amendmentReasonOf(entry);
    return reason === null ? [] : [{ at: entry.at, userId: entry.userId, reason }];
  });
  const seen = new Set(local.map((amendment) => `${amendment.at}\n${amendment.userId}`));
  const pulled = pulledAmendmentsOf(db, id)
    .filter((amendment) => !seen.has(`${amendment.deviceTime}\n${amendment.author.id}`))
    .map((amendment): Amendment => ({
      at: amendment.deviceTime,
      userId: amendment.author.id,
      userName: amendment.author.name,
      reason: amendment.reason,
    }));
  return [...local, ...pulled].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/**
 * Keeps the amendments the server listed for a pulled record, in the pull's transaction. The
 * server's list is whole, so it replaces what was kept before.
 */
export function keepPulledAmendments(
  db: Db,
  recordId: string,
  amendments: readonly PulledAmendment[],
): void {
  forgetPulledAmendments(db, recordId);
  const insert = prepared(
    db,
    `INSERT INTO pulled_amendments (record_id, server_rev, author_id, author_name, device_time,
       received_at, reason) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const amendment of amendments) {
    insert.run(
      recordId,
      amendment.serverRev,
      amendment.author.id,
      amendment.author.name,
      amendment.deviceTime,
      amendment.receivedAt,
      amendment.reason,
    );
  }
}

/** The record left this laptop (deleted, or out of its team's scope): so do its amendments. */
export function forgetPulledAmendments(db: Db, recordId: string): void {
  prepared(db, 'DELETE FROM pulled_amendments WHERE record_id = ?').run(recordId);
}

/** The amendments the server listed for a record, oldest first. */
export function pulledAmendmentsOf(db: Db, recordId: string): PulledAmendment[] {
  const rows = prepared(
    db,
    `SELECT server_rev, author_id, author_name, device_time, received_at, reason
     FROM pulled_amendments WHERE record_id = ? ORDER BY server_rev`,
  ).all(recordId) as {
    server_rev: number;
    author_id: string;
    author_name: string;
    device_time: string;
    received_at: string;
    reason: string | null;
  }[];
  return rows.map((row) => ({
    serverRev: row.server_rev,
    author: { id: row.author_id, name: row.author_name },
    deviceTime: row.device_time,
    receivedAt: row.received_at,
    reason: row.reason,
  }));
}

/**
 * The server's amendments of a record set against this laptop's history of it (`entries`, in
 * seq order). A pulled revision (a `sync.received` entry, written at the server's time of
 * receipt and by the change's author) that an amendment made is that amendment: the latest
 * one received at that time by that person, since one push can carry several. Amendments no
 * entry stands for were made elsewhere between two pulls (the laptop received only the last
 * revision) and are listed apart, unless this laptop made them itself (its own amendment entry,
 * at the device's time).
 */
export function pulledAmendmentsInHistory(
  db: Db,
  recordId: string,
  entries: readonly AuditEntry[],
): { bySeq: Map<number, PulledAmendment>; unseen: PulledAmendment[] } {
  const key = (at: string, userId: string | null) => `${at}\n${userId ?? ''}`;
  const waiting = new Map<string, PulledAmendment[]>();
  for (const amendment of pulledAmendmentsOf(db, recordId)) {
    const at = key(amendment.receivedAt, amendment.author.id);
    waiting.set(at, [...(waiting.get(at) ?? []), amendment]);
  }
  const bySeq = new Map<number, PulledAmendment>();
  const madeHere = new Set<string>();
  for (const entry of entries) {
    if (entry.action === INTAKE_AMENDED) madeHere.add(key(entry.at, entry.userId));
    if (entry.action !== 'sync.received') continue;
    // Oldest first (by server revision): the pulled revision is the last of them.
    const amendment = waiting.get(key(entry.at, entry.userId))?.pop();
    if (amendment !== undefined) bySeq.set(entry.seq, amendment);
  }
  const unseen = [...waiting.values()]
    .flat()
    .filter((amendment) => !madeHere.has(key(amendment.deviceTime, amendment.author.id)))
    .sort((a, b) => a.serverRev - b.serverRev);
  return { bySeq, unseen };
}

/** An amendment made on this laptop, whole: the record before it and after it, and why. */
export interface LocalAmendment {
  readonly at: string;
  readonly userId: string;
  readonly reason: string;
  readonly before: Record<string, unknown>;
  readonly after: Record<string, unknown>;
}

/**
 * The amendments made on this laptop to an intake record, oldest first, from its audit log (each
 * entry keeps the record before and after): what a restored server that lost the record needs to
 * hear again, change by change with its reason, to hold the record's history as well as its state.
 */
export function localAmendmentsOf(db: Db, id: string): LocalAmendment[] {
  return auditEntriesFor(db, 'intake_event', id).flatMap((entry): LocalAmendment[] => {
    if (entry.action !== INTAKE_AMENDED || entry.userId === null) return [];
    const after = AmendmentAfterSchema.safeParse(entry.after);
    const before = z.record(z.string(), z.unknown()).safeParse(entry.before);
    if (!after.success || !before.success) return [];
    return [
      {
        at: entry.at,
        userId: entry.userId,
        reason: after.data.reason,
        before: before.data,
        after: after.data.record,
      },
    ];
  });
}
