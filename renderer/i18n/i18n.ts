import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../shared/settings/settings.ts';
import en from './locales/en.json';
import srLatn from './locales/sr-Latn.json';

/** English is the source catalogue; every other locale must have exactly its keys (unit-tested). */
export const resources = {
  en: { translation: en },
  'sr-Latn': { translation: srLatn },
} as const satisfies Record<Language, { translation: unknown }>;

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: (typeof resources)['en'];
  }
}

export async function createI18n(language: Language): Promise<I18n> {
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    // React escapes what it renders; i18next escaping on top would double-encode.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}
