import { catalogueToCyrillic } from '../../shared/i18n/serbian-cyrillic.ts';
import type { Language } from '../../shared/settings/settings.ts';
import { field as ar } from './locales/ar.records.json';
import { field as bs } from './locales/bs.records.json';
import { field as cnr } from './locales/cnr.records.json';
import { field as en } from './locales/en.records.json';
import { field as fr } from './locales/fr.records.json';
import { field as hr } from './locales/hr.records.json';
import { field as mk } from './locales/mk.records.json';
import { field as sq } from './locales/sq.records.json';
import { field as srLatn } from './locales/sr-Latn.records.json';

/**
 * An intake record's top-level fields in words (`recordingOfficer` → "Recording officer"), as the
 * laptop's `records` namespace names them: the web console lists the fields a change touched in a
 * record's history with them. Only that part of each catalogue is taken (named imports), so the
 * console does not carry the laptop's whole records catalogue.
 */
export const recordFieldNames = {
  en,
  'sr-Latn': srLatn,
  'sr-Cyrl': catalogueToCyrillic(srLatn),
  fr,
  mk,
  bs,
  hr,
  cnr,
  ar,
  sq,
} as const satisfies Record<Language, Record<string, string>>;
