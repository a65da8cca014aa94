import { z } from 'zod';
import { DomainMessageKeySchema, key, keyed, type DomainMessageKey } from './message-keys.ts';

/**
 * Free text typed by a person: trimmed, bounded, and allowed to be empty. Drafts use it for every
 * text field, so an input left blank is never an error while the person is still writing.
 */
export function textSchema(max: number) {
  return z.string(keyed('invalidText')).trim().max(max, key('tooLong'));
}

/** Free text that a FINAL record must have: blank (after trimming) reports 'required'. */
export function requiredTextSchema(max: number) {
  return textSchema(max).min(1, key('required'));
}

/** Calendar date (YYYY-MM-DD). Plain strings, because values cross IPC and HTTP as JSON. */
export const IsoDateSchema = z.iso.date(keyed('invalidDate'));

/** Instant with an explicit offset (or Z), so a record made abroad keeps its local reading. */
export const TimestampSchema = z.iso.datetime({ offset: true, ...keyed('invalidTimestamp') });

/** Local time of day, HH:MM (24 h); A3 makes the time optional next to the date. */
export const TimeOfDaySchema = z
  .string(keyed('invalidTime'))
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, key('invalidTime'));

/** Year of manufacture or import marking; early antiques (pre-1900, SDG 16.4.2) stay in range. */
export const YearSchema = z
  .int(keyed('invalidNumber'))
  .min(1300, key('yearOutOfRange'))
  .max(2100, key('yearOutOfRange'));

/** Local edit counter; conflicts are detected by revision, never by clock (ARCHITECTURE.md). */
export const RevisionSchema = z.int(keyed('invalidNumber')).min(0, key('invalidNumber'));

/** An object whose absence reports 'required' and whose wrong shape reports 'invalidObject'. */
export function objectOf<T extends z.core.$ZodLooseShape>(shape: T) {
  return z.object(shape, keyed('invalidObject'));
}

export const BooleanSchema = z.boolean(keyed('invalidBoolean'));

/**
 * A list nobody has started yet: missing means empty, so a form or a client never has to send
 * `[]` for every kind of item. The empty default still passes the list's own checks (prefault),
 * so `listOf(x, 1, 'photoRequired')` reports 'photoRequired' for a missing list too.
 */
export function listOf<T extends z.ZodType>(
  item: T,
  minimum?: { count: number; message: DomainMessageKey },
) {
  const list = z.array(item, keyed('invalidList'));
  return (minimum ? list.min(minimum.count, minimum.message) : list).prefault([]);
}

/**
 * Runs a FINAL record's cross-field checks even when some fields are missing, so a person sees
 * every problem at once instead of in waves. The value may then be incomplete or malformed,
 * so these checks compare with `===` and guard arrays; they never assume a field is present.
 */
export const alwaysOnObjects = {
  when: (payload: { value: unknown }): boolean =>
    typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value),
};

/** An issue found by a cross-field check, relative to the object checked. */
export const DomainIssueSchema = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  message: DomainMessageKeySchema,
});
export type DomainIssue = z.infer<typeof DomainIssueSchema>;

export function reportIssues(
  ctx: { addIssue: (issue: { code: 'custom'; path: PropertyKey[]; message: string }) => void },
  issues: readonly DomainIssue[],
): void {
  for (const issue of issues) ctx.addIssue({ code: 'custom', ...issue });
}

/**
 * Child records are addressed by id (sync, audit, custody), so an id may appear only once across
 * the given lists of `value`; the second occurrence is reported.
 */
export function duplicateIdIssues(value: unknown, listNames: readonly string[]): DomainIssue[] {
  if (typeof value !== 'object' || value === null) return [];
  const seen = new Set<unknown>();
  const issues: DomainIssue[] = [];
  for (const listName of listNames) {
    const list: unknown = (value as Record<string, unknown>)[listName];
    if (!Array.isArray(list)) continue;
    list.forEach((item: unknown, index) => {
      if (typeof item !== 'object' || item === null) return;
      const id = (item as { id?: unknown }).id;
      if (id === undefined) return;
      if (seen.has(id)) issues.push({ path: [listName, index, 'id'], message: 'duplicateId' });
      seen.add(id);
    });
  }
  return issues;
}
