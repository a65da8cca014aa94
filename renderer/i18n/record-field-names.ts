import { catalogueToCyrillic } from '../../shared/i18n/serbian-cyrillic.ts';
import type { Language } from '../../shared/settings/settings.ts';
import { coordinates as arCoordinates, persons as arPersons } from './locales/ar.event.json';
import { page as arItemPage } from './locales/ar.inventory.json';
import {
  ammunition as arAmmunition,
  explosive as arExplosive,
  part as arPart,
} from './locales/ar.items.json';
import {
  collection as arCollection,
  editor as arEditor,
  field as ar,
  marking as arMarking,
  seizure as arSeizure,
  weapon as arWeapon,
} from './locales/ar.records.json';
import { coordinates as bsCoordinates, persons as bsPersons } from './locales/bs.event.json';
import { page as bsItemPage } from './locales/bs.inventory.json';
import {
  ammunition as bsAmmunition,
  explosive as bsExplosive,
  part as bsPart,
} from './locales/bs.items.json';
import {
  collection as bsCollection,
  editor as bsEditor,
  field as bs,
  marking as bsMarking,
  seizure as bsSeizure,
  weapon as bsWeapon,
} from './locales/bs.records.json';
import { coordinates as cnrCoordinates, persons as cnrPersons } from './locales/cnr.event.json';
import { page as cnrItemPage } from './locales/cnr.inventory.json';
import {
  ammunition as cnrAmmunition,
  explosive as cnrExplosive,
  part as cnrPart,
} from './locales/cnr.items.json';
import {
  collection as cnrCollection,
  editor as cnrEditor,
  field as cnr,
  marking as cnrMarking,
  seizure as cnrSeizure,
  weapon as cnrWeapon,
} from './locales/cnr.records.json';
import { coordinates as enCoordinates, persons as enPersons } from './locales/en.event.json';
import { page as enItemPage } from './locales/en.inventory.json';
import {
  ammunition as enAmmunition,
  explosive as enExplosive,
  part as enPart,
} from './locales/en.items.json';
import {
  collection as enCollection,
  editor as enEditor,
  field as en,
  marking as enMarking,
  seizure as enSeizure,
  weapon as enWeapon,
} from './locales/en.records.json';
import { coordinates as frCoordinates, persons as frPersons } from './locales/fr.event.json';
import { page as frItemPage } from './locales/fr.inventory.json';
import {
  ammunition as frAmmunition,
  explosive as frExplosive,
  part as frPart,
} from './locales/fr.items.json';
import {
  collection as frCollection,
  editor as frEditor,
  field as fr,
  marking as frMarking,
  seizure as frSeizure,
  weapon as frWeapon,
} from './locales/fr.records.json';
import { coordinates as hrCoordinates, persons as hrPersons } from './locales/hr.event.json';
import { page as hrItemPage } from './locales/hr.inventory.json';
import {
  ammunition as hrAmmunition,
  explosive as hrExplosive,
  part as hrPart,
} from './locales/hr.items.json';
import {
  collection as hrCollection,
  editor as hrEditor,
  field as hr,
  marking as hrMarking,
  seizure as hrSeizure,
  weapon as hrWeapon,
} from './locales/hr.records.json';
import { coordinates as mkCoordinates, persons as mkPersons } from './locales/mk.event.json';
import { page as mkItemPage } from './locales/mk.inventory.json';
import {
  ammunition as mkAmmunition,
  explosive as mkExplosive,
  part as mkPart,
} from './locales/mk.items.json';
import {
  collection as mkCollection,
  editor as mkEditor,
  field as mk,
  marking as mkMarking,
  seizure as mkSeizure,
  weapon as mkWeapon,
} from './locales/mk.records.json';
import { coordinates as sqCoordinates, persons as sqPersons } from './locales/sq.event.json';
import { page as sqItemPage } from './locales/sq.inventory.json';
import {
  ammunition as sqAmmunition,
  explosive as sqExplosive,
  part as sqPart,
} from './locales/sq.items.json';
import {
  collection as sqCollection,
  editor as sqEditor,
  field as sq,
  marking as sqMarking,
  seizure as sqSeizure,
  weapon as sqWeapon,
} from './locales/sq.records.json';
import {
  coordinates as srLatnCoordinates,
  persons as srLatnPersons,
} from './locales/sr-Latn.event.json';
import { page as srLatnItemPage } from './locales/sr-Latn.inventory.json';
import {
  ammunition as srLatnAmmunition,
  explosive as srLatnExplosive,
  part as srLatnPart,
} from './locales/sr-Latn.items.json';
import {
  collection as srLatnCollection,
  editor as srLatnEditor,
  field as srLatn,
  marking as srLatnMarking,
  seizure as srLatnSeizure,
  weapon as srLatnWeapon,
} from './locales/sr-Latn.records.json';

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

/** The laptop's sections that name the fields inside a record's lists and groups. */
interface PartSections {
  weapon: typeof enWeapon;
  editor: typeof enEditor;
  marking: typeof enMarking;
  seizure: typeof enSeizure;
  collection: typeof enCollection;
  part: typeof enPart;
  ammunition: typeof enAmmunition;
  explosive: typeof enExplosive;
  persons: typeof enPersons;
  coordinates: typeof enCoordinates;
  itemPage: typeof enItemPage;
}

/** A section's texts that are words, without the nested groups of messages some carry. */
function labelsOf(section: object): Record<string, string> {
  return Object.fromEntries(
    Object.entries(section).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}

/**
 * The fields inside an intake record's lists and groups in words, under the stored key of the list
 * or group that holds them (`weapons.serialNumber` → "Serial number as read", `markings.component`
 * → "On which part"), with each entry's title (`weapons.title`: "Weapon {{n}}"): the words the
 * laptop's form puts beside them, so the console's review of a record reads as its author wrote
 * it. Whole sections are taken (their other texts are never looked up by a stored key), except
 * where the form's label carries a count the console does not give.
 */
function partNames(sections: PartSections): Record<string, Record<string, string>> {
  // The form labels its lists with their count ("Markings (2)"): those labels go, the plain ones
  // come back below, after the rest.
  const weapon = Object.fromEntries(
    Object.entries(labelsOf(sections.weapon)).filter(([key]) => !/^(markings|photos)/.test(key)),
  );
  const photos = sections.weapon.photosLabel;
  // In the form's order, which the console's review keeps: the lists last.
  return {
    weapons: {
      ...weapon,
      // Never asked on the form (it follows custody); the item page's word for it.
      lifecycleStatus: sections.itemPage.lifecycleStatus,
      markings: sections.weapon.markingsLabel,
      photos,
    },
    markings: labelsOf(sections.marking),
    parts: { ...labelsOf(sections.part), photos },
    ammunition: { ...labelsOf(sections.ammunition), photos },
    explosives: { ...labelsOf(sections.explosive), photos },
    seizure: labelsOf(sections.seizure),
    collection: labelsOf(sections.collection),
    personsInvolved: labelsOf(sections.persons),
    coordinates: labelsOf(sections.coordinates),
    // Not a field: the form's word for the 'unknown' a weapon's make, model or calibre may hold.
    words: { unknown: sections.editor.unknown },
  };
}

const srLatnParts = partNames({
  weapon: srLatnWeapon,
  editor: srLatnEditor,
  marking: srLatnMarking,
  seizure: srLatnSeizure,
  collection: srLatnCollection,
  part: srLatnPart,
  ammunition: srLatnAmmunition,
  explosive: srLatnExplosive,
  persons: srLatnPersons,
  coordinates: srLatnCoordinates,
  itemPage: srLatnItemPage,
});

/** {@link partNames} in every language the console speaks. */
export const recordPartNames = {
  ar: partNames({
    weapon: arWeapon,
    editor: arEditor,
    marking: arMarking,
    seizure: arSeizure,
    collection: arCollection,
    part: arPart,
    ammunition: arAmmunition,
    explosive: arExplosive,
    persons: arPersons,
    coordinates: arCoordinates,
    itemPage: arItemPage,
  }),
  bs: partNames({
    weapon: bsWeapon,
    editor: bsEditor,
    marking: bsMarking,
    seizure: bsSeizure,
    collection: bsCollection,
    part: bsPart,
    ammunition: bsAmmunition,
    explosive: bsExplosive,
    persons: bsPersons,
    coordinates: bsCoordinates,
    itemPage: bsItemPage,
  }),
  cnr: partNames({
    weapon: cnrWeapon,
    editor: cnrEditor,
    marking: cnrMarking,
    seizure: cnrSeizure,
    collection: cnrCollection,
    part: cnrPart,
    ammunition: cnrAmmunition,
    explosive: cnrExplosive,
    persons: cnrPersons,
    coordinates: cnrCoordinates,
    itemPage: cnrItemPage,
  }),
  en: partNames({
    weapon: enWeapon,
    editor: enEditor,
    marking: enMarking,
    seizure: enSeizure,
    collection: enCollection,
    part: enPart,
    ammunition: enAmmunition,
    explosive: enExplosive,
    persons: enPersons,
    coordinates: enCoordinates,
    itemPage: enItemPage,
  }),
  fr: partNames({
    weapon: frWeapon,
    editor: frEditor,
    marking: frMarking,
    seizure: frSeizure,
    collection: frCollection,
    part: frPart,
    ammunition: frAmmunition,
    explosive: frExplosive,
    persons: frPersons,
    coordinates: frCoordinates,
    itemPage: frItemPage,
  }),
  hr: partNames({
    weapon: hrWeapon,
    editor: hrEditor,
    marking: hrMarking,
    seizure: hrSeizure,
    collection: hrCollection,
    part: hrPart,
    ammunition: hrAmmunition,
    explosive: hrExplosive,
    persons: hrPersons,
    coordinates: hrCoordinates,
    itemPage: hrItemPage,
  }),
  mk: partNames({
    weapon: mkWeapon,
    editor: mkEditor,
    marking: mkMarking,
    seizure: mkSeizure,
    collection: mkCollection,
    part: mkPart,
    ammunition: mkAmmunition,
    explosive: mkExplosive,
    persons: mkPersons,
    coordinates: mkCoordinates,
    itemPage: mkItemPage,
  }),
  sq: partNames({
    weapon: sqWeapon,
    editor: sqEditor,
    marking: sqMarking,
    seizure: sqSeizure,
    collection: sqCollection,
    part: sqPart,
    ammunition: sqAmmunition,
    explosive: sqExplosive,
    persons: sqPersons,
    coordinates: sqCoordinates,
    itemPage: sqItemPage,
  }),
  'sr-Latn': srLatnParts,
  'sr-Cyrl': catalogueToCyrillic(srLatnParts),
} as const satisfies Record<Language, Record<string, Record<string, string>>>;
