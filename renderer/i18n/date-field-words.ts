import { catalogueToCyrillic } from '../../shared/i18n/serbian-cyrillic.ts';
import type { Language } from '../../shared/settings/settings.ts';
import { date as ar } from './locales/ar.event.json';
import { date as bs } from './locales/bs.event.json';
import { date as cnr } from './locales/cnr.event.json';
import { date as en } from './locales/en.event.json';
import { date as fr } from './locales/fr.event.json';
import { date as hr } from './locales/hr.event.json';
import { date as mk } from './locales/mk.event.json';
import { date as sq } from './locales/sq.event.json';
import { date as srLatn } from './locales/sr-Latn.event.json';

/**
 * The words DateField (renderer/components) shows under a date (the form to type it in, an
 * example), as the `event` namespace it reads them from, for screens that do not load the
 * laptop's whole `event` catalogue: the web console's filters. Only the `date` part of each
 * language's catalogue is imported, never copied.
 */
export const dateFieldWords: Readonly<Record<Language, { date: typeof en }>> = {
  ar: { date: ar },
  bs: { date: bs },
  cnr: { date: cnr },
  en: { date: en },
  fr: { date: fr },
  hr: { date: hr },
  mk: { date: mk },
  sq: { date: sq },
  'sr-Latn': { date: srLatn },
  'sr-Cyrl': { date: catalogueToCyrillic(srLatn) },
};
