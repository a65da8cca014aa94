import { describe, expect, it } from 'vitest';
import { importFormatOf } from '../../../../../renderer/features/import/read-file.ts';

describe('the format an import file is sent as', () => {
  it('comes from the name, in any case; other spreadsheets are refused', () => {
    expect(importFormatOf('register.csv')).toBe('csv');
    expect(importFormatOf('REGISTAR 2015.CSV')).toBe('csv');
    expect(importFormatOf('register.xlsx')).toBe('xlsx');
    expect(importFormatOf('register.xls')).toBeNull();
    expect(importFormatOf('register.csv.txt')).toBeNull();
  });
});
