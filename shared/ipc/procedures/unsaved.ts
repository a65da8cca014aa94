import { z } from 'zod';
import { RecordIdSchema } from '../../domain/ids.ts';
import { noInput } from './app.ts';
import { IntakeFilterSchema } from './records.ts';

/**
 * Typing main has not stored yet: the record editor's unsaved backup (per record) and the records
 * list's filters (a serial search is typed text too). Main keeps them in its memory for the person
 * who typed them, so the renderer keeps none: in the browser preview Chromium writes a page's
 * storage and form state to its profile on disk, in clear (issue 12).
 */

/** What main keeps at most; more is refused with TOO_LARGE, never dropped silently. */
export const unsavedTypingLimits = {
  /** One record's backup, as JSON text (characters). A draft of hundreds of weapons fits. */
  backupChars: 2 * 1024 * 1024,
  /** One person's backups together (characters). */
  personChars: 16 * 1024 * 1024,
  /** Records with a backup, per person. */
  personBackups: 64,
} as const;

/**
 * Puts and clears are sent without waiting for the answer, and the browser preview's HTTP bridge
 * may deliver two of them out of order. Each names its writer (one per page load) and a number
 * that counts up; main ignores a write older than the last one it applied from the same writer.
 */
export const WriteOrderSchema = z.object({
  writer: z.uuid(),
  seq: z.number().int().min(1),
});
export type WriteOrder = z.infer<typeof WriteOrderSchema>;

export const UnsavedBackupSchema = z.object({
  id: RecordIdSchema,
  /** The revision the unsaved values were based on; null for a record never saved. */
  baseRevision: z.number().int().min(0).nullable(),
  /** When the last change was made. */
  changedAt: z.iso.datetime({ offset: true }),
  /**
   * The form's values as JSON text, half-typed as they may be. Main keeps the text as it came
   * and never parses it; its size is checked against `unsavedTypingLimits` by the store, so every
   * "more than main keeps" is the one code TOO_LARGE.
   */
  valuesJson: z.string(),
});
export type UnsavedBackup = z.infer<typeof UnsavedBackupSchema>;

/** The list's filters as the person set them (paging is not kept). */
export const ListFiltersSchema = IntakeFilterSchema.pick({
  context: true,
  status: true,
  from: true,
  to: true,
  locationId: true,
  serial: true,
  search: true,
  reviewState: true,
  sort: true,
  direction: true,
});
export type ListFilters = z.infer<typeof ListFiltersSchema>;

/**
 * Reads need the data unlocked (LOCKED otherwise) and answer for the signed-in person only.
 * Writes are also taken while locked, for the person the lock was for: a keystroke sent just as
 * the app locked (or typed before the window heard of the lock) is kept for them, never refused.
 * Everything is in main's memory only and gone when the app quits.
 */
export const unsavedProcedures = {
  /** The signed-in person's unsaved backup of one record, or null. */
  getUnsavedBackup: {
    input: z.object({ id: RecordIdSchema }),
    output: UnsavedBackupSchema.nullable(),
  },
  /** The signed-in person's newest backup of a record never saved (a new record's page reloaded). */
  getUnsavedNewRecord: { input: noInput, output: UnsavedBackupSchema.nullable() },
  /** Replaces one record's backup; TOO_LARGE past `unsavedTypingLimits`. */
  putUnsavedBackup: {
    input: z.object({ backup: UnsavedBackupSchema, order: WriteOrderSchema }),
    output: z.null(),
  },
  /** Main has everything typed in this record, or the person discarded it. */
  clearUnsavedBackup: {
    input: z.object({ id: RecordIdSchema, order: WriteOrderSchema }),
    output: z.null(),
  },
  /** The signed-in person's list filters; none set is `{}`. */
  getListFilters: { input: noInput, output: ListFiltersSchema },
  putListFilters: {
    input: z.object({ filters: ListFiltersSchema, order: WriteOrderSchema }),
    output: z.null(),
  },
} as const;
