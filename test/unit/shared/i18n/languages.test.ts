import { describe, expect, it } from 'vitest';
import {
  intlLocalesOf,
  languageInfo,
  languageOfPreferences,
} from '../../../../shared/i18n/languages.ts';
import { supportedLanguages } from '../../../../shared/settings/settings.ts';

describe('the languages the app speaks', () => {
  it.each(supportedLanguages)('%s has its own name, a direction and a locale Intl knows', (tag) => {
    const info = languageInfo[tag];
    expect(info.nativeName.trim()).not.toBe('');
    expect(['ltr', 'rtl']).toContain(info.direction);
    expect(Intl.DateTimeFormat.supportedLocalesOf(intlLocalesOf(tag)).length).toBeGreaterThan(0);
  });

  it('gives a browser the language it prefers, Serbian in the script it names', () => {
    expect(languageOfPreferences(['sr-Cyrl-RS', 'en'], supportedLanguages)).toBe('sr-Cyrl');
    expect(languageOfPreferences(['sr', 'en'], supportedLanguages)).toBe('sr-Latn');
    expect(languageOfPreferences(['sr-Latn-RS'], supportedLanguages)).toBe('sr-Latn');
    expect(languageOfPreferences(['de-DE', 'en-GB'], supportedLanguages)).toBe('en');
    expect(languageOfPreferences(['de-DE'], supportedLanguages)).toBe('en');
  });

  it('formats dates by the language (Serbian Cyrillic months in Cyrillic)', () => {
    const date = new Date(Date.UTC(2026, 2, 5));
    const long = (tag: string) =>
      new Intl.DateTimeFormat(intlLocalesOf(tag), { dateStyle: 'long', timeZone: 'UTC' }).format(
        date,
      );
    expect(long('sr-Cyrl')).toBe('5. март 2026.');
    expect(long('sr-Latn')).toBe('5. mart 2026.');
  });
});
