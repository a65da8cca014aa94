import { describe, expect, it } from 'vitest';
import {
  CountryCodeSchema,
  countryCodeValues,
  isCountryCode,
  iso3166Alpha2Codes,
  JurisdictionSchema,
  kosovoCode,
} from '../../../../shared/domain/country-code.ts';
import { issuesOf } from './fixtures.ts';

describe('country codes (ISO 3166-1 alpha-2)', () => {
  it('lists the 249 assigned codes once each, sorted', () => {
    expect(iso3166Alpha2Codes).toHaveLength(249);
    expect(new Set(iso3166Alpha2Codes).size).toBe(249);
    expect([...iso3166Alpha2Codes].sort()).toStrictEqual([...iso3166Alpha2Codes]);
  });

  it('names only codes that ICU knows as regions', () => {
    const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
    for (const code of countryCodeValues) expect(names.of(code), code).not.toBe(code);
  });

  it('accepts every Western Balkans jurisdiction, Kosovo as XK (salw-domain.md §e)', () => {
    for (const code of ['AL', 'BA', 'ME', 'MK', 'RS', kosovoCode]) {
      expect(JurisdictionSchema.parse(code)).toBe(code);
    }
    expect(kosovoCode).toBe('XK');
    expect(iso3166Alpha2Codes).not.toContain('XK');
  });

  it.each([
    ['a withdrawn code (Yugoslavia)', 'YU'],
    ['lower case', 'rs'],
    ['an alpha-3 code', 'SRB'],
    ['EU, which is no country', 'EU'],
  ])('rejects %s', (_label, value) => {
    expect(issuesOf(CountryCodeSchema, value)).toStrictEqual([['', 'invalidCountryCode']]);
    expect(isCountryCode(value)).toBe(false);
  });

  it('tells a code from a non-code', () => {
    expect(isCountryCode('HR')).toBe(true);
  });
});
