import { parse } from 'csv-parse';
import { readSheet } from 'read-excel-file/node';

/**
 * The separator of a CSV, from its header line: a spreadsheet in a locale whose decimal mark is a
 * comma (Serbian, most of Europe) saves with semicolons; a tab where it was exported as TSV.
 */
export function delimiterOf(bytes: Buffer): string {
  const end = bytes.indexOf(0x0a);
  const header = bytes.subarray(0, end < 0 ? Math.min(bytes.length, 64 * 1024) : end).toString();
  const outside = header.replace(/"[^"]*"/g, '');
  const count = (separator: string) => outside.split(separator).length - 1;
  return [',', ';', '\t'].reduce((best, separator) =>
    count(separator) > count(best) ? separator : best,
  );
}

/**
 * Rows of a CSV, header first, every cell as text, read synchronously from the bytes through
 * csv-parse's streaming parser (64 KiB at a time): only the rows not yet taken are held, and the
 * caller may run inside one SQLite transaction, which cannot span an await.
 */
export function* csvRows(bytes: Buffer): Generator<string[]> {
  // The stream parser's own engine (what its _transform and _flush call), driven here without
  // the stream so that the end of the input is handled at once rather than on a later tick.
  const { api } = parse({
    bom: true,
    delimiter: delimiterOf(bytes),
    relax_column_count: true,
    skip_empty_lines: true,
  }) as unknown as {
    api: {
      parse(
        input: Buffer | undefined,
        end: boolean,
        push: (record: string[]) => void,
        close: () => void,
      ): Error | undefined;
    };
  };
  const chunk = 64 * 1024;
  const ready: string[][] = [];
  const push = (record: string[]) => ready.push(record);
  for (let offset = 0; offset <= bytes.length; offset += chunk) {
    const last = offset + chunk >= bytes.length;
    const failure = api.parse(bytes.subarray(offset, offset + chunk), false, push, () => undefined);
    if (failure !== undefined) throw failure;
    if (last) {
      const ended = api.parse(undefined, true, push, () => undefined);
      if (ended !== undefined) throw ended;
    }
    yield* ready.splice(0);
    if (last) return;
  }
}

/** Rows of the file as text; an XLSX sheet is loaded whole by its reader (no streaming one). */
export async function rowsOf(format: 'csv' | 'xlsx', bytes: Buffer): Promise<Iterable<string[]>> {
  if (format === 'csv') return { [Symbol.iterator]: () => csvRows(bytes) };
  const rows = await readSheet(bytes);
  return rows.map((row) =>
    row.map((cell) =>
      cell === null
        ? ''
        : cell instanceof Date
          ? cell.toISOString().slice(0, 10)
          : String(cell as string | number | boolean),
    ),
  );
}
