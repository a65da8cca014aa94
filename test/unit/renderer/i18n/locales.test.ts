import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { routes } from '../../../../renderer/app/routes.ts';
import { namespaces } from '../../../../renderer/i18n/i18n.ts';
import { userRoleValues } from '../../../../shared/domain/enums.ts';
import { passphraseProblemValues } from '../../../../shared/domain/people.ts';
import { ipcErrorCodes } from '../../../../shared/ipc/errors.ts';
import { languageInfo } from '../../../../shared/i18n/languages.ts';
import { catalogueToCyrillic } from '../../../../shared/i18n/serbian-cyrillic.ts';
import { supportedLanguages, type Language } from '../../../../shared/settings/settings.ts';
import { namesOneNumber } from '../../../support/plural-forms.ts';
import { projectDir } from '../../../support/project.ts';

const localesDir = path.join(projectDir, 'renderer', 'i18n', 'locales');

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

/**
 * i18next plural forms: `retryIn_one`, `retryIn_few`, `retryIn_other`. Each language has the
 * forms its grammar needs (Serbian three, English two), so key sets are compared on the base key
 * and the forms are checked against the language's plural rules. A plural group is one English
 * has both `_one` and `_other` of; an enum value such as `machine_gun_other` is a plain key.
 */
const pluralSuffix = /_(zero|one|two|few|many|other)$/;
const baseKey = (key: string): string => key.replace(pluralSuffix, '');
const pluralForm = (key: string): string | undefined => pluralSuffix.exec(key)?.[1];

function pluralGroups(english: Map<string, unknown>): Set<string> {
  return new Set(
    [...english.keys()]
      .filter((key) => key.endsWith('_one'))
      .map(baseKey)
      .filter((base) => english.has(`${base}_other`)),
  );
}

/** The key a catalogue entry is compared by: its plural group, or itself. */
function comparedKey(key: string, groups: Set<string>): string {
  return pluralForm(key) !== undefined && groups.has(baseKey(key)) ? baseKey(key) : key;
}

/** `en.json` is the 'translation' namespace; `en.session.json` the 'session' namespace. */
function fileName(locale: string, namespace: string): string {
  return namespace === 'translation' ? `${locale}.json` : `${locale}.${namespace}.json`;
}

/** A language written from another's files (Serbian Cyrillic from Latin) is checked as loaded. */
function readCatalogue(locale: Language, namespace: string): Map<string, unknown> {
  const from = languageInfo[locale].transliteratedFrom;
  const file = fileName(from ?? locale, namespace);
  const catalogue: unknown = JSON.parse(readFileSync(path.join(localesDir, file), 'utf8'));
  return flatten(from === undefined ? catalogue : catalogueToCyrillic(catalogue));
}

const locales = [...supportedLanguages];
const catalogues = Object.fromEntries(
  namespaces.map((namespace) => [
    namespace,
    Object.fromEntries(locales.map((locale) => [locale, readCatalogue(locale, namespace)])),
  ]),
) as Record<(typeof namespaces)[number], Record<(typeof locales)[number], Map<string, unknown>>>;

const pairs = namespaces.flatMap((namespace) =>
  locales.map((locale) => ({ namespace, locale, catalogue: catalogues[namespace][locale] })),
);

describe('locale catalogues', () => {
  it('exist for every supported language and namespace, and no others', () => {
    const withFiles = locales.filter((locale) => !languageInfo[locale].transliteratedFrom);
    const expected = namespaces.flatMap((namespace) =>
      withFiles.map((locale) => fileName(locale, namespace)),
    );
    const present = readdirSync(localesDir).filter((name) => name.endsWith('.json'));
    expect(present.sort()).toStrictEqual(expected.sort());
  });

  it.each(namespaces)(
    '%s: every locale has the same keys as English, at every depth',
    (namespace) => {
      const groups = pluralGroups(catalogues[namespace].en);
      const keysOf = (catalogue: Map<string, unknown>) =>
        [...new Set([...catalogue.keys()].map((key) => comparedKey(key, groups)))].sort();
      const english = keysOf(catalogues[namespace].en);
      for (const locale of locales) {
        const keys = keysOf(catalogues[namespace][locale]);
        expect(keys, `${namespace} ${locale}`).toStrictEqual(english);
      }
    },
  );

  it.each(namespaces)('%s: plural keys have exactly the forms each language needs', (namespace) => {
    const groups = pluralGroups(catalogues[namespace].en);
    for (const locale of locales) {
      const needed = [...new Intl.PluralRules(locale).resolvedOptions().pluralCategories].sort();
      const forms = new Map<string, string[]>();
      for (const key of catalogues[namespace][locale].keys()) {
        const form = pluralForm(key);
        if (form !== undefined && groups.has(baseKey(key)))
          forms.set(baseKey(key), [...(forms.get(baseKey(key)) ?? []), form]);
      }
      for (const [key, present] of forms)
        expect(present.sort(), `${namespace} ${locale}: ${key}`).toStrictEqual(needed);
    }
  });

  it.each(pairs.map(({ namespace, locale, catalogue }) => [`${namespace} ${locale}`, catalogue]))(
    '%s has only non-empty strings as values',
    (name, catalogue) => {
      for (const [key, value] of catalogue) {
        expect(typeof value, `${name}: ${key}`).toBe('string');
        expect(String(value).trim(), `${name}: ${key}`).not.toBe('');
      }
    },
  );

  it.each(namespaces)('%s: every locale uses the same {{placeholders}}', (namespace) => {
    const english = catalogues[namespace].en;
    const groups = pluralGroups(english);
    const expectedFor = (key: string): string[] => {
      // A plural form is compared with English's "other" form, which every language has.
      const group = comparedKey(key, groups);
      const source = group === key ? key : `${group}_other`;
      return placeholders(String(english.get(source) ?? ''));
    };
    for (const locale of locales) {
      for (const [key, value] of catalogues[namespace][locale]) {
        const form = pluralForm(key);
        const expected = expectedFor(key).filter(
          // A form for one number only may name it in words instead of {{count}}.
          (name) =>
            !(
              name === 'count' &&
              form !== undefined &&
              namesOneNumber(locale, form) &&
              !placeholders(String(value)).includes('count')
            ),
        );
        expect(placeholders(String(value)), `${namespace} ${locale}: ${key}`).toStrictEqual(
          expected,
        );
      }
    }
  });

  it.each(pairs.map(({ namespace, locale, catalogue }) => [`${namespace} ${locale}`, catalogue]))(
    '%s has no unbalanced interpolation braces',
    (name, catalogue) => {
      for (const [key, value] of catalogue) {
        const text = String(value);
        expect((text.match(/\{\{/g) ?? []).length, `${name}: ${key}`).toBe(
          (text.match(/\}\}/g) ?? []).length,
        );
      }
    },
  );

  const translation = catalogues.translation;

  it.each(ipcErrorCodes)('explains the IPC error code %s in every locale', (code) => {
    for (const locale of locales)
      expect(translation[locale].has(`errors.${code}`), locale).toBe(true);
  });

  it.each(routes)('labels the route %s in the navigation of every locale', (route) => {
    for (const locale of locales)
      expect(translation[locale].has(`nav.${route}`), locale).toBe(true);
  });

  it.each([
    'serverUrlInvalid',
    'serverUrlTooLong',
    'invalid',
    'idleLockMinutesInvalid',
    'traceAnswerDaysInvalid',
  ])('translates the schema message key validation.%s in every locale', (key) => {
    for (const locale of locales)
      expect(translation[locale].has(`validation.${key}`), locale).toBe(true);
  });

  const session = catalogues.session;

  it.each(passphraseProblemValues)(
    'session: lists and names the passphrase requirement %s in every locale',
    (problem) => {
      for (const locale of locales) {
        expect(session[locale].has(`passphrase.requirements.${problem}`), locale).toBe(true);
        expect(session[locale].has(`passphrase.missing.${problem}`), locale).toBe(true);
      }
    },
  );

  it.each(userRoleValues)('session: labels the role %s in every locale', (role) => {
    for (const locale of locales) expect(session[locale].has(`roles.${role}`), locale).toBe(true);
  });

  it.each(['required', 'tooLong', 'invalidOption', 'invalidText', 'passphraseTooLong'])(
    'session: translates the message key %s that main may send for a person',
    (key) => {
      for (const locale of locales)
        expect(session[locale].has(`validation.${key}`), locale).toBe(true);
    },
  );
});
