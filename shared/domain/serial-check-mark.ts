import { z } from 'zod';
import { RecordIdSchema } from './ids.ts';
import { key, keyed } from './message-keys.ts';
import { IsoDateSchema, textSchema } from './primitives.ts';

/**
 * A weapon's "checked" flags (issue 15): against what its serial was checked, when, by whom, and
 * with what result. The checks against this laptop's records and its watch lists are set by main
 * when the record is saved (never taken from the form); iARMS and the national register have no
 * interface this app can reach, so those are ticked by a person, with the date and a reference.
 */
export const serialCheckSourceValues = [
  'local_records',
  'watch_list',
  'national_register',
  'iarms',
] as const;
export const SerialCheckSourceSchema = z.enum(serialCheckSourceValues, keyed('invalidOption'));
export type SerialCheckSource = z.infer<typeof SerialCheckSourceSchema>;

/** Checked by the app itself; a mark of these kinds sent by the form is ignored. */
export const automaticSerialChecks: readonly SerialCheckSource[] = ['local_records', 'watch_list'];

export const SerialCheckMarkSchema = z.object(
  {
    against: SerialCheckSourceSchema,
    on: IsoDateSchema,
    /** The person who checked (automatic checks: who saved the record). */
    by: RecordIdSchema.optional(),
    result: z.enum(['no_match', 'match'], keyed('invalidOption')),
    /** The answer's reference: an iARMS query number, a register's case number. */
    reference: textSchema(120).optional(),
  },
  keyed('invalidObject'),
);
export type SerialCheckMark = z.infer<typeof SerialCheckMarkSchema>;

/** One mark per kind of check: the latest answer is the one that counts. */
export const SerialCheckMarksSchema = z
  .array(SerialCheckMarkSchema, keyed('invalidList'))
  .max(serialCheckSourceValues.length, key('invalidList'))
  .refine(
    (marks) => new Set(marks.map((mark) => mark.against)).size === marks.length,
    key('invalidList'),
  );
