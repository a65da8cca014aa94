import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import { SaxesParser, type SaxesTagPlain } from 'saxes';

/**
 * The first sheet of an XLSX workbook as rows of text, read as a stream: the zip is inflated and
 * the sheet's XML parsed a block at a time, synchronously (the import's confirm runs inside one
 * SQLite transaction, which cannot await), so memory holds one block and the rows not yet taken,
 * not the workbook. Two passes over the file: the shared strings, styles and the workbook's sheet
 * list come first (Excel writes the shared strings after the sheets), then the sheet. The shared
 * strings are the one part kept whole: cells refer to them by number.
 *
 * Cells come out as the import reads text: dates (a number in a date format) as YYYY-MM-DD,
 * numbers as JavaScript prints them, booleans as true/false. A row missing from the sheet comes
 * out empty, so row numbers stay those the person sees in the spreadsheet.
 */
export class XlsxError extends Error {}

interface WorkbookParts {
  sheetPath: string;
  sharedStrings: string[];
  /** For each cell style (xf) index, whether its number format shows a date. */
  dateStyles: boolean[];
  date1904: boolean;
}

/** Built-in number formats that show a date (ECMA-376 18.8.30, and the locale-specific ids). */
const builtInDateFormats = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51,
  52, 53, 54, 55, 56, 57, 58,
]);

/** A custom format code shows a date when, outside quoted text and [colour] tags, it has d or y. */
export function isDateFormatCode(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\\./g, '');
  return /[dy]/i.test(bare);
}

/** Feeds the zip to `onEntry`'s sinks; yields after each block, so the caller can take rows. */
function* unzipEntries(
  chunks: Iterable<Buffer>,
  wanted: (name: string) => boolean,
  onEntry: (name: string) => { data(text: string): void; end(): void },
): Generator<void> {
  const unzip = new Unzip((file: UnzipFile) => {
    if (!wanted(file.name)) return;
    const sink = onEntry(file.name);
    const decoder = new TextDecoder('utf-8', { fatal: true });
    file.ondata = (error, data, final) => {
      if (error !== null) throw error;
      sink.data(decoder.decode(data, { stream: !final }));
      if (final) sink.end();
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  let any = false;
  for (const chunk of chunks) {
    any = true;
    unzip.push(chunk, false);
    yield;
  }
  if (!any) throw new XlsxError('The file is empty.');
  unzip.push(new Uint8Array(0), true);
}

function xmlParser(): SaxesParser {
  return new SaxesParser({ xmlns: false, position: false });
}

/** Local name of a tag ("x:row" → "row"): some writers prefix the spreadsheet namespace. */
function local(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

function attribute(tag: SaxesTagPlain, name: string): string | undefined {
  for (const [key, value] of Object.entries(tag.attributes)) if (local(key) === name) return value;
  return undefined;
}

function readWorkbookParts(chunks: Iterable<Buffer>): WorkbookParts {
  const sharedStrings: string[] = [];
  const numberFormats = new Map<number, boolean>();
  const cellFormats: number[] = [];
  let firstSheetRelation: string | undefined;
  let date1904 = false;
  const relations = new Map<string, string>();
  const parts = new Set([
    'xl/workbook.xml',
    'xl/_rels/workbook.xml.rels',
    'xl/styles.xml',
    'xl/sharedStrings.xml',
  ]);
  let seenWorkbook = false;

  const entries = unzipEntries(
    chunks,
    (name) => parts.has(name),
    (name) => {
      const parser = xmlParser();
      const open: string[] = [];
      let text = '';
      if (name === 'xl/workbook.xml') {
        seenWorkbook = true;
        parser.on('opentag', (tag) => {
          const tagName = local(tag.name);
          if (tagName === 'workbookPr') {
            const value = attribute(tag, 'date1904');
            date1904 = value === '1' || value === 'true';
          }
          if (tagName === 'sheet' && firstSheetRelation === undefined) {
            firstSheetRelation = attribute(tag, 'id');
          }
        });
      } else if (name === 'xl/_rels/workbook.xml.rels') {
        parser.on('opentag', (tag) => {
          const id = attribute(tag, 'Id');
          const target = attribute(tag, 'Target');
          if (local(tag.name) === 'Relationship' && id !== undefined && target !== undefined) {
            relations.set(id, target);
          }
        });
      } else if (name === 'xl/styles.xml') {
        parser.on('opentag', (tag) => {
          const tagName = local(tag.name);
          if (tagName === 'numFmt') {
            const id = Number(attribute(tag, 'numFmtId'));
            numberFormats.set(id, isDateFormatCode(attribute(tag, 'formatCode') ?? ''));
          }
          // Cell styles are the xf elements of cellXfs; cellStyleXfs has xf elements too.
          if (tagName === 'xf' && open.at(-1) === 'cellXfs') {
            cellFormats.push(Number(attribute(tag, 'numFmtId') ?? '0'));
          }
          open.push(tagName);
        });
        parser.on('closetag', () => {
          open.pop();
        });
      } else {
        // A shared string is the text of its <t> elements, except phonetic runs (<rPh>).
        parser.on('opentag', (tag) => {
          open.push(local(tag.name));
          if (open.at(-1) === 'si') text = '';
        });
        parser.on('text', (value) => {
          if (open.at(-1) === 't' && !open.includes('rPh')) text += value;
        });
        parser.on('closetag', () => {
          if (open.pop() === 'si') sharedStrings.push(text);
        });
      }
      return {
        data: (chunk) => parser.write(chunk),
        end: () => parser.close(),
      };
    },
  );
  while (entries.next().done !== true);
  if (!seenWorkbook) throw new XlsxError('The file is not an XLSX workbook.');
  const target = firstSheetRelation === undefined ? undefined : relations.get(firstSheetRelation);
  if (target === undefined) throw new XlsxError('The workbook has no sheet.');
  const sheetPath = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  const dateStyles = cellFormats.map(
    (formatId) => numberFormats.get(formatId) ?? builtInDateFormats.has(formatId),
  );
  return { sheetPath, sharedStrings, dateStyles, date1904 };
}

/** Column index of a cell reference ("C7" → 2). */
function columnOf(reference: string): number {
  let column = 0;
  for (const character of reference) {
    const code = character.charCodeAt(0);
    if (code < 65 || code > 90) break;
    column = column * 26 + (code - 64);
  }
  return column - 1;
}

const dayMs = 86_400_000;
/** Day 0 of each date system, in UTC (the 1900 system's includes Excel's 29 Feb 1900). */
const epoch1900 = Date.UTC(1899, 11, 30);
const epoch1904 = Date.UTC(1904, 0, 1);

function dateText(serial: number, date1904: boolean): string {
  const at = (date1904 ? epoch1904 : epoch1900) + Math.round(serial * dayMs);
  return new Date(at).toISOString().slice(0, 10);
}

export function* xlsxRows(chunks: () => Iterable<Buffer>): Generator<string[]> {
  const parts = readWorkbookParts(chunks());
  const ready: string[][] = [];
  let nextRow = 1;
  let row: string[] = [];
  let cell: { column: number; type: string; style: number } | null = null;
  let value = '';
  let inValue = false;
  let seenSheet = false;

  const cellText = (): string => {
    if (cell === null) return '';
    switch (cell.type) {
      case 's':
        return parts.sharedStrings[Number(value)] ?? '';
      case 'b':
        return value === '1' ? 'true' : 'false';
      case 'str':
      case 'inlineStr':
      case 'e':
        return value;
      default: {
        if (value === '') return '';
        const number = Number(value);
        if (Number.isNaN(number)) return value;
        return parts.dateStyles[cell.style] === true
          ? dateText(number, parts.date1904)
          : String(number);
      }
    }
  };

  const entries = unzipEntries(
    chunks(),
    (name) => name === parts.sheetPath,
    () => {
      seenSheet = true;
      const parser = xmlParser();
      parser.on('opentag', (tag) => {
        switch (local(tag.name)) {
          case 'row': {
            const number = Number(attribute(tag, 'r') ?? nextRow);
            // Rows the sheet leaves out are empty rows: the numbers stay the spreadsheet's.
            for (; nextRow < number; nextRow += 1) ready.push([]);
            row = [];
            break;
          }
          case 'c': {
            const reference = attribute(tag, 'r');
            cell = {
              column: reference === undefined ? row.length : columnOf(reference),
              type: attribute(tag, 't') ?? 'n',
              style: Number(attribute(tag, 's') ?? '0'),
            };
            value = '';
            break;
          }
          case 'v':
          case 't':
            inValue = cell !== null;
            break;
        }
      });
      parser.on('text', (text) => {
        if (inValue) value += text;
      });
      parser.on('closetag', (tag) => {
        switch (local(tag.name)) {
          case 'v':
          case 't':
            inValue = false;
            break;
          case 'c':
            if (cell !== null) {
              while (row.length < cell.column) row.push('');
              row[cell.column] = cellText();
            }
            cell = null;
            break;
          case 'row':
            ready.push(row);
            nextRow += 1;
            break;
        }
      });
      return {
        data: (chunk) => parser.write(chunk),
        end: () => parser.close(),
      };
    },
  );
  while (entries.next().done !== true) yield* ready.splice(0);
  yield* ready.splice(0);
  if (!seenSheet) throw new XlsxError('The workbook has no sheet.');
}
