import { describe, expect, it } from 'vitest';
import { csvRows, delimiterOf } from '../../../../electron/services/import-rows.ts';

describe('CSV rows of an import', () => {
  it.each([
    ['comma', 'serial,make,calibre\nA1,Zastava,"7,62"', ','],
    ['semicolon, as a Serbian spreadsheet saves', 'serijski broj;marka;"a,b"\r\nA1;Zastava;x', ';'],
    ['tab', 'serial\tmake\nA1\tZastava', '\t'],
    ['one column', 'serial\nA1', ','],
  ])('finds the separator of a %s file from its header', (_, text, separator) => {
    expect(delimiterOf(Buffer.from(text))).toBe(separator);
  });

  it('reads a semicolon file into its cells, quotes kept whole', () => {
    const rows = [...csvRows(Buffer.from('\uFEFFa;b\r\n"1;2";3\r\n'))];
    expect(rows).toEqual([
      ['a', 'b'],
      ['1;2', '3'],
    ]);
  });
});
