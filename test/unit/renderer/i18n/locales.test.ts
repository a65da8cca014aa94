import { describe, expect, it } from 'vitest';
import { routes } from '../../../../renderer/app/routes.ts';
import en from '../../../../renderer/i18n/locales/en.json' with { type: 'json' };
import srLatn from '../../../../renderer/i18n/locales/sr-Latn.json' with { type: 'json' };
import { ipcErrorCodes } from '../../../../shared/ipc/errors.ts';
import { supportedLanguages } from '../../../../shared/settings/settings.ts';

/** Flattens a catalogue to `dotted.key → value`; anything that is not an object is a leaf. */
function flatten(catalogue: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (catalogue !== null && typeof catalogue === 'object' && !Array.isArray(catalogue)) {
    for (const [key, value] of Object.entries(catalogue)) {
      for (const [leafKey, leaf] of flatten(value, prefix === '' ? key : `${prefix}.${key}`))
        out.set(leafKey, leaf);
    }
  } else {
    out.set(prefix, catalogue);
  }
  return out;
}

const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)].map((match) => match[1] ?? '').sort();

const catalogues = { en: flatten(en), 'sr-Latn': flatten(srLatn) } as const;
const locales = Object.keys(catalogues) as Array<keyof typeof catalogues>;

describe('locale catalogues', () => {
  it('exist for every supported language, and only those', () => {
    expect([...locales].sort()).toStrictEqual([...supportedLanguages].sort());
  });

  it('have identical key sets at every depth', () => {
    const english = [...catalogues.en.keys()].sort();
    for (const locale of locales)
      expect([...catalogues[locale].keys()].sort(), locale).toStrictEqual(english);
  });

  it.each(locales)('%s has only non-empty strings as values', (locale) => {
    for (const [key, value] of catalogues[locale]) {
      expect(typeof value, `${locale}: ${key}`).toBe('string');
      expect(String(value).trim(), `${locale}: ${key}`).not.toBe('');
    }
  });

  it('uses the same {{placeholders}} in every locale', () => {
    for (const [key, value] of catalogues.en) {
      const expected = placeholders(String(value));
      for (const locale of locales) {
        expect(
          placeholders(String(catalogues[locale].get(key) ?? '')),
          `${locale}: ${key}`,
        ).toStrictEqual(expected);
      }
    }
  });

  it.each(locales)('%s has no unbalanced interpolation braces', (locale) => {
    for (const [key, value] of catalogues[locale]) {
      const text = String(value);
      expect((text.match(/\{\{/g) ?? []).length, `${locale}: ${key}`).toBe(
        (text.match(/\}\}/g) ?? []).length,
      );
    }
  });

  it.each(ipcErrorCodes)('explains the IPC error code %s in every locale', (code) => {
    for (const locale of locales)
      expect(catalogues[locale].has(`errors.${code}`), locale).toBe(true);
  });

  it.each(supportedLanguages)('names the language %s in every locale', (language) => {
    for (const locale of locales)
      expect(catalogues[locale].has(`language.${language}`), locale).toBe(true);
  });

  it.each(routes)('labels the route %s in the navigation of every locale', (route) => {
    for (const locale of locales) expect(catalogues[locale].has(`nav.${route}`), locale).toBe(true);
  });

  it.each(['serverUrlInvalid', 'serverUrlTooLong', 'invalid'])(
    'translates the schema message key validation.%s in every locale',
    (key) => {
      for (const locale of locales)
        expect(catalogues[locale].has(`validation.${key}`), locale).toBe(true);
    },
  );
});
