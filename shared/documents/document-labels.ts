import type { UnodcFirearmType } from '../measures/weapon-crosswalks.ts';
import type {
  ActionType,
  AgeBand,
  AmmoClass,
  AttachmentKind,
  DestructionMethod,
  DispositionRequested,
  SourceContext,
  VerificationResult,
  ExplosiveSafetyStatus,
  ExplosiveType,
  IntakeContext,
  Legibility,
  LocationType,
  MarkingComponent,
  MarkingCondition,
  MarkingKind,
  PartType,
  SerialLocation,
  Sex,
  WeaponCondition,
  WeaponType,
} from '../domain/enums.ts';
import type { QuantityKind, QuantityUnit } from '../domain/quantity.ts';
import type { SerialStatus } from '../domain/serial-number.ts';
import type { Language } from '../settings/settings.ts';
import { translatedWordsOf } from './words/translated.ts';
import { catalogueToCyrillic } from '../i18n/serbian-cyrillic.ts';
import { displayNames, pluralRules as pluralRulesOf } from '../i18n/formats.ts';

/*
 * The domain's labels a printed document needs, in each language. Documents are built in main
 * (and later on the server), which cannot read the renderer's catalogue, so the labels are here;
 * test/unit/shared/documents/document-labels.test.ts checks they say exactly what the screens say
 * (renderer/i18n/locales/<language>.domain.json), and the types make a missing value a compile error.
 */
const en = {
  intakeContext: {
    seized: 'Seized',
    found: 'Found',
    surrendered: 'Surrendered',
  } satisfies Record<IntakeContext, string>,
  locationType: {
    border_crossing_road: 'Road border crossing',
    border_crossing_rail: 'Rail border crossing',
    airport: 'Airport',
    seaport: 'Seaport',
    green_border: 'Green border',
    inland_police_station: 'Police station (inland)',
    collection_point_fixed: 'Collection point (fixed)',
    collection_point_mobile: 'Collection point (mobile)',
    storage_site: 'Storage site',
    evidence_room: 'Evidence room',
    destruction_site: 'Destruction site',
    other: 'Other',
  } satisfies Record<LocationType, string>,
  weaponType: {
    revolver: 'Revolver',
    self_loading_pistol: 'Self-loading pistol',
    rifle_carbine: 'Rifle or carbine',
    sub_machine_gun: 'Sub-machine gun',
    assault_rifle: 'Assault rifle',
    light_machine_gun: 'Light machine gun',
    shotgun: 'Shotgun',
    heavy_machine_gun: 'Heavy machine gun',
    grenade_launcher: 'Grenade launcher',
    portable_aa_gun: 'Portable anti-aircraft gun',
    portable_at_gun: 'Portable anti-tank gun',
    recoilless_rifle: 'Recoilless rifle',
    portable_at_missile_rocket_launcher: 'Portable anti-tank missile or rocket launcher',
    manpads: 'MANPADS (portable air-defence system)',
    mortar_lt_100mm: 'Mortar under 100 mm',
    combination_gun: 'Combination gun',
    machine_gun_other: 'Machine gun (other)',
    converted_alarm_gas_weapon: 'Converted alarm or gas weapon',
    craft_improvised: 'Craft-made or improvised',
    air_weapon: 'Air weapon',
    antique_pre1900: 'Antique (before 1900)',
    other: 'Other',
  } satisfies Record<WeaponType, string>,
  unodcFirearmType: {
    pistol: 'Pistol',
    revolver: 'Revolver',
    rifle: 'Rifle',
    shotgun: 'Shotgun',
    sub_machine_gun: 'Sub-machine gun',
    machine_gun: 'Machine gun',
    combination_gun: 'Combination gun',
    other_firearm: 'Other',
  } satisfies Record<UnodcFirearmType, string>,
  serialStatus: {
    present: 'Present',
    not_present: 'Not present',
    illegible: 'Illegible',
  } satisfies Record<SerialStatus, string>,
  serialLocation: {
    frame_receiver: 'Frame or receiver',
    slide: 'Slide',
    barrel: 'Barrel',
    bolt: 'Bolt',
    cylinder: 'Cylinder',
    breech_block: 'Breech block',
    other: 'Other',
  } satisfies Record<SerialLocation, string>,
  markingCondition: {
    intact: 'Intact',
    partially_legible: 'Partially legible',
    altered_obliterated: 'Altered or obliterated',
    unmarked: 'Unmarked',
  } satisfies Record<MarkingCondition, string>,
  markingComponent: {
    frame_receiver: 'Frame or receiver',
    barrel: 'Barrel',
    slide: 'Slide',
    bolt: 'Bolt',
    cylinder: 'Cylinder',
    breech_block: 'Breech block',
    other: 'Other',
  } satisfies Record<MarkingComponent, string>,
  markingKind: {
    manufacturer: 'Manufacturer',
    country: 'Country',
    serial: 'Serial number',
    year: 'Year',
    model: 'Model',
    calibre: 'Calibre',
    import_mark: 'Import mark',
    proof_mark: 'Proof mark',
    state_unit_mark: 'State or unit mark',
    arsenal_factory_code: 'Arsenal or factory code',
    other: 'Other',
  } satisfies Record<MarkingKind, string>,
  legibility: {
    legible: 'Legible',
    partially_legible: 'Partially legible',
    illegible: 'Illegible',
  } satisfies Record<Legibility, string>,
  actionType: {
    single_shot: 'Single shot',
    manual_repeating: 'Manual repeating',
    semi_automatic: 'Semi-automatic',
    automatic: 'Automatic',
    unknown: 'Unknown',
  } satisfies Record<ActionType, string>,
  weaponCondition: {
    serviceable: 'Serviceable',
    unserviceable: 'Unserviceable',
    converted: 'Converted',
    deactivated: 'Deactivated',
    modified_sawn_off: 'Modified (sawn-off)',
    craft_improvised: 'Craft-made or improvised',
    replica: 'Replica',
  } satisfies Record<WeaponCondition, string>,
  partType: {
    barrel: 'Barrel',
    frame_or_receiver: 'Frame or receiver',
    slide_or_cylinder: 'Slide or cylinder',
    bolt_or_breech_block: 'Bolt or breech block',
    sound_suppressor: 'Sound suppressor',
    magazine: 'Magazine',
    other: 'Other',
  } satisfies Record<PartType, string>,
  ammoClass: {
    small_arms_cartridge: 'Small arms cartridge',
    shotgun_shell: 'Shotgun shell',
    grenade_launcher_round: 'Grenade launcher round',
    mortar_bomb: 'Mortar bomb',
    rocket: 'Rocket',
    missile: 'Missile',
    other: 'Other',
  } satisfies Record<AmmoClass, string>,
  explosiveType: {
    hand_grenade: 'Hand grenade',
    ap_mine: 'Anti-personnel mine',
    at_mine: 'Anti-tank mine',
    mortar_bomb: 'Mortar bomb',
    artillery_shell: 'Artillery shell',
    rocket: 'Rocket',
    bulk_explosive_commercial: 'Bulk explosive (commercial)',
    bulk_explosive_military: 'Bulk explosive (military)',
    detonator: 'Detonator',
    detonating_cord_fuze: 'Detonating cord or fuze',
    ied_component: 'IED component',
    unknown_uxo: 'Unknown unexploded ordnance',
  } satisfies Record<ExplosiveType, string>,
  explosiveSafetyStatus: {
    safe_to_store: 'Safe to store',
    eod_required: 'Bomb disposal (EOD) required',
    destroyed_in_situ: 'Destroyed on the spot',
  } satisfies Record<ExplosiveSafetyStatus, string>,
  quantityKind: {
    weapons: 'Weapons',
    parts: 'Parts and components',
    ammunition: 'Ammunition',
    explosives: 'Explosives',
  } satisfies Record<QuantityKind, string>,
  quantityUnit: {
    pieces: 'pieces',
    rounds: 'rounds',
    boxes: 'boxes',
    kg: 'kg',
    tonnes: 'tonnes',
  } satisfies Record<QuantityUnit, string>,
  attachmentKind: {
    whole_weapon: 'Whole weapon',
    marking: 'Marking close-up',
    packaging: 'Packaging',
    scene: 'Scene',
    document: 'Document',
    signature: 'Signature',
    other: 'Other',
  } satisfies Record<AttachmentKind, string>,
  destructionMethod: {
    smelting_melting: 'Smelting',
    cutting_torch: 'Cutting (torch)',
    cutting_mechanical: 'Cutting (mechanical)',
    crushing: 'Crushing',
    shredding: 'Shredding',
    open_burning: 'Open burning',
    incineration: 'Incineration',
    detonation_demolition: 'Detonation',
    industrial_demil: 'Industrial demilitarisation',
    other: 'Other',
  } satisfies Record<DestructionMethod, string>,
  sourceContext: {
    seized: 'Seized',
    found: 'Found',
    surrendered: 'Surrendered',
    surplus: 'Surplus',
  } satisfies Record<SourceContext, string>,
  sex: {
    male: 'Male',
    female: 'Female',
    other: 'Other',
    unknown: 'Unknown',
  } satisfies Record<Sex, string>,
  ageBand: {
    under_18: 'Under 18',
    '18_24': '18–24',
    '25_34': '25–34',
    '35_49': '35–49',
    '50_64': '50–64',
    '65_plus': '65 or older',
    unknown: 'Unknown',
  } satisfies Record<AgeBand, string>,
  dispositionRequested: {
    surrender_for_destruction: 'Surrender for destruction',
    legalization_registration: 'Legalisation and registration',
    hand_in_for_return: 'Hand in for return',
  } satisfies Record<DispositionRequested, string>,
  verificationResult: {
    all_match: 'Everything matches',
    discrepancies_found: 'Discrepancies found',
  } satisfies Record<VerificationResult, string>,
};

const srLatn = {
  intakeContext: {
    seized: 'Zaplenjeno',
    found: 'Pronađeno',
    surrendered: 'Predato',
  } satisfies Record<IntakeContext, string>,
  locationType: {
    border_crossing_road: 'Drumski granični prelaz',
    border_crossing_rail: 'Železnički granični prelaz',
    airport: 'Aerodrom',
    seaport: 'Luka',
    green_border: 'Zelena granica',
    inland_police_station: 'Policijska stanica (unutrašnjost)',
    collection_point_fixed: 'Sabirno mesto (stalno)',
    collection_point_mobile: 'Sabirno mesto (mobilno)',
    storage_site: 'Skladište',
    evidence_room: 'Prostorija za oduzete predmete',
    destruction_site: 'Mesto uništavanja',
    other: 'Drugo',
  } satisfies Record<LocationType, string>,
  weaponType: {
    revolver: 'Revolver',
    self_loading_pistol: 'Pištolj (samopunjajući)',
    rifle_carbine: 'Puška ili karabin',
    sub_machine_gun: 'Mašinski pištolj (automat)',
    assault_rifle: 'Automatska puška',
    light_machine_gun: 'Puškomitraljez',
    shotgun: 'Sačmarica',
    heavy_machine_gun: 'Teški mitraljez',
    grenade_launcher: 'Bacač granata',
    portable_aa_gun: 'Prenosivi protivavionski top',
    portable_at_gun: 'Prenosivi protivoklopni top',
    recoilless_rifle: 'Bestrzajni top',
    portable_at_missile_rocket_launcher: 'Prenosivi protivoklopni raketni bacač',
    manpads: 'Prenosivi PVO raketni sistem (MANPADS)',
    mortar_lt_100mm: 'Minobacač kalibra manjeg od 100 mm',
    combination_gun: 'Kombinovana puška',
    machine_gun_other: 'Mitraljez (ostali)',
    converted_alarm_gas_weapon: 'Prepravljeno startno ili gasno oružje',
    craft_improvised: 'Zanatski ili improvizovano izrađeno',
    air_weapon: 'Vazdušno oružje',
    antique_pre1900: 'Starinsko (pre 1900)',
    other: 'Drugo',
  } satisfies Record<WeaponType, string>,
  unodcFirearmType: {
    pistol: 'Pištolj',
    revolver: 'Revolver',
    rifle: 'Puška',
    shotgun: 'Sačmarica',
    sub_machine_gun: 'Automat',
    machine_gun: 'Mitraljez',
    combination_gun: 'Kombinovana puška',
    other_firearm: 'Ostalo',
  } satisfies Record<UnodcFirearmType, string>,
  serialStatus: {
    present: 'Postoji',
    not_present: 'Ne postoji',
    illegible: 'Nečitljiv',
  } satisfies Record<SerialStatus, string>,
  serialLocation: {
    frame_receiver: 'Ram ili sanduk',
    slide: 'Navlaka',
    barrel: 'Cev',
    bolt: 'Zatvarač',
    cylinder: 'Doboš',
    breech_block: 'Blok zatvarača',
    other: 'Drugo',
  } satisfies Record<SerialLocation, string>,
  markingCondition: {
    intact: 'Neoštećene',
    partially_legible: 'Delimično čitljive',
    altered_obliterated: 'Izmenjene ili uklonjene',
    unmarked: 'Bez oznaka',
  } satisfies Record<MarkingCondition, string>,
  markingComponent: {
    frame_receiver: 'Ram ili sanduk',
    barrel: 'Cev',
    slide: 'Navlaka',
    bolt: 'Zatvarač',
    cylinder: 'Doboš',
    breech_block: 'Blok zatvarača',
    other: 'Drugo',
  } satisfies Record<MarkingComponent, string>,
  markingKind: {
    manufacturer: 'Proizvođač',
    country: 'Zemlja',
    serial: 'Serijski broj',
    year: 'Godina',
    model: 'Model',
    calibre: 'Kalibar',
    import_mark: 'Uvozna oznaka',
    proof_mark: 'Žig ispitivanja',
    state_unit_mark: 'Oznaka države ili jedinice',
    arsenal_factory_code: 'Šifra arsenala ili fabrike',
    other: 'Drugo',
  } satisfies Record<MarkingKind, string>,
  legibility: {
    legible: 'Čitljivo',
    partially_legible: 'Delimično čitljivo',
    illegible: 'Nečitljivo',
  } satisfies Record<Legibility, string>,
  actionType: {
    single_shot: 'Jednometno',
    manual_repeating: 'Ručno repetiranje',
    semi_automatic: 'Poluautomatsko',
    automatic: 'Automatsko',
    unknown: 'Nepoznato',
  } satisfies Record<ActionType, string>,
  weaponCondition: {
    serviceable: 'Ispravno',
    unserviceable: 'Neispravno',
    converted: 'Prepravljeno',
    deactivated: 'Onesposobljeno',
    modified_sawn_off: 'Modifikovano (skraćena cev)',
    craft_improvised: 'Zanatski ili improvizovano izrađeno',
    replica: 'Replika',
  } satisfies Record<WeaponCondition, string>,
  partType: {
    barrel: 'Cev',
    frame_or_receiver: 'Ram ili sanduk',
    slide_or_cylinder: 'Navlaka ili doboš',
    bolt_or_breech_block: 'Zatvarač ili blok zatvarača',
    sound_suppressor: 'Prigušivač',
    magazine: 'Okvir',
    other: 'Drugo',
  } satisfies Record<PartType, string>,
  ammoClass: {
    small_arms_cartridge: 'Metak za malo oružje',
    shotgun_shell: 'Metak za sačmaricu',
    grenade_launcher_round: 'Granata za bacač',
    mortar_bomb: 'Minobacačka mina',
    rocket: 'Raketa',
    missile: 'Vođena raketa',
    other: 'Drugo',
  } satisfies Record<AmmoClass, string>,
  explosiveType: {
    hand_grenade: 'Ručna bomba',
    ap_mine: 'Protivpešadijska mina',
    at_mine: 'Protivtenkovska mina',
    mortar_bomb: 'Minobacačka mina',
    artillery_shell: 'Artiljerijska granata',
    rocket: 'Raketa',
    bulk_explosive_commercial: 'Eksploziv u rasutom stanju (privredni)',
    bulk_explosive_military: 'Eksploziv u rasutom stanju (vojni)',
    detonator: 'Detonator',
    detonating_cord_fuze: 'Detonirajući štapin ili upaljač',
    ied_component: 'Deo improvizovane eksplozivne naprave',
    unknown_uxo: 'Nepoznato neeksplodirano ubojno sredstvo',
  } satisfies Record<ExplosiveType, string>,
  explosiveSafetyStatus: {
    safe_to_store: 'Bezbedno za skladištenje',
    eod_required: 'Potrebni pirotehničari (EOD)',
    destroyed_in_situ: 'Uništeno na licu mesta',
  } satisfies Record<ExplosiveSafetyStatus, string>,
  quantityKind: {
    weapons: 'Oružje',
    parts: 'Delovi i sklopovi',
    ammunition: 'Municija',
    explosives: 'Eksplozivna sredstva',
  } satisfies Record<QuantityKind, string>,
  quantityUnit: {
    pieces: 'komadi',
    rounds: 'metci',
    boxes: 'kutije',
    kg: 'kg',
    tonnes: 'tone',
  } satisfies Record<QuantityUnit, string>,
  attachmentKind: {
    whole_weapon: 'Celo oružje',
    marking: 'Oznaka izbliza',
    packaging: 'Ambalaža',
    scene: 'Lice mesta',
    document: 'Dokument',
    signature: 'Potpis',
    other: 'Drugo',
  } satisfies Record<AttachmentKind, string>,
  destructionMethod: {
    smelting_melting: 'Topljenje',
    cutting_torch: 'Sečenje (gorionik)',
    cutting_mechanical: 'Sečenje (mehaničko)',
    crushing: 'Drobljenje',
    shredding: 'Usitnjavanje',
    open_burning: 'Spaljivanje na otvorenom',
    incineration: 'Spaljivanje u peći',
    detonation_demolition: 'Detonacija',
    industrial_demil: 'Industrijska demilitarizacija',
    other: 'Drugo',
  } satisfies Record<DestructionMethod, string>,
  sourceContext: {
    seized: 'Zaplenjeno',
    found: 'Pronađeno',
    surrendered: 'Predato',
    surplus: 'Višak',
  } satisfies Record<SourceContext, string>,
  sex: {
    male: 'Muški',
    female: 'Ženski',
    other: 'Drugo',
    unknown: 'Nepoznato',
  } satisfies Record<Sex, string>,
  ageBand: {
    under_18: 'Mlađi od 18',
    '18_24': '18–24',
    '25_34': '25–34',
    '35_49': '35–49',
    '50_64': '50–64',
    '65_plus': '65 i stariji',
    unknown: 'Nepoznato',
  } satisfies Record<AgeBand, string>,
  dispositionRequested: {
    surrender_for_destruction: 'Predaja radi uništenja',
    legalization_registration: 'Legalizacija i registracija',
    hand_in_for_return: 'Predaja radi vraćanja',
  } satisfies Record<DispositionRequested, string>,
  verificationResult: {
    all_match: 'Sve se poklapa',
    discrepancies_found: 'Utvrđena odstupanja',
  } satisfies Record<VerificationResult, string>,
};

export type DocumentLabels = typeof en;

export const documentLabels: Readonly<Record<Language, DocumentLabels>> = {
  en,
  'sr-Latn': srLatn,
  'sr-Cyrl': catalogueToCyrillic(srLatn),
  ...translatedWordsOf('labels'),
};

/**
 * A unit's word after a number, in each form the language's plural rules (CLDR, through
 * Intl.PluralRules) give numbers: English "1 piece", "2 pieces"; Serbian "1 komad", "2 komada",
 * "5 komada". The labels above name a unit on its own (a column of units, a choice); these agree
 * with the number before them. Every form a language uses is required, and no other:
 * test/unit/shared/documents/document-labels.test.ts checks them against the screens'
 * `quantityUnitCount` (renderer/i18n/locales/<language>.domain.json).
 */
type EnglishForms = { readonly one: string; readonly other: string };
type SerbianForms = { readonly one: string; readonly few: string; readonly other: string };

const enCounted = {
  pieces: { one: 'piece', other: 'pieces' },
  rounds: { one: 'round', other: 'rounds' },
  boxes: { one: 'box', other: 'boxes' },
  kg: { one: 'kg', other: 'kg' },
  tonnes: { one: 'tonne', other: 'tonnes' },
} satisfies Record<QuantityUnit, EnglishForms>;

const srLatnCounted = {
  pieces: { one: 'komad', few: 'komada', other: 'komada' },
  rounds: { one: 'metak', few: 'metka', other: 'metaka' },
  boxes: { one: 'kutija', few: 'kutije', other: 'kutija' },
  kg: { one: 'kg', few: 'kg', other: 'kg' },
  tonnes: { one: 'tona', few: 'tone', other: 'tona' },
} satisfies Record<QuantityUnit, SerbianForms>;

export const countedUnitForms: Readonly<
  Record<Language, Readonly<Record<QuantityUnit, Readonly<Record<string, string>>>>>
> = {
  en: enCounted,
  'sr-Latn': srLatnCounted,
  'sr-Cyrl': catalogueToCyrillic(srLatnCounted),
  ...translatedWordsOf('countedUnits'),
};

const pluralRules = new Map<Language, Intl.PluralRules>();

function pluralCategory(language: Language, amount: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(language);
  if (rules === undefined) {
    rules = pluralRulesOf(language);
    pluralRules.set(language, rules);
  }
  return rules.select(amount);
}

/**
 * The unit's word as it follows this amount ("500 | metaka" in a table's quantity and unit
 * columns). Decimals take the form their category gives: 2.5 is "other" in both languages. A unit
 * the app does not know (stored by a newer laptop) prints as stored.
 */
export function countedUnit(language: Language, unit: string, amount: number): string {
  const units: Readonly<Record<string, Readonly<Record<string, string>>>> =
    countedUnitForms[language];
  if (!Object.hasOwn(units, unit)) return unit;
  const forms = units[unit] ?? {};
  return forms[pluralCategory(language, amount)] ?? forms.other ?? unit;
}

const regionNames = new Map<Language, Intl.DisplayNames | null>();

/**
 * A country's name in the document's language with its code beside it ("Nemačka (DE)"), as the
 * screens show it (renderer/components/country-names.ts): from the platform's own data, so no
 * country list is translated by hand, and the code stays because officers and ISACS use it.
 */
export function countryName(language: Language, code: string): string {
  let names = regionNames.get(language);
  if (names === undefined) {
    try {
      names = displayNames(language, {
        type: 'region',
        fallback: 'code',
      });
    } catch {
      names = null;
    }
    regionNames.set(language, names);
  }
  let name: string | undefined;
  try {
    name = names?.of(code);
  } catch {
    // A code the platform refuses (malformed): printed as stored.
    name = undefined;
  }
  return name === undefined || name === code ? code : `${name} (${code})`;
}
