import { describe, expect, it } from 'vitest';
import { domainEnums, historyActions } from '../../../../renderer/components/domain-enums.ts';
import enDomain from '../../../../renderer/i18n/locales/en.domain.json' with { type: 'json' };
import srDomain from '../../../../renderer/i18n/locales/sr-Latn.domain.json' with { type: 'json' };
import * as enums from '../../../../shared/domain/enums.ts';
import { domainMessageKeys } from '../../../../shared/domain/message-keys.ts';

type Catalogue = { [key: string]: string | Catalogue };

function lookup(catalogue: unknown, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>(
      (node, part) =>
        typeof node === 'object' && node !== null
          ? (node as Record<string, unknown>)[part]
          : undefined,
      catalogue,
    );
}

const catalogues = { en: enDomain as Catalogue, 'sr-Latn': srDomain as Catalogue } as const;
const locales = Object.keys(catalogues) as Array<keyof typeof catalogues>;

describe('domain labels (the renderer\'s "domain" namespace)', () => {
  it('covers every enumeration of shared/domain/enums.ts, with the same values', () => {
    const exported = Object.entries(enums).filter(
      ([name, value]) => name.endsWith('Values') && Array.isArray(value),
    );
    expect(exported.length).toBeGreaterThan(30);
    for (const [name, values] of exported) {
      const enumName = name.slice(0, -'Values'.length) as keyof typeof domainEnums;
      expect(domainEnums[enumName], name).toStrictEqual(values);
    }
  });

  it.each(locales)('%s: labels every value of every enumeration', (locale) => {
    const missing = Object.entries(domainEnums).flatMap(([name, values]) =>
      (values as readonly string[])
        .map((value) => `enum.${name}.${value}`)
        .filter((key) => {
          const label = lookup(catalogues[locale], key);
          return typeof label !== 'string' || label.trim() === '';
        }),
    );
    expect(missing).toStrictEqual([]);
  });

  it.each(locales)('%s: has no labels for values that do not exist', (locale) => {
    const labelled = Object.entries(catalogues[locale].enum as Catalogue).flatMap(
      ([name, labels]) => Object.keys(labels as Catalogue).map((value) => `${name}.${value}`),
    );
    const known = Object.entries(domainEnums).flatMap(([name, values]) =>
      (values as readonly string[]).map((value) => `${name}.${value}`),
    );
    expect(labelled.filter((key) => !known.includes(key))).toStrictEqual([]);
  });

  it.each(locales)(
    '%s: translates every domain validation message key, and only those',
    (locale) => {
      const validation = catalogues[locale].validation as Catalogue;
      expect(Object.keys(validation).sort()).toStrictEqual([...domainMessageKeys].sort());
      for (const key of domainMessageKeys) expect(String(validation[key]).trim(), key).not.toBe('');
      expect(typeof catalogues[locale].validationFallback).toBe('string');
    },
  );

  it.each(locales)('%s: names every history action', (locale) => {
    for (const action of historyActions)
      expect(typeof lookup(catalogues[locale], `action.${action}`), action).toBe('string');
  });

  it('gives Serbian its own words (a label left in English is a missed translation)', () => {
    // Short codes and proper names are the same in both languages; sentences never are.
    const sentences = domainMessageKeys.filter(
      (key) => lookup(srDomain, `validation.${key}`) === lookup(enDomain, `validation.${key}`),
    );
    expect(sentences).toStrictEqual([]);
    expect(lookup(srDomain, 'enum.intakeContext.seized')).toBe('Zaplenjeno');
    expect(lookup(srDomain, 'enum.intakeContext.surrendered')).toBe('Predato');
    expect(lookup(srDomain, 'enum.locationType.border_crossing_road')).toBe(
      'Drumski granični prelaz',
    );
  });
});
