import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { catalogueToCyrillic } from '../../shared/i18n/serbian-cyrillic.ts';
import type { Language } from '../../shared/settings/settings.ts';
import { dashboardResources } from './dashboard-namespaces.ts';
import en from './locales/en.json';
import enActions from './locales/en.actions.json';
import enCustody from './locales/en.custody.json';
import enEvent from './locales/en.event.json';
import enInventory from './locales/en.inventory.json';
import enItems from './locales/en.items.json';
import enPlaces from './locales/en.places.json';
import enRecords from './locales/en.records.json';
import enReview from './locales/en.review.json';
import enSession from './locales/en.session.json';
import enSync from './locales/en.sync.json';
import enTracing from './locales/en.tracing.json';
import srLatn from './locales/sr-Latn.json';
import srLatnActions from './locales/sr-Latn.actions.json';
import srLatnCustody from './locales/sr-Latn.custody.json';
import srLatnEvent from './locales/sr-Latn.event.json';
import srLatnInventory from './locales/sr-Latn.inventory.json';
import srLatnItems from './locales/sr-Latn.items.json';
import srLatnPlaces from './locales/sr-Latn.places.json';
import srLatnRecords from './locales/sr-Latn.records.json';
import srLatnReview from './locales/sr-Latn.review.json';
import srLatnSession from './locales/sr-Latn.session.json';
import srLatnSync from './locales/sr-Latn.sync.json';
import srLatnTracing from './locales/sr-Latn.tracing.json';

import { ar } from './translations/ar.ts';
import { bs } from './translations/bs.ts';
import { cnr } from './translations/cnr.ts';
import { fr } from './translations/fr.ts';
import { hr } from './translations/hr.ts';
import { mk } from './translations/mk.ts';
import { sq } from './translations/sq.ts';

/**
 * English is the source catalogue; every other locale must have exactly its keys (unit-tested).
 * Namespaces by area: `translation` (app shell, settings, errors), `session` (set-up, unlock,
 * people), `records` (intake workflow), `items` (parts, ammunition lots and explosive items in
 * the editor and the record, the serial marking), `sync` (Sync screen, enrollment, record
 * badges), `domain` (labels of the domain enumerations and the validation message keys of
 * shared/domain), `actions` (what a record page offers: the receipt, amending, deleting a draft),
 * `places` (locations and collection campaigns), `event` (the intake's event-level fields:
 * coordinates, scene photos, route and persons of a seizure, and the date field), `inventory`
 * (the Items area: every item across records, and an item's page), `custody` (the Custody area:
 * storage sites, transfers and decisions with their forms, and an item's custody and timeline),
 * `reports` (the Dashboard area: historic aggregate counts and their import), `tracing` (ITI trace
 * requests: the lists, a request with its steps and answer, the forms, a weapon's requests on its
 * page, and the setting of days an answer is due in), `review` (review of final records: the
 * panel on a record's page, bulk review and the filter in the list, the author's tasks).
 * Serbian in Cyrillic is the Latin catalogues transliterated (shared/i18n/serbian-cyrillic.ts).
 */
// Serbian's own namespaces; the Dashboard's come from dashboard-namespaces.ts, in both scripts.
const serbianLatin = {
  translation: srLatn,
  session: srLatnSession,
  records: srLatnRecords,
  event: srLatnEvent,
  items: srLatnItems,
  inventory: srLatnInventory,
  places: srLatnPlaces,
  actions: srLatnActions,
  sync: srLatnSync,
  custody: srLatnCustody,
  tracing: srLatnTracing,
  review: srLatnReview,
} as const;

export const resources = {
  en: {
    translation: en,
    session: enSession,
    records: enRecords,
    event: enEvent,
    items: enItems,
    inventory: enInventory,
    places: enPlaces,
    ...dashboardResources.en,
    actions: enActions,
    sync: enSync,
    custody: enCustody,
    tracing: enTracing,
    review: enReview,
  },
  'sr-Latn': { ...serbianLatin, ...dashboardResources['sr-Latn'] },
  'sr-Cyrl': { ...catalogueToCyrillic(serbianLatin), ...dashboardResources['sr-Cyrl'] },
  bs,
  hr,
  cnr,
  mk,
  sq,
  fr,
  ar,
} as const satisfies Record<Language, Record<string, unknown>>;

export const namespaces = [
  'translation',
  'session',
  'records',
  'event',
  'items',
  'domain',
  'sync',
  'actions',
  'places',
  'inventory',
  'custody',
  'reports',
  'tracing',
  'review',
] as const;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: (typeof resources)['en'];
  }
}

export async function createI18n(language: Language): Promise<I18n> {
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({
    resources,
    ns: [...namespaces],
    defaultNS: 'translation',
    lng: language,
    fallbackLng: 'en',
    // React escapes what it renders; i18next escaping on top would double-encode.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}
