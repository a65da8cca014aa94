import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDaysToIsoDate,
  dateOrderFor,
  describeDate,
  formatDateText,
  parseDateText,
} from '../../../../renderer/components/date-text.ts';

describe('dates typed in the app language', () => {
  it('reads a Serbian day.month.year in its usual spellings', () => {
    for (const text of ['05.12.2026', '05.12.2026.', '5.12.2026', '5. 12. 2026.', '5/12/2026']) {
      expect(parseDateText(text, 'sr-Latn')).toEqual({ kind: 'date', iso: '2026-12-05' });
    }
  });

  it('shows a stored date as Serbian writes it, and English as ISO', () => {
    expect(formatDateText('2026-12-05', 'sr-Latn')).toBe('05.12.2026.');
    expect(formatDateText('2026-12-05', 'en')).toBe('2026-12-05');
    expect(dateOrderFor('sr-Latn')).toBe('dmy');
    expect(dateOrderFor('en')).toBe('iso');
  });

  it('accepts ISO in every language, and in English nothing that could be read two ways', () => {
    expect(parseDateText('2026-12-05', 'sr-Latn')).toEqual({ kind: 'date', iso: '2026-12-05' });
    expect(parseDateText(' 2026-12-05 ', 'en')).toEqual({ kind: 'date', iso: '2026-12-05' });
    // 05/12/2026 is 5 December in London and 12 May in New York: refused, not guessed.
    expect(parseDateText('05/12/2026', 'en')).toEqual({ kind: 'invalid' });
    expect(parseDateText('05.12.2026', 'en')).toEqual({ kind: 'invalid' });
  });

  it('reads back what each language shows in the field, and a date copied out of Arabic text', () => {
    for (const language of ['sr-Cyrl', 'bs', 'hr', 'cnr', 'mk', 'sq', 'fr', 'ar']) {
      const shown = formatDateText('2026-12-05', language);
      expect(parseDateText(shown, language), `${language}: ${shown}`).toEqual({
        kind: 'date',
        iso: '2026-12-05',
      });
    }
    // The Arabic hint's example (non-breaking hyphens) and a right-to-left mark around a date.
    expect(parseDateText('2026\u201112\u201105', 'ar')).toEqual({
      kind: 'date',
      iso: '2026-12-05',
    });
    expect(parseDateText('\u200f2026-12-05\u200f', 'ar')).toEqual({
      kind: 'date',
      iso: '2026-12-05',
    });
  });

  it('refuses days that do not exist, two-digit years and other text, and knows blank', () => {
    for (const text of [
      '31.02.2026',
      '29.02.2025',
      '32.01.2026',
      '05.13.2026',
      '05.12.26',
      'juče',
    ]) {
      expect(parseDateText(text, 'sr-Latn')).toEqual({ kind: 'invalid' });
    }
    expect(parseDateText('29.02.2024', 'sr-Latn')).toEqual({ kind: 'date', iso: '2024-02-29' });
    expect(parseDateText('2026-02-30', 'en')).toEqual({ kind: 'invalid' });
    expect(parseDateText('   ', 'sr-Latn')).toEqual({ kind: 'empty' });
  });

  it('leaves text that is not a stored date as it was typed', () => {
    expect(formatDateText('31.02.2026', 'sr-Latn')).toBe('31.02.2026');
    expect(describeDate('31.02.2026', 'en')).toBeNull();
  });

  it('spells the date out in the app language, whatever the time zone', () => {
    expect(describeDate('2026-12-05', 'en')).toBe('Saturday, 5 December 2026');
    expect(describeDate('2026-12-05', 'sr-Latn')).toBe('subota, 5. decembar 2026.');
  });

  it('moves a date by days across months and years', () => {
    expect(addDaysToIsoDate('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDaysToIsoDate('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('reads back every date it shows, in both languages', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1900-01-01T00:00:00Z'),
          max: new Date('2100-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom('en', 'sr-Latn'),
        (date, language) => {
          const iso = date.toISOString().slice(0, 10);
          const shown = formatDateText(iso, language);
          expect(parseDateText(shown, language)).toEqual({ kind: 'date', iso });
        },
      ),
    );
  });
});
