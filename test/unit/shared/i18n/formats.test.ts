import { describe, expect, it } from 'vitest';
import {
  collator,
  dateTimeFormat,
  formatList,
  numberFormat,
  runtimeHasLocale,
} from '../../../../shared/i18n/formats.ts';

// Node has full ICU: every language formats with its own words and patterns here. (Chromium's
// missing data is covered by test/renderer/app/languages.test.ts.)
const day = new Date(Date.UTC(2026, 11, 7));
const long = (language: string) =>
  dateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(day);

describe('formats by language', () => {
  it.each([
    ['sq', /7 dhjetor 2026/],
    ['mk', /7 декември 2026/],
    ['bs', /7\. decembar 2026/],
    ['hr', /7\. prosinca 2026/],
    ['cnr', /7\. decembar 2026/],
    ['sr-Cyrl', /7\. децембар 2026/],
    ['fr', /7 décembre 2026/],
    ['ar', /ديسمبر/],
  ])('writes a date in %s with its own month names', (language, expected) => {
    expect(long(language)).toMatch(expected);
  });

  it.each([
    ['mk', '12.345,5'],
    ['hr', '12.345,5'],
    ['fr', '12 345,5'],
    ['sq', '12 345,5'],
  ])('writes numbers in %s with its separators', (language, expected) => {
    // Narrow and plain no-break spaces both group thousands; compared as a space.
    expect(
      numberFormat(language)
        .format(12345.5)
        .replace(/[\u00a0\u202f]/g, ' '),
    ).toBe(expected);
  });

  it('joins a list with the language’s "and"', () => {
    expect(formatList('sq', ['a', 'b', 'c'], { type: 'conjunction' })).toBe('a, b dhe c');
    expect(formatList('hr', ['a', 'b', 'c'], { type: 'conjunction' })).toBe('a, b i c');
  });

  it('sorts names by the language’s alphabet', () => {
    expect(['Zagreb', 'Čakovec', 'Cres', 'Šibenik', 'Split'].sort(collator('hr').compare)).toEqual([
      'Cres',
      'Čakovec',
      'Split',
      'Šibenik',
      'Zagreb',
    ]);
    expect(
      ['Elbasan', 'Ëndërr', 'Fier', 'Çorovodë', 'Durrës'].sort(collator('sq').compare),
    ).toEqual(['Çorovodë', 'Durrës', 'Elbasan', 'Ëndërr', 'Fier']);
  });

  it('knows a locale the runtime has from one it only falls back for', () => {
    expect(runtimeHasLocale('fr')).toBe(true);
    expect(runtimeHasLocale('xx')).toBe(false);
  });
});
