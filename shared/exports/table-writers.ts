import type { ExportCell } from './export-tables.ts';
import type { ByteSink } from './zip-stream.ts';
import { ZipStream } from './zip-stream.ts';

/** A writer of tables, one after the other, each row as it comes. */
export interface TableWriter {
  beginTable(name: string, columns: readonly string[]): void;
  row(cells: readonly ExportCell[]): void;
  endTable(): void;
  /** A photo, by its file name inside the export (only the zip of CSVs takes them). */
  addPhoto?(name: string, bytes: Uint8Array): void;
  finish(): void;
}

// XML 1.0 cannot hold most control characters, even escaped; a pasted one is dropped.
// eslint-disable-next-line no-control-regex
const notXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const xmlText = (text: string) =>
  text
    .replace(notXml, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  }
  return name;
}

/** A sheet name Excel accepts: at most 31 characters, none of []:*?/\, unique in the workbook. */
export function sheetNameOf(name: string, taken: ReadonlySet<string>): string {
  const clean = name.replace(/[[\]:*?/\\]/g, '_');
  if (clean.length <= 31 && !taken.has(clean.toLowerCase())) return clean;
  for (let n = 2; ; n += 1) {
    const suffix = `~${n}`;
    const candidate = `${clean.slice(0, 31 - suffix.length)}${suffix}`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const pkg = 'http://schemas.openxmlformats.org/package/2006';

/**
 * XLSX written as a stream (write-excel-file, the library our research picked, builds the
 * workbook in memory: 344 MB for 100k rows): each sheet is one zip entry written row by row, text
 * as inline strings (no shared-strings table to hold), the header row frozen. A sheet's name is
 * its table's (shortened to Excel's 31 characters where needed); the first sheet lists them.
 */
export class XlsxTableWriter implements TableWriter {
  readonly #zip: ZipStream;
  readonly #sheets: string[] = [];
  readonly #taken = new Set<string>();
  #rowNumber = 0;

  constructor(sink: ByteSink) {
    this.#zip = new ZipStream(sink);
  }

  beginTable(name: string, columns: readonly string[]): void {
    const sheetName = sheetNameOf(name, this.#taken);
    this.#taken.add(sheetName.toLowerCase());
    this.#sheets.push(sheetName);
    this.#zip.beginText(`xl/worksheets/sheet${this.#sheets.length}.xml`);
    this.#zip.write(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${ns}">` +
        '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" ' +
        'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>',
    );
    this.#rowNumber = 0;
    this.row(columns);
  }

  row(cells: readonly ExportCell[]): void {
    this.#rowNumber += 1;
    const r = this.#rowNumber;
    let xml = `<row r="${r}">`;
    cells.forEach((cell, index) => {
      if (cell === null || cell === '') return;
      const ref = `${columnName(index)}${r}`;
      if (typeof cell === 'number' && Number.isFinite(cell)) {
        xml += `<c r="${ref}"><v>${cell}</v></c>`;
      } else if (typeof cell === 'boolean') {
        xml += `<c r="${ref}" t="b"><v>${cell ? 1 : 0}</v></c>`;
      } else {
        xml += `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${xmlText(String(cell))}</t></is></c>`;
      }
    });
    this.#zip.write(`${xml}</row>`);
  }

  endTable(): void {
    this.#zip.write('</sheetData></worksheet>');
  }

  finish(): void {
    const sheets = this.#sheets;
    this.#zip.beginText('xl/workbook.xml');
    this.#zip.write(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${ns}" xmlns:r="${rel}"><sheets>` +
        sheets
          .map(
            (name, i) => `<sheet name="${xmlText(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`,
          )
          .join('') +
        '</sheets></workbook>',
    );
    this.#zip.beginText('xl/_rels/workbook.xml.rels');
    this.#zip.write(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${pkg}/relationships">` +
        sheets
          .map(
            (_, i) =>
              `<Relationship Id="rId${i + 1}" Type="${rel}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
          )
          .join('') +
        '</Relationships>',
    );
    this.#zip.beginText('_rels/.rels');
    this.#zip.write(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${pkg}/relationships">` +
        `<Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    );
    this.#zip.beginText('[Content_Types].xml');
    this.#zip.write(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="${pkg}/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        sheets
          .map(
            (_, i) =>
              `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
          )
          .join('') +
        '</Types>',
    );
    this.#zip.end();
  }
}

/**
 * A cell of CSV (RFC 4180), with text that a spreadsheet would run as a formula (= + - @, a tab or
 * a carriage return first) made plain by a leading apostrophe: CSV injection.
 */
export function csvCell(cell: ExportCell): string {
  if (cell === null) return '';
  let text = String(cell);
  if (typeof cell === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV per table in a zip (as ODK Central exports), UTF-8 with a BOM so Excel reads it. */
export class CsvZipTableWriter implements TableWriter {
  readonly #zip: ZipStream;

  constructor(sink: ByteSink) {
    this.#zip = new ZipStream(sink);
  }

  beginTable(name: string, columns: readonly string[]): void {
    this.#zip.beginText(`${name}.csv`);
    this.#zip.write('\uFEFF');
    this.row(columns);
  }

  row(cells: readonly ExportCell[]): void {
    this.#zip.write(`${cells.map(csvCell).join(',')}\r\n`);
  }

  endTable(): void {
    // Each table is its own entry; the next begins it.
  }

  addPhoto(name: string, bytes: Uint8Array): void {
    this.#zip.addBytes(name, bytes);
  }

  finish(): void {
    this.#zip.end();
  }
}
