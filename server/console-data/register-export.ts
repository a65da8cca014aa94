import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import type { RegisterExportQuery, RegisterItem } from '../../shared/console/console-data.ts';
import type { ExportCell } from '../../shared/exports/export-tables.ts';
import { csvCell, XlsxTableWriter } from '../../shared/exports/table-writers.ts';
import type { Queryable } from '../db/database.ts';
import { registerRows } from './register.ts';
import { scopeTeamOf } from './scope-team.ts';

/** The register's columns, in the words of the screen that lists it. */
const columns: ReadonlyArray<readonly [string, (item: RegisterItem) => ExportCell]> = [
  ['Item id', (item) => item.id],
  ['Kind', (item) => item.kind],
  ['Type', (item) => item.itemType],
  ['Category', (item) => item.category],
  ['Serial number', (item) => item.serialNumber],
  ['Make', (item) => item.manufacturer],
  ['Model', (item) => item.model],
  ['Calibre', (item) => item.calibre],
  ['Amount', (item) => item.quantityAmount],
  ['Unit', (item) => item.quantityUnit],
  ['Status', (item) => item.status],
  ['Intake record', (item) => item.intakeEventId],
  ['Record number', (item) => item.recordNumber],
  ['Taken in on', (item) => item.occurredOn],
  ['Place', (item) => item.locationName],
  ['Jurisdiction', (item) => item.jurisdiction],
  ['Record status', (item) => item.recordStatus],
];

export const registerExportColumns = columns.map(([name]) => name);

export interface RegisterExport {
  readonly stream: PassThrough;
  readonly fileName: string;
  readonly mime: string;
  /** Settles with the rows written once the last byte is out (or with the failure). */
  readonly done: Promise<{ rows: number }>;
}

/**
 * The register as CSV (UTF-8 with a BOM, formulas made plain) or XLSX, written page by page to a
 * stream as the rows are read (a country's register does not fit a response held in memory);
 * waits for the reader when it falls behind. The team of a team's scope is looked up first: an
 * unknown one is refused before the first byte.
 */
export async function exportRegister(
  db: Queryable,
  query: RegisterExportQuery,
  today: string,
): Promise<RegisterExport> {
  const { format, ...filter } = query;
  const team = await scopeTeamOf(db, filter.teamId);
  const stream = new PassThrough();
  const write = (bytes: Uint8Array | string) => stream.write(bytes);
  const done = (async () => {
    let rows = 0;
    const writer =
      format === 'xlsx' ? new XlsxTableWriter({ write: (bytes) => write(bytes) }) : undefined;
    if (writer === undefined) {
      write(`\uFEFF${registerExportColumns.map(csvCell).join(',')}\r\n`);
    } else {
      writer.beginTable('Register', registerExportColumns);
    }
    for await (const page of registerRows(db, filter, team)) {
      for (const item of page) {
        const cells = columns.map(([, cell]) => cell(item));
        if (writer === undefined) write(`${cells.map(csvCell).join(',')}\r\n`);
        else writer.row(cells);
      }
      rows += page.length;
      if (stream.writableNeedDrain) await once(stream, 'drain');
    }
    if (writer !== undefined) {
      writer.endTable();
      writer.finish();
    }
    stream.end();
    return { rows };
  })();
  done.catch((error: unknown) => stream.destroy(error as Error));
  return {
    stream,
    fileName: `register-${today}.${format}`,
    mime:
      format === 'xlsx'
        ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
        : 'text/csv; charset=utf-8',
    done,
  };
}
