import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ByteSink } from '../../../../shared/exports/zip-stream.ts';
import {
  csvCell,
  CsvZipTableWriter,
  sheetNameOf,
  XlsxTableWriter,
} from '../../../../shared/exports/table-writers.ts';
import { blocksOf } from '../../../../electron/services/import-rows.ts';
import { xlsxRows } from '../../../../electron/services/xlsx-rows.ts';

function memorySink(): ByteSink & { bytes(): Buffer } {
  const parts: Uint8Array[] = [];
  return { write: (bytes) => parts.push(bytes), bytes: () => Buffer.concat(parts) };
}

describe('export writers', () => {
  it('writes an XLSX that reads back cell for cell, awkward text included', () => {
    const sink = memorySink();
    const writer = new XlsxTableWriter(sink);
    writer.beginTable('intake_event', ['id', 'serial', 'count', 'final']);
    writer.row(['E1', 'Čačak <"M70"> & Šabac\u0007', 3, true]);
    writer.row(['E2', null, 0, false]);
    writer.endTable();
    writer.beginTable('intake_event.weapons', ['intake_event_id']);
    writer.endTable();
    writer.finish();
    expect([...xlsxRows(blocksOf(sink.bytes()))]).toEqual([
      ['id', 'serial', 'count', 'final'],
      ['E1', 'Čačak <"M70"> & Šabac', '3', 'true'],
      ['E2', '', '0', 'false'],
    ]);
    const workbook = strFromU8(unzipSync(sink.bytes())['xl/workbook.xml'] ?? new Uint8Array());
    expect(workbook).toContain('name="intake_event.weapons"');
  });

  it('names sheets as Excel allows: 31 characters, unique', () => {
    const taken = new Set(['trace_request.weapon.serialche~2'.toLowerCase()]);
    expect(sheetNameOf('trace_request.weapon.serialChecks', new Set())).toHaveLength(31);
    expect(sheetNameOf('trace_request.weapon.serialChecks', taken)).not.toBe(
      'trace_request.weapon.serialChe~2',
    );
    expect(sheetNameOf('a/b:c', new Set())).toBe('a_b_c');
  });

  it('quotes CSV cells and makes formulas plain text', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-5+3')).toBe("'-5+3");
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell(null)).toBe('');
  });

  it('writes one CSV per table in a zip, with a BOM for Excel', () => {
    const sink = memorySink();
    const writer = new CsvZipTableWriter(sink);
    writer.beginTable('location', ['id', 'name']);
    writer.row(['L1', 'Stanica, Centar']);
    writer.endTable();
    writer.addPhoto('photos/abc.png', new Uint8Array([1, 2, 3]));
    writer.finish();
    const zip = unzipSync(sink.bytes());
    const csv = zip['location.csv'] ?? new Uint8Array();
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(strFromU8(csv.subarray(3))).toBe('id,name\r\nL1,"Stanica, Centar"\r\n');
    expect([...(zip['photos/abc.png'] ?? [])]).toEqual([1, 2, 3]);
  });
});
