import type { Language } from '../settings/settings.ts';

/**
 * What the interface needs to know of each language besides its words: its name as its speakers
 * write it (a language list must be readable by the person who needs it, whatever the screen's
 * language is now), the direction its text runs, and the locale the platform's Intl formats it
 * by: a list, best first, because Intl takes the first one the runtime has data for. Montenegrin
 * (`cnr`) has no locale data of its own in ICU, which formats it as Montenegro's Serbian Latin.
 * Some Chromium builds leave out the data of smaller languages (Debian's has no Macedonian or
 * Albanian and half of Bosnian): the next locale in the list is one whose words and patterns the
 * language shares (Bosnian's months are Serbian Latin's), else `numericLocales`.
 */
export interface LanguageInfo {
  readonly nativeName: string;
  readonly direction: 'ltr' | 'rtl';
  readonly intlLocales: readonly string[];
  /**
   * Where the runtime has none of `intlLocales` (shared/i18n/formats.ts): locales that write
   * dates and numbers in digits the way this language does, used with no words.
   */
  readonly numericLocales?: { readonly date: string; readonly number: string };
  /** Written from another language's catalogues by transliteration, not from files of its own. */
  readonly transliteratedFrom?: Language;
}

export const languageInfo: Readonly<Record<Language, LanguageInfo>> = {
  // English as the region's readers and the UN write it: day before month ("1 Mar 2024"), a
  // 24-hour clock; the United States' "Mar 1, 2024, 2:30 PM" reads as another order here.
  en: { nativeName: 'English', direction: 'ltr', intlLocales: ['en-GB', 'en'] },
  'sr-Latn': { nativeName: 'Srpski (latinica)', direction: 'ltr', intlLocales: ['sr-Latn'] },
  'sr-Cyrl': {
    nativeName: 'Српски (ћирилица)',
    direction: 'ltr',
    intlLocales: ['sr-Cyrl'],
    transliteratedFrom: 'sr-Latn',
  },
  fr: { nativeName: 'Français', direction: 'ltr', intlLocales: ['fr'] },
  mk: {
    nativeName: 'Македонски',
    direction: 'ltr',
    intlLocales: ['mk'],
    numericLocales: { date: 'de', number: 'de' },
  },
  bs: { nativeName: 'Bosanski', direction: 'ltr', intlLocales: ['bs', 'sr-Latn'] },
  hr: { nativeName: 'Hrvatski', direction: 'ltr', intlLocales: ['hr'] },
  cnr: { nativeName: 'Crnogorski', direction: 'ltr', intlLocales: ['sr-Latn-ME'] },
  ar: { nativeName: 'العربية', direction: 'rtl', intlLocales: ['ar'] },
  sq: {
    nativeName: 'Shqip',
    direction: 'ltr',
    intlLocales: ['sq'],
    numericLocales: { date: 'de', number: 'fr' },
  },
};

/** The locales Intl formats `language` by (any other tag: itself). */
export function intlLocalesOf(language: string): string[] {
  return Object.hasOwn(languageInfo, language)
    ? [...languageInfo[language as Language].intlLocales]
    : [language];
}

/**
 * The supported language a browser's preferences (navigator.languages, best first) name: the
 * exact tag, else the same language (Serbian in Cyrillic only when the tag says Cyrl: officers
 * in the region set their browsers to `sr` and read Latin at work), else English.
 */
export function languageOfPreferences(
  preferences: readonly string[],
  supported: readonly Language[],
): Language {
  for (const preference of preferences) {
    const tag = preference.toLowerCase();
    const exact = supported.find((language) => language.toLowerCase() === tag);
    if (exact !== undefined) return exact;
    const primary = tag.split('-')[0];
    if (primary === 'sr') {
      const script = tag.includes('cyrl') ? 'sr-Cyrl' : 'sr-Latn';
      if (supported.includes(script)) return script;
    }
    const same = supported.find((language) => language.split('-')[0] === primary);
    if (same !== undefined) return same;
  }
  return 'en';
}
