import { z } from 'zod';
import { RecordIdSchema } from '../../domain/ids.ts';
import { SerialLookupMatchSchema } from '../../sync/protocol.ts';
import { WatchListReasonSchema } from '../../domain/watch-list.ts';
import { ItemSummarySchema } from './items.ts';

/**
 * The serial check (issue 15): a serial typed anywhere is looked up, in its search form, against
 * every item this laptop holds (serials and the texts read off items), so a weapon seen before is
 * never missed because nobody thought to search.
 */

/** What makes a match an alarm that cannot be missed. */
export const serialAlarmValues = ['destroyed', 'lost_stolen', 'under_trace', 'watch_list'] as const;
export const SerialAlarmSchema = z.enum(serialAlarmValues);
export type SerialAlarm = z.infer<typeof SerialAlarmSchema>;

export const SerialMatchSchema = ItemSummarySchema.extend({
  /** Matched on the item's serial, or on another text read off it (a marking, a lot number). */
  matchedOn: z.enum(['serial', 'marking']),
  /** The whole search form matches; otherwise what was typed is how it begins. */
  exact: z.boolean(),
  alarm: SerialAlarmSchema.nullable(),
});
export type SerialMatch = z.infer<typeof SerialMatchSchema>;

/** A serial on a watch list (a register of lost and stolen firearms, for example). */
export const WatchListMatchSchema = z.object({
  listName: z.string(),
  /** The serial as the list gives it. */
  serial: z.string(),
  make: z.string().nullable(),
  model: z.string().nullable(),
  calibre: z.string().nullable(),
  reason: WatchListReasonSchema,
  reference: z.string().nullable(),
  listedOn: z.string().nullable(),
  exact: z.boolean(),
  /** An exact hit on a watch list is always an alarm. */
  alarm: z.literal('watch_list').nullable(),
});
export type WatchListMatch = z.infer<typeof WatchListMatchSchema>;

export const SerialCheckInputSchema = z.object({
  serial: z.string().max(100),
  /** Narrow by make and calibre where both sides know them. */
  manufacturer: z.string().max(120).optional(),
  calibre: z.string().max(60).optional(),
  /** The record being typed: its own items are not "seen before". */
  intakeEventId: RecordIdSchema.optional(),
});
export type SerialCheckInput = z.infer<typeof SerialCheckInputSchema>;

export const SerialCheckResultSchema = z.object({
  /** The search form the serial was checked in (empty: nothing to check). */
  normalised: z.string(),
  matches: z.array(SerialMatchSchema),
  /** Found, but left out: a different make or calibre from the one typed. */
  narrowedOut: z.number().int(),
  /** Serials on this laptop's watch lists that match (narrowed by make and calibre the same way). */
  watchListMatches: z.array(WatchListMatchSchema),
  /** An exact hit was written to this laptop's log of serial checks (once per record and serial). */
  recorded: z.boolean(),
  /**
   * Matches the sync server holds that this laptop does not (issue 15): named by their record
   * number, since there is no record here to open.
   */
  serverMatches: z.array(SerialLookupMatchSchema),
  /** yes: the server answered; unreachable: offline or too slow; not_set_up: no sync server. */
  serverChecked: z.enum(['yes', 'unreachable', 'not_set_up']),
});
export type SerialCheckResult = z.infer<typeof SerialCheckResultSchema>;

export const serialCheckProcedures = {
  checkSerial: { input: SerialCheckInputSchema, output: SerialCheckResultSchema },
} as const;
