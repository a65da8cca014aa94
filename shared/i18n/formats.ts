import { intlLocalesOf, languageInfo } from './languages.ts';
import type { Language } from '../settings/settings.ts';

/**
 * Intl formatters for a language, whatever data the runtime's ICU has. Node has full ICU; the
 * Chromium the app's screens run in has the data of the languages Chrome ships in and no more
 * (this machine's has no Macedonian or Albanian at all and Bosnian without its patterns). Asked
 * for such a language, Intl falls back to the runtime's default, and an Albanian screen would
 * read "December 7, 2026" and "12,345.5". So: a language's own locales when the runtime really
 * has one of them; otherwise digits and separators only, written the way the language writes
 * them (languageInfo's `numericLocales`), never another language's words.
 */

const withData = new Map<string, boolean>();

/**
 * Whether the runtime formats `locale` with its own data: it resolves to the same language and
 * names March itself (a locale without patterns answers "M03"; one without names, "March").
 */
export function runtimeHasLocale(locale: string): boolean {
  let known = withData.get(locale);
  if (known === undefined) {
    const primary = locale.split('-')[0]?.toLowerCase() ?? '';
    try {
      const format = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' });
      const resolved = format.resolvedOptions().locale.split('-')[0]?.toLowerCase();
      const march = format.format(new Date(Date.UTC(2026, 2, 15)));
      known =
        Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0 &&
        resolved === primary &&
        !/^M0?3$/.test(march) &&
        (primary === 'en' || march !== 'March');
    } catch {
      known = false;
    }
    withData.set(locale, known);
  }
  return known;
}

/** The first of the language's own locales the runtime has, or null. */
function ownLocaleOf(language: string): string | null {
  return intlLocalesOf(language).find(runtimeHasLocale) ?? null;
}

function numericLocalesOf(language: string): { date: string; number: string } {
  const info = Object.hasOwn(languageInfo, language)
    ? languageInfo[language as Language]
    : undefined;
  return info?.numericLocales ?? { date: language, number: language };
}

/** Options that print no word: months and weekdays as numbers, styles as their numeric parts. */
function numericOnly(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormatOptions {
  const {
    dateStyle,
    timeStyle,
    weekday: _weekday,
    era: _era,
    timeZoneName: _zoneName,
    month,
    ...rest
  } = options;
  const numeric: Intl.DateTimeFormatOptions = { ...rest };
  if (dateStyle !== undefined) {
    Object.assign(numeric, { year: 'numeric', month: '2-digit', day: '2-digit' });
  } else if (month !== undefined) {
    numeric.month = month === 'numeric' ? 'numeric' : '2-digit';
  }
  if (timeStyle !== undefined) {
    Object.assign(numeric, { hour: '2-digit', minute: '2-digit' });
    if (timeStyle !== 'short') numeric.second = '2-digit';
  }
  return numeric;
}

export function dateTimeFormat(
  language: string,
  options: Intl.DateTimeFormatOptions = {},
): Intl.DateTimeFormat {
  const own = ownLocaleOf(language);
  if (own !== null) return new Intl.DateTimeFormat(own, options);
  return new Intl.DateTimeFormat(numericLocalesOf(language).date, numericOnly(options));
}

export function numberFormat(
  language: string,
  options: Intl.NumberFormatOptions = {},
): Intl.NumberFormat {
  return new Intl.NumberFormat(ownLocaleOf(language) ?? numericLocalesOf(language).number, options);
}

/** "2 minutes ago" in the language, or null where the runtime has no words for it. */
export function relativeTimeFormat(
  language: string,
  options: Intl.RelativeTimeFormatOptions = {},
): Intl.RelativeTimeFormat | null {
  const own = ownLocaleOf(language);
  return own === null ? null : new Intl.RelativeTimeFormat(own, options);
}

/** "a, b and c" in the language; without the runtime's words for "and", a comma list. */
export function formatList(
  language: string,
  items: readonly string[],
  options: Intl.ListFormatOptions = {},
): string {
  const own = ownLocaleOf(language);
  return own === null ? items.join(', ') : new Intl.ListFormat(own, options).format(items);
}

/** Names of countries and the like in the language, or null where the runtime has none. */
export function displayNames(
  language: string,
  options: Intl.DisplayNamesOptions,
): Intl.DisplayNames | null {
  const own = ownLocaleOf(language);
  return own === null ? null : new Intl.DisplayNames([own], options);
}

/** Sorting by the language's alphabet (č after c, ë after e), with the runtime's best match. */
export function collator(language: string, options: Intl.CollatorOptions = {}): Intl.Collator {
  return new Intl.Collator(intlLocalesOf(language), options);
}

/** The plural category a number takes in the language (CLDR rules, as i18next chooses forms). */
export function pluralRules(language: string): Intl.PluralRules {
  return new Intl.PluralRules(intlLocalesOf(language));
}
