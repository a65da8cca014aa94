import { z } from 'zod';
import { IsoDateSchema } from './primitives.ts';
import { normaliseMarkingText } from './serial-number.ts';

/**
 * A watch list (issue 15): serials of interest from outside this app, for example a national
 * register of lost and stolen firearms, imported from a CSV file. A serial typed anywhere is
 * checked against it the way it is checked against the items this laptop holds.
 */

/** Why a serial is listed. */
export const watchListReasonValues = ['lost', 'stolen', 'wanted', 'other'] as const;
export const WatchListReasonSchema = z.enum(watchListReasonValues);
export type WatchListReason = z.infer<typeof WatchListReasonSchema>;

/** The documented header of a watch-list file, in this order (extra columns are refused). */
export const watchListColumns = [
  'serial',
  'make',
  'model',
  'calibre',
  'reason',
  'reference',
  'listed_on',
] as const;
export type WatchListColumn = (typeof watchListColumns)[number];

/** A list's name: how the person tells lists apart, and what "replace" replaces. */
export const WatchListNameSchema = z.string().trim().min(1).max(120);

/** One listed serial, as stored: the serial as listed, and what describes the weapon. */
export const WatchListEntrySchema = z.object({
  serial: z.string().min(1).max(100),
  make: z.string().max(120).nullable(),
  model: z.string().max(120).nullable(),
  calibre: z.string().max(60).nullable(),
  reason: WatchListReasonSchema,
  reference: z.string().max(200).nullable(),
  listedOn: IsoDateSchema.nullable(),
});
export type WatchListEntry = z.infer<typeof WatchListEntrySchema>;

/** What is wrong with one row of a file, by the row's number as a spreadsheet shows it. */
export type WatchListRowProblem =
  | 'serialMissing'
  | 'serialTooLong'
  | 'textTooLong'
  | 'reasonUnknown'
  | 'dateInvalid'
  | 'columnCount';

const reasonSynonyms: Record<string, WatchListReason> = {
  lost: 'lost',
  stolen: 'stolen',
  wanted: 'wanted',
  other: 'other',
  // A register kept in Serbian says it in Serbian.
  izgubljeno: 'lost',
  ukradeno: 'stolen',
  traženo: 'wanted',
  ostalo: 'other',
};

/** A blank reason is "other": a register that lists serials without saying why is still a list. */
export function watchListReasonOf(text: string): WatchListReason | null {
  const value = text.trim().toLowerCase();
  if (value === '') return 'other';
  return reasonSynonyms[value] ?? null;
}

/**
 * A date as registers write it: ISO (2024-03-15) or the local day.month.year (15.03.2024 or
 * 15.3.2024.); blank is "not given".
 */
export function watchListDateOf(text: string): string | null | undefined {
  const value = text.trim();
  if (value === '') return null;
  const local = /^(\d{1,2})\.(\d{1,2})\.(\d{4})\.?$/.exec(value);
  const iso = local
    ? `${local[3]}-${local[2]!.padStart(2, '0')}-${local[1]!.padStart(2, '0')}`
    : value;
  if (!IsoDateSchema.safeParse(iso).success) return undefined;
  // The format checker accepts 2024-02-31; a register's date must be a real day.
  const date = new Date(`${iso}T00:00:00Z`);
  return date.toISOString().slice(0, 10) === iso ? iso : undefined;
}

/**
 * One row of a file (cells by column name) as an entry, or what is wrong with it. A serial is
 * required and must keep something once spaces and separators are taken out.
 */
export function watchListEntryOf(
  cells: Partial<Record<WatchListColumn, string>>,
): { entry: WatchListEntry } | { problems: WatchListRowProblem[] } {
  const text = (column: WatchListColumn) => {
    const value = (cells[column] ?? '').trim();
    return value === '' ? null : value;
  };
  const problems: WatchListRowProblem[] = [];
  const serial = text('serial') ?? '';
  if (normaliseMarkingText(serial) === '') problems.push('serialMissing');
  else if (serial.length > 100) problems.push('serialTooLong');
  const limits: Array<[WatchListColumn, number]> = [
    ['make', 120],
    ['model', 120],
    ['calibre', 60],
    ['reference', 200],
  ];
  if (limits.some(([column, max]) => (text(column)?.length ?? 0) > max)) {
    problems.push('textTooLong');
  }
  const reason = watchListReasonOf(cells.reason ?? '');
  if (reason === null) problems.push('reasonUnknown');
  const listedOn = watchListDateOf(cells.listed_on ?? '');
  if (listedOn === undefined) problems.push('dateInvalid');
  if (problems.length > 0 || reason === null || listedOn === undefined) return { problems };
  return {
    entry: {
      serial,
      make: text('make'),
      model: text('model'),
      calibre: text('calibre'),
      reason,
      reference: text('reference'),
      listedOn,
    },
  };
}
