import { parse } from 'csv-parse';
import { xlsxRows } from './xlsx-rows.ts';

/** How far the header line is looked for: a header is a few hundred characters. */
const headerWindow = 64 * 1024;

/**
 * The separator of a CSV, from its header line: a spreadsheet in a locale whose decimal mark is a
 * comma (Serbian, most of Europe) saves with semicolons; a tab where it was exported as TSV.
 */
export function delimiterOf(start: Buffer): string {
  const end = start.indexOf(0x0a);
  const header = start.subarray(0, end < 0 ? Math.min(start.length, headerWindow) : end).toString();
  const outside = header.replace(/"[^"]*"/g, '');
  const count = (separator: string) => outside.split(separator).length - 1;
  return [',', ';', '\t'].reduce((best, separator) =>
    count(separator) > count(best) ? separator : best,
  );
}

/** The file's first bytes, up to the end of its first line (or the header window). */
function headerBytes(chunks: Iterable<Buffer>): Buffer {
  const taken: Buffer[] = [];
  let length = 0;
  for (const chunk of chunks) {
    taken.push(chunk);
    length += chunk.length;
    if (chunk.includes(0x0a) || length >= headerWindow) break;
  }
  return Buffer.concat(taken);
}

/**
 * Rows of a CSV, header first, every cell as text, parsed block by block through csv-parse's
 * streaming engine, synchronously: only the rows of the current block are held, and the caller
 * may run inside one SQLite transaction, which cannot span an await.
 */
export function* csvRows(chunks: () => Iterable<Buffer>): Generator<string[]> {
  // The stream parser's own engine (what its _transform and _flush call), driven here without
  // the stream so that the end of the input is handled at once rather than on a later tick.
  const { api } = parse({
    bom: true,
    delimiter: delimiterOf(headerBytes(chunks())),
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
  const ready: string[][] = [];
  const push = (record: string[]) => ready.push(record);
  for (const chunk of chunks()) {
    const failure = api.parse(chunk, false, push, () => undefined);
    if (failure !== undefined) throw failure;
    yield* ready.splice(0);
  }
  const ended = api.parse(undefined, true, push, () => undefined);
  if (ended !== undefined) throw ended;
  yield* ready.splice(0);
}

/**
 * Rows of the file as text, header first, read as a stream from `chunks` (called once per pass:
 * the file is read again rather than kept).
 */
export function rowsOf(format: 'csv' | 'xlsx', chunks: () => Iterable<Buffer>): Iterable<string[]> {
  return {
    [Symbol.iterator]: () => (format === 'csv' ? csvRows(chunks) : xlsxRows(chunks)),
  };
}

/** A file already in memory, as the blocks `rowsOf` reads (historic counts: a small file). */
export function blocksOf(bytes: Buffer, size = headerWindow): () => Iterable<Buffer> {
  return function* blocks() {
    for (let offset = 0; offset < bytes.length; offset += size) {
      yield bytes.subarray(offset, offset + size);
    }
  };
}
