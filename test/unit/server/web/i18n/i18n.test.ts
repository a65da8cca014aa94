import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { consoleAuditActions } from '../../../../../shared/console/api.ts';
import { consoleErrorCodes } from '../../../../../shared/console/errors.ts';
import { consoleRoles } from '../../../../../shared/console/roles.ts';
import { passphraseProblemValues } from '../../../../../shared/domain/people.ts';
import { languageInfo } from '../../../../../shared/i18n/languages.ts';
import { catalogueToCyrillic } from '../../../../../shared/i18n/serbian-cyrillic.ts';
import { supportedLanguages, type Language } from '../../../../../shared/settings/settings.ts';
import { namesOneNumber } from '../../../../support/plural-forms.ts';
import { projectDir } from '../../../../support/project.ts';

const localesDir = path.join(projectDir, 'server', 'web', 'i18n', 'locales');
const rendererDir = path.join(projectDir, 'renderer', 'i18n', 'locales');

/** A language's catalogue as loaded: its file, or (Serbian Cyrillic) another's transliterated. */
function readFrom(dir: string, locale: Language): unknown {
  const from = languageInfo[locale].transliteratedFrom;
  const catalogue: unknown = JSON.parse(
    readFileSync(path.join(dir, `${from ?? locale}.json`), 'utf8'),
  );
  return from === undefined ? catalogue : catalogueToCyrillic(catalogue);
}
const read = (locale: Language) => readFrom(localesDir, locale);
const readRenderer = (locale: Language) => readFrom(rendererDir, locale);

function flatten(value: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      for (const [leaf, text] of flatten(child, prefix === '' ? key : `${prefix}.${key}`))
        out.set(leaf, text);
    }
  } else out.set(prefix, value);
  return out;
}

const plural = /_(zero|one|two|few|many|other)$/;
const base = (key: string) => key.replace(plural, '');
const placeholders = (text: unknown) =>
  [...String(text).matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)].map((match) => match[1]).sort();

describe('the console catalogues', () => {
  const english = flatten(read('en'));
  const others = supportedLanguages.filter((locale) => locale !== 'en');

  it.each(others)(
    'have the same keys in %s as in English, with the same placeholders',
    (locale) => {
      const catalogue = flatten(read(locale));
      expect(new Set([...catalogue.keys()].map(base))).toEqual(
        new Set([...english.keys()].map(base)),
      );
      for (const [key, text] of catalogue) {
        const source = english.get(key) ?? english.get(`${base(key)}_other`);
        const form = plural.exec(key)?.[1];
        const words = placeholders(text);
        // A form for one number only ("two" in Arabic) may name it in words instead of {{count}}.
        const mayDropCount =
          form !== undefined && namesOneNumber(locale, form) && !words.includes('count');
        expect(words, key).toEqual(
          placeholders(source).filter((name) => !(mayDropCount && name === 'count')),
        );
      }
    },
  );

  it.each(others)(
    'give %s every plural form its grammar has wherever English has two',
    (locale) => {
      const catalogue = flatten(read(locale));
      const forms = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
      for (const key of english.keys()) {
        if (!key.endsWith('_one')) continue;
        for (const form of forms) {
          expect(catalogue.has(`${base(key)}_${form}`), `${base(key)}_${form}`).toBe(true);
        }
      }
    },
  );

  it('word the offline map (the renderer’s component) exactly as the laptop does', () => {
    // OfflineMap reads its words from the `map` section of whichever catalogue it runs under;
    // the console's copy must not drift from the laptop's, nor miss a key the map asks for.
    for (const locale of supportedLanguages) {
      const section = (catalogue: unknown) => (catalogue as { map?: unknown }).map;
      expect(section(read(locale)), locale).toEqual(section(readRenderer(locale)));
    }
  });

  it('word every error code, role, audit action and missing password requirement', () => {
    for (const catalogue of supportedLanguages.map((locale) => flatten(read(locale)))) {
      for (const code of consoleErrorCodes)
        expect(catalogue.has(`errors.${code}`), code).toBe(true);
      for (const role of consoleRoles) expect(catalogue.has(`role.${role}`), role).toBe(true);
      for (const action of consoleAuditActions) {
        expect(catalogue.has(`audit.actions.${action}`), action).toBe(true);
      }
      for (const problem of passphraseProblemValues) {
        expect(catalogue.has(`password.${problem}`), problem).toBe(true);
      }
    }
  });
});
