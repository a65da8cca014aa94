import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { blocksOf } from '../../../../electron/services/import-rows.ts';
import { isDateFormatCode, xlsxRows } from '../../../../electron/services/xlsx-rows.ts';
import { xlsxOf } from '../../../support/xlsx-file.ts';

const rowsOf = (bytes: Uint8Array, block = 64 * 1024) => [
  ...xlsxRows(blocksOf(Buffer.from(bytes), block)),
];

describe('XLSX rows, read as a stream', () => {
  const workbook = xlsxOf([
    ['event_ref', 'occurred_on', 'serial_number', 'quantity', 'uniquely_identifiable'],
    ['E-1', { date: '2015-03-14' }, 'Čačak & "Šabac" <1>', 120, true],
    null,
    ['E-2', { date: '1999-12-31' }, null, 7.62, false],
  ]);

  it('gives text, dates as YYYY-MM-DD, numbers and booleans, row numbers as in the sheet', () => {
    expect(rowsOf(workbook)).toEqual([
      ['event_ref', 'occurred_on', 'serial_number', 'quantity', 'uniquely_identifiable'],
      ['E-1', '2015-03-14', 'Čačak & "Šabac" <1>', '120', 'true'],
      // Row 3 is not in the sheet: it comes out empty, so E-2 stays row 4.
      [],
      ['E-2', '1999-12-31', '', '7.62', 'false'],
    ]);
  });

  it('reads the same rows whatever the size of the blocks the file arrives in', () => {
    expect(rowsOf(workbook, 7)).toEqual(rowsOf(workbook));
  });

  it('yields rows before the whole sheet is read', () => {
    const many = xlsxOf(
      Array.from({ length: 5_000 }, (_, n) => [`E-${n}`, `serial ${n} with some length`]),
    );
    let blocksRead = 0;
    const counted = function* () {
      for (const block of blocksOf(Buffer.from(many), 4096)()) {
        blocksRead += 1;
        yield block;
      }
    };
    const rows = xlsxRows(counted);
    const first = rows.next();
    expect(first.value).toEqual(['E-0', 'serial 0 with some length']);
    const readForFirst = blocksRead;
    expect([...rows]).toHaveLength(4_999);
    // The metadata pass reads the file once; the first row needs only part of the second pass.
    expect(readForFirst).toBeLessThan(blocksRead);
  });

  it('refuses a file that is not a workbook', () => {
    expect(() => rowsOf(strToU8('plain text, not a zip'))).toThrow();
    expect(() => rowsOf(zipSync({ 'notes.txt': strToU8('hello') }))).toThrow(
      'not an XLSX workbook',
    );
  });

  it.each([
    ['dd\\.mm\\.yyyy', true],
    ['yyyy-mm-dd', true],
    ['[$-241A]d. mmmm yyyy', true],
    ['0.00', false],
    ['"days" 0', false],
    ['[Red]0', false],
    ['h:mm', false],
  ])('tells a date format from %s', (code, date) => {
    expect(isDateFormatCode(code)).toBe(date);
  });
});
