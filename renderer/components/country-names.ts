import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { countryCodeValues, type CountryCode } from '../../shared/domain/country-code.ts';
import { collator as collatorOf, displayNames } from '../../shared/i18n/formats.ts';

export interface CountryOption {
  readonly code: CountryCode;
  readonly name: string;
}

/**
 * Country names in the person's language, from the platform's own data (Intl.DisplayNames), so
 * no country list is translated by hand. Sorted by name in that language; the code stays visible
 * because officers and marking standards (ISACS) use it.
 */
export function useCountryOptions(): readonly CountryOption[] {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(() => {
    let names: Intl.DisplayNames | null = null;
    try {
      names = displayNames(language, {
        type: 'region',
        fallback: 'code',
      });
    } catch {
      names = null;
    }
    const collator = collatorOf(language);
    return countryCodeValues
      .map((code) => ({ code, name: names?.of(code) ?? code }))
      .sort((a, b) => collator.compare(a.name, b.name));
  }, [language]);
}

export function useCountryName(): (code: string) => string {
  const options = useCountryOptions();
  return useMemo(() => {
    const byCode = new Map<string, string>(options.map((option) => [option.code, option.name]));
    return (code) => byCode.get(code) ?? code;
  }, [options]);
}
