import type { Language } from '../settings/settings.ts';
import { translatedWordsOf } from './words/translated.ts';
import { catalogueToCyrillic } from '../i18n/serbian-cyrillic.ts';

/**
 * The words of the seizure report / surrender receipt, in each language the app speaks. Kept
 * beside the document (not in the renderer's catalogue) because main builds it; English is the
 * source and every language has the same keys (the type says so).
 */
const en = {
  seizureTitle: 'Seizure report',
  foundTitle: 'Found items report',
  surrenderTitle: 'Surrender receipt',
  recordNumber: 'Record number',
  noRecordNumber: 'not numbered yet',
  context: 'Intake',
  date: 'Date',
  time: 'Time',
  place: 'Place',
  agency: 'Recording agency',
  officer: 'Recording officer',
  caseRef: 'Case reference',
  receiptNumber: 'Receipt number',
  status: 'Status',
  statusFinal: 'Final record, revision {revision}; finalised {when} by {name}',
  items: 'Items',
  noItems: 'No items were recorded.',
  columnNumber: 'No.',
  columnKind: 'Kind',
  columnDescription: 'Description',
  columnIdentifiers: 'Serial number / markings',
  columnQuantity: 'Quantity',
  columnUnit: 'Unit',
  kindWeapon: 'Weapon',
  kindPart: 'Part',
  kindAmmunition: 'Ammunition',
  kindExplosive: 'Explosive item',
  markings: 'Markings',
  lot: 'Lot',
  headstamp: 'Headstamp',
  unknown: 'unknown',
  totals: 'Totals (never added across kinds or units)',
  amendments: 'Amendments',
  amendment: '{when}, {name}: {reason}',
  photos: 'Photos',
  photoScene: 'Scene photo {n}',
  photoOfItem: '{item}, photo {n}',
  photoUnavailable:
    'Photo {name} is not printed here (still on the server, or a format a PDF cannot hold).',
  signatures: 'Signatures',
  signOfficer: 'Recording officer',
  signSurrendered: 'Surrendered by',
  signSeized: 'Seized from / witness',
  signFound: 'Witness',
  name: 'Name',
  signature: 'Signature',
  signedOn: 'Date',
  footer: '{title} {number} · page {page} of {pages}',
  printed: 'Printed {when} from SALW Field.',
};

export type ReceiptWords = typeof en;

const srLatn: ReceiptWords = {
  seizureTitle: 'Zapisnik o zapleni',
  foundTitle: 'Zapisnik o pronađenim predmetima',
  surrenderTitle: 'Potvrda o predaji',
  recordNumber: 'Broj zapisa',
  noRecordNumber: 'još bez broja',
  context: 'Način prijema',
  date: 'Datum',
  time: 'Vreme',
  place: 'Mesto',
  agency: 'Organ koji je sačinio zapis',
  officer: 'Službeno lice',
  caseRef: 'Broj predmeta',
  receiptNumber: 'Broj potvrde',
  status: 'Status',
  statusFinal: 'Konačan zapis, revizija {revision}; zaključio {name}, {when}',
  items: 'Predmeti',
  noItems: 'Nije zabeležen nijedan predmet.',
  columnNumber: 'Br.',
  columnKind: 'Vrsta',
  columnDescription: 'Opis',
  columnIdentifiers: 'Serijski broj / oznake',
  columnQuantity: 'Količina',
  columnUnit: 'Jedinica',
  kindWeapon: 'Oružje',
  kindPart: 'Deo',
  kindAmmunition: 'Municija',
  kindExplosive: 'Eksplozivno sredstvo',
  markings: 'Oznake',
  lot: 'Serija',
  headstamp: 'Oznaka na dancetu',
  unknown: 'nepoznato',
  totals: 'Ukupno (vrste i jedinice se nikad ne sabiraju)',
  amendments: 'Izmene',
  amendment: '{when}, {name}: {reason}',
  photos: 'Fotografije',
  photoScene: 'Fotografija lica mesta {n}',
  photoOfItem: '{item}, fotografija {n}',
  photoUnavailable:
    'Fotografija {name} nije odštampana (još je na serveru ili je u formatu koji PDF ne prima).',
  signatures: 'Potpisi',
  signOfficer: 'Službeno lice',
  signSurrendered: 'Predao',
  signSeized: 'Lice od koga je oduzeto / svedok',
  signFound: 'Svedok',
  name: 'Ime i prezime',
  signature: 'Potpis',
  signedOn: 'Datum',
  footer: '{title} {number} · strana {page} od {pages}',
  printed: 'Odštampano {when} iz aplikacije SALW Field.',
};

export const receiptWords: Readonly<Record<Language, ReceiptWords>> = {
  en,
  'sr-Latn': srLatn,
  'sr-Cyrl': catalogueToCyrillic(srLatn),
  ...translatedWordsOf('receipt'),
};

/** `{name}` placeholders filled from `values`; a missing value leaves the placeholder visible. */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : String(value);
  });
}
