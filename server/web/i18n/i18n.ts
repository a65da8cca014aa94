import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import {
  dashboardNamespaces,
  dashboardResources,
} from '../../../renderer/i18n/dashboard-namespaces.ts';
import { dateFieldWords } from '../../../renderer/i18n/date-field-words.ts';
import { recordFieldNames, recordPartNames } from '../../../renderer/i18n/record-field-names.ts';
import { catalogueToCyrillic } from '../../../shared/i18n/serbian-cyrillic.ts';
import { languageInfo, languageOfPreferences } from '../../../shared/i18n/languages.ts';
import {
  LanguageSchema,
  supportedLanguages,
  type Language,
} from '../../../shared/settings/settings.ts';
import en from './locales/en.json';
import srLatn from './locales/sr-Latn.json';
import sqConsole from './locales/sq.json';
import arConsole from './locales/ar.json';
import frConsole from './locales/fr.json';
import cnrConsole from './locales/cnr.json';
import hrConsole from './locales/hr.json';
import bsConsole from './locales/bs.json';
import mkConsole from './locales/mk.json';

/**
 * The console's catalogues, English the source (every other locale has exactly its keys,
 * unit-tested). Pages other engineers add put their keys in these files, under their own key.
 * Beside them, the laptop's own `reports` and `domain` namespaces, read by the Dashboard's
 * figures the overview draws, `recordFields` (an intake record's fields in words, for a record's
 * history and its review) and `recordParts` (the fields inside its lists and groups, for its
 * review) and `event` (only its `date` words, for DateField in the filters): loaded from the
 * laptop's catalogues, never copied.
 */
export const consoleResources = {
  en: {
    translation: en,
    ...dashboardResources.en,
    recordFields: recordFieldNames.en,
    recordParts: recordPartNames.en,
    event: dateFieldWords.en,
  },
  'sr-Latn': {
    translation: srLatn,
    ...dashboardResources['sr-Latn'],
    recordFields: recordFieldNames['sr-Latn'],
    recordParts: recordPartNames['sr-Latn'],
    event: dateFieldWords['sr-Latn'],
  },
  'sr-Cyrl': {
    translation: catalogueToCyrillic(srLatn),
    ...dashboardResources['sr-Cyrl'],
    recordFields: recordFieldNames['sr-Cyrl'],
    recordParts: recordPartNames['sr-Cyrl'],
    event: dateFieldWords['sr-Cyrl'],
  },
  fr: {
    translation: frConsole,
    ...dashboardResources.fr,
    recordFields: recordFieldNames.fr,
    recordParts: recordPartNames.fr,
    event: dateFieldWords.fr,
  },
  mk: {
    translation: mkConsole,
    ...dashboardResources.mk,
    recordFields: recordFieldNames.mk,
    recordParts: recordPartNames.mk,
    event: dateFieldWords.mk,
  },
  bs: {
    translation: bsConsole,
    ...dashboardResources.bs,
    recordFields: recordFieldNames.bs,
    recordParts: recordPartNames.bs,
    event: dateFieldWords.bs,
  },
  hr: {
    translation: hrConsole,
    ...dashboardResources.hr,
    recordFields: recordFieldNames.hr,
    recordParts: recordPartNames.hr,
    event: dateFieldWords.hr,
  },
  cnr: {
    translation: cnrConsole,
    ...dashboardResources.cnr,
    recordFields: recordFieldNames.cnr,
    recordParts: recordPartNames.cnr,
    event: dateFieldWords.cnr,
  },
  ar: {
    translation: arConsole,
    ...dashboardResources.ar,
    recordFields: recordFieldNames.ar,
    recordParts: recordPartNames.ar,
    event: dateFieldWords.ar,
  },
  sq: {
    translation: sqConsole,
    ...dashboardResources.sq,
    recordFields: recordFieldNames.sq,
    recordParts: recordPartNames.sq,
    event: dateFieldWords.sq,
  },
} as const satisfies Record<Language, Record<string, unknown>>;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: (typeof consoleResources)['en'];
  }
}

const storageKey = 'salw-console-language';

/** The language chosen on this browser before, else the browser's own preference. */
export function initialLanguage(): Language {
  const stored = LanguageSchema.safeParse(window.localStorage.getItem(storageKey));
  if (stored.success) return stored.data;
  return languageOfPreferences(navigator.languages, supportedLanguages);
}

/** `<html lang dir>`: screen readers, hyphenation, fonts and the mirrored layout follow it. */
export function showLanguage(language: Language): void {
  document.documentElement.lang = language;
  document.documentElement.dir = languageInfo[language].direction;
}

export function rememberLanguage(language: Language): void {
  window.localStorage.setItem(storageKey, language);
}

export async function createConsoleI18n(language: Language): Promise<I18n> {
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({
    resources: consoleResources,
    ns: ['translation', ...dashboardNamespaces],
    defaultNS: 'translation',
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = language;
  return instance;
}
