import { z } from 'zod';
import { auditEntriesFor, type AuditEntry } from './audit-log.ts';
import type { Db } from './encrypted-database.ts';

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

/** Every amendment of an intake record, oldest first. */
export function amendmentsOf(
  db: Db,
  id: string,
): { readonly at: string; readonly userId: string | null; readonly reason: string }[] {
  return auditEntriesFor(db, 'intake_event', id).flatMap((entry) => {
    const reason = amendmentReasonOf(entry);
    return reason === null ? [] : [{ at: entry.at, userId: entry.userId, reason }];
  });
}
