import { describe, expect, it } from 'vitest';
import { blocksOf, csvRows, delimiterOf } from '../../../../electron/services/import-rows.ts';

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
    const rows = [...csvRows(blocksOf(Buffer.from('\uFEFFa;b\r\n"1;2";3\r\n')))];
    expect(rows).toEqual([
      ['a', 'b'],
      ['1;2', '3'],
    ]);
  });

  it('reads a quoted cell and a multi-byte letter cut across blocks', () => {
    const text = 'serial,note\nA1,"Čačak, ""stari"" magacin"\nB2,Šabac\n';
    // Blocks of 5 bytes cut the quoted cell and the two-byte Č, Š in the middle.
    expect([...csvRows(blocksOf(Buffer.from(text), 5))]).toEqual([
      ['serial', 'note'],
      ['A1', 'Čačak, "stari" magacin'],
      ['B2', 'Šabac'],
    ]);
  });
});
