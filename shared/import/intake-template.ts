import {
  ammoClassValues,
  ammoConditionValues,
  ammoQuantityUnitValues,
  collectionMethodValues,
  conveyanceValues,
  directionValues,
  dispositionRequestedValues,
  explosiveQuantityUnitValues,
  explosiveSafetyStatusValues,
  explosiveTypeValues,
  intakeContextValues,
  legalJustificationValues,
  markingConditionValues,
  partTypeValues,
  seizingAgencyTypeValues,
  surrenderingPartyTypeValues,
  traceStatusValues,
  weaponCategoryValues,
  weaponTypeValues,
} from '../domain/enums.ts';
import { serialStatusValues } from '../domain/serial-number.ts';

/**
 * The documented import template for intake events (issue 15): one row per item; rows with the
 * same `event_ref` form one intake event and must follow each other (so a file of any length is
 * checked with bounded memory). Event columns are read from the event's first row; a later row
 * of the same event may repeat them or leave them blank, but not contradict them.
 */
export const itemKindValues = ['weapon', 'part', 'ammunition', 'explosive'] as const;
export type ItemKind = (typeof itemKindValues)[number];

export interface TemplateColumn {
  readonly name: string;
  /** 'event': the same for every row of one event; 'item': this row's item. */
  readonly level: 'event' | 'item';
  /** Allowed values of an enumeration column, exactly as written in the file. */
  readonly values?: readonly string[];
  /** How the cell is read: text, an ISO or d.m.yyyy date, yes/no, a number. */
  readonly type: 'text' | 'date' | 'boolean' | 'number' | 'enum';
  /** Item kinds the column applies to (item columns only). */
  readonly kinds?: readonly ItemKind[];
  readonly required?: boolean;
}

const yesNo = ['yes', 'no'] as const;
export const unitValues = ['pieces', 'rounds', 'boxes', 'kg', 'tonnes'] as const;

export const templateColumns: readonly TemplateColumn[] = [
  { name: 'event_ref', level: 'event', type: 'text', required: true },
  { name: 'context', level: 'event', type: 'enum', values: intakeContextValues },
  { name: 'occurred_on', level: 'event', type: 'date' },
  { name: 'location', level: 'event', type: 'text' },
  { name: 'recording_agency', level: 'event', type: 'text' },
  { name: 'recording_officer', level: 'event', type: 'text' },
  { name: 'agency_case_ref', level: 'event', type: 'text' },
  { name: 'notes', level: 'event', type: 'text' },
  { name: 'seizing_agency_type', level: 'event', type: 'enum', values: seizingAgencyTypeValues },
  { name: 'legal_justification', level: 'event', type: 'enum', values: legalJustificationValues },
  { name: 'direction', level: 'event', type: 'enum', values: directionValues },
  { name: 'conveyance', level: 'event', type: 'enum', values: conveyanceValues },
  { name: 'collection_method', level: 'event', type: 'enum', values: collectionMethodValues },
  {
    name: 'surrendering_party_type',
    level: 'event',
    type: 'enum',
    values: surrenderingPartyTypeValues,
  },
  { name: 'anonymous', level: 'event', type: 'boolean', values: yesNo },
  { name: 'campaign_based', level: 'event', type: 'boolean', values: yesNo },
  {
    name: 'disposition_requested',
    level: 'event',
    type: 'enum',
    values: dispositionRequestedValues,
  },
  { name: 'item_kind', level: 'item', type: 'enum', values: itemKindValues, required: true },
  {
    name: 'weapon_category',
    level: 'item',
    type: 'enum',
    values: weaponCategoryValues,
    kinds: ['weapon'],
  },
  { name: 'weapon_type', level: 'item', type: 'enum', values: weaponTypeValues, kinds: ['weapon'] },
  { name: 'manufacturer', level: 'item', type: 'text', kinds: ['weapon'] },
  { name: 'model', level: 'item', type: 'text', kinds: ['weapon'] },
  { name: 'calibre', level: 'item', type: 'text', kinds: ['weapon', 'ammunition'] },
  { name: 'serial_number', level: 'item', type: 'text', kinds: ['weapon', 'part'] },
  {
    name: 'serial_status',
    level: 'item',
    type: 'enum',
    values: serialStatusValues,
    kinds: ['weapon'],
  },
  {
    name: 'marking_condition',
    level: 'item',
    type: 'enum',
    values: markingConditionValues,
    kinds: ['weapon'],
  },
  {
    name: 'trace_status',
    level: 'item',
    type: 'enum',
    values: traceStatusValues,
    kinds: ['weapon'],
  },
  { name: 'part_type', level: 'item', type: 'enum', values: partTypeValues, kinds: ['part'] },
  {
    name: 'ammo_class',
    level: 'item',
    type: 'enum',
    values: ammoClassValues,
    kinds: ['ammunition'],
  },
  {
    name: 'ammo_condition',
    level: 'item',
    type: 'enum',
    values: ammoConditionValues,
    kinds: ['ammunition'],
  },
  { name: 'headstamp', level: 'item', type: 'text', kinds: ['ammunition'] },
  { name: 'lot_number', level: 'item', type: 'text', kinds: ['ammunition'] },
  {
    name: 'eo_type',
    level: 'item',
    type: 'enum',
    values: explosiveTypeValues,
    kinds: ['explosive'],
  },
  {
    name: 'safety_status',
    level: 'item',
    type: 'enum',
    values: explosiveSafetyStatusValues,
    kinds: ['explosive'],
  },
  { name: 'quantity', level: 'item', type: 'number' },
  {
    name: 'unit',
    level: 'item',
    type: 'enum',
    values: [
      ...new Set([...unitValues, ...ammoQuantityUnitValues, ...explosiveQuantityUnitValues]),
    ],
  },
  { name: 'description', level: 'item', type: 'text', kinds: ['explosive'] },
];

export type TemplateColumnName = string;
export const templateColumnNames: readonly string[] = templateColumns.map((c) => c.name);
const columnByName = new Map(templateColumns.map((column) => [column.name, column]));

export function templateColumn(name: string): TemplateColumn | undefined {
  return columnByName.get(name);
}

/** The header row and two example events (a seizure of one rifle, a surrender of ammunition). */
export function templateCsv(): string {
  const example = (values: Record<string, string>) =>
    templateColumnNames.map((name) => csvCell(values[name] ?? '')).join(',');
  const seizure = {
    event_ref: 'E-1',
    context: 'seized',
    occurred_on: '2015-03-14',
    location: 'Police station Centar',
    recording_agency: 'Police',
    recording_officer: 'M. Petrović',
    seizing_agency_type: 'police',
    legal_justification: 'illicit_possession',
  };
  return [
    templateColumnNames.join(','),
    example({
      ...seizure,
      item_kind: 'weapon',
      weapon_type: 'assault_rifle',
      manufacturer: 'Zastava',
      model: 'M70',
      calibre: '7.62x39mm',
      serial_number: '123456',
      marking_condition: 'intact',
    }),
    example({
      ...seizure,
      item_kind: 'ammunition',
      ammo_class: 'small_arms_cartridge',
      calibre: '7.62x39mm',
      quantity: '120',
      unit: 'rounds',
    }),
  ].join('\r\n');
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Other names people give these columns (English and Serbian, after foldHeader). */
const headerAliases: Readonly<Record<string, string>> = {
  date: 'occurred_on',
  datum: 'occurred_on',
  event: 'event_ref',
  dogadjaj: 'event_ref',
  dogadaj: 'event_ref',
  kontekst: 'context',
  lokacija: 'location',
  mesto: 'location',
  place: 'location',
  agency: 'recording_agency',
  agencija: 'recording_agency',
  officer: 'recording_officer',
  sluzbenik: 'recording_officer',
  napomena: 'notes',
  kind: 'item_kind',
  vrsta: 'item_kind',
  type: 'weapon_type',
  tip: 'weapon_type',
  proizvodjac: 'manufacturer',
  make: 'manufacturer',
  kalibar: 'calibre',
  caliber: 'calibre',
  serial: 'serial_number',
  serijski_broj: 'serial_number',
  kolicina: 'quantity',
  qty: 'quantity',
  jedinica: 'unit',
  opis: 'description',
};

/** Lower case, no diacritics, words joined by '_': 'Serijski broj' → 'serijski_broj'. */
export function foldHeader(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/giu, 'dj')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

/** File header → template column ('' when nothing matches): the preview's starting mapping. */
export function autoMapping(headers: readonly string[]): Record<string, string> {
  const taken = new Set<string>();
  const mapping: Record<string, string> = {};
  for (const header of headers) {
    const folded = foldHeader(header);
    const match = columnByName.has(folded) ? folded : (headerAliases[folded] ?? '');
    mapping[header] = match !== '' && !taken.has(match) ? match : '';
    if (mapping[header] !== '') taken.add(match);
  }
  return mapping;
}
