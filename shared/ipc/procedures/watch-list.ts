import { z } from 'zod';
import { WatchListNameSchema } from '../../domain/watch-list.ts';
import { noInput } from './app.ts';

/**
 * Watch lists (issue 15): a list of serials of interest is imported from a CSV file (header
 * serial,make,model,calibre,reason,reference,listed_on; comma or semicolon), listed with its
 * count, and removed. Importing is for administrators and team leads, checked in main.
 */

/** Large enough for a national register (about 200 000 rows), small enough for one IPC message. */
export const watchListFileMaxChars = 20_000_000;

export const WatchListRowErrorSchema = z.object({
  /** The row's number as a spreadsheet shows it: the header is row 1. */
  row: z.number().int(),
  problems: z.array(
    z.enum([
      'serialMissing',
      'serialTooLong',
      'textTooLong',
      'reasonUnknown',
      'dateInvalid',
      'columnCount',
    ]),
  ),
});
export type WatchListRowError = z.infer<typeof WatchListRowErrorSchema>;

export const ImportWatchListInputSchema = z.object({
  listName: WatchListNameSchema,
  fileName: z.string().max(260).default(''),
  /** The file's text, as read by the renderer. */
  csv: z.string().max(watchListFileMaxChars),
  /** Replace the list of that name, or add these rows to it. */
  mode: z.enum(['replace', 'add']),
});

export const ImportWatchListResultSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    imported: z.number().int(),
    /** Rows the list held before that this import replaced. */
    replaced: z.number().int(),
  }),
  z.object({
    ok: z.literal(false),
    /** The file itself cannot be read as a watch list: nothing imported. */
    fileProblem: z.enum(['empty', 'header', 'unreadable']).nullable(),
    /** The header the file has, when it is not the documented one. */
    header: z.array(z.string()).optional(),
    /** Every row that is wrong (at most the first 200): nothing imported. */
    rowErrors: z.array(WatchListRowErrorSchema),
    rowErrorCount: z.number().int(),
  }),
]);
export type ImportWatchListResult = z.infer<typeof ImportWatchListResultSchema>;

export const WatchListSummarySchema = z.object({
  name: z.string(),
  fileName: z.string(),
  entries: z.number().int(),
  importedAt: z.string(),
  importedBy: z.string(),
  /** The importer's name, when this laptop knows them. */
  importedByName: z.string().nullable(),
});
export type WatchListSummary = z.infer<typeof WatchListSummarySchema>;

export const watchListProcedures = {
  importWatchList: { input: ImportWatchListInputSchema, output: ImportWatchListResultSchema },
  listWatchLists: {
    input: noInput,
    output: z.object({ lists: z.array(WatchListSummarySchema), total: z.number().int() }),
  },
  removeWatchList: {
    input: z.object({ listName: WatchListNameSchema }),
    output: z.object({ removed: z.number().int() }),
  },
} as const;
