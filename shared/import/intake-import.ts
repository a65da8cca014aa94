import { categoryOfWeaponType, type WeaponType } from '../domain/enums.ts';
import type { IntakeEvent } from '../domain/intake-event.ts';
import { normaliseMarkingText } from '../domain/serial-number.ts';
import { intakeEventType, validateRecordOf, type RecordContext } from '../records/record-types.ts';
import { templateColumn, type ItemKind } from './intake-template.ts';

/**
 * Rows of a file in the import template (intake-template.ts) → intake events in their FINAL
 * form, or every error with its row and column. Pure and streaming: rows come one by one, an
 * event is checked when its last row has been read, and only the serials seen so far (for the
 * duplicate check) grow with the file. Nothing here stores anything.
 */

/** Message keys of import errors beyond the domain's own (message-keys.ts); translated in both languages. */
export const importMessageKeys = [
  'columnMissing',
  'columnMappedTwice',
  'eventFieldConflict',
  'eventRowsApart',
  'unknownLocation',
  'mixedUnits',
  'duplicateSerial',
  'oneWeaponPerRow',
  'notForThisKind',
  'unreadableFile',
  // The file is historic counts, not records (told apart by main from its header).
  'historicCountsFile',
] as const;

export interface ImportError {
  /** The file's row number, as a spreadsheet shows it (the header is row 1). */
  readonly row: number;
  /** The template column the error is about ('' for the row as a whole). */
  readonly column: string;
  /** An import message key or a domain message key ('required', 'invalidDate'...). */
  readonly message: string;
  /** The cell's text, shortened: what the person sees next to the error. */
  readonly value?: string;
  /** For duplicateSerial: the row that has the serial first. */
  readonly firstRow?: number;
}

export interface ImportedEvent {
  readonly eventRef: string;
  readonly rows: readonly number[];
  readonly event: IntakeEvent;
}

export interface IntakeImportOptions {
  /** File header → template column ('' or missing: not imported). */
  readonly mapping: Readonly<Record<string, string>>;
  /** A place's id from the cell (its name, ignoring case, or its id); undefined if unknown. */
  readonly resolveLocation: (text: string) => string | undefined;
  readonly context: RecordContext;
  readonly newId: () => string;
  /** Stored on every imported record: where it came from. */
  readonly provenance: {
    readonly fileName: string;
    readonly sha256: string;
    readonly importedAt: string;
  };
}

type Cells = Readonly<Record<string, string>>;
interface Group {
  readonly ref: string;
  readonly rows: { readonly row: number; readonly cells: Cells }[];
}

const eventColumns = new Map<string, string[]>([
  ['context', ['context']],
  ['occurred_on', ['occurredAt']],
  ['location', ['locationId']],
  ['recording_agency', ['recordingAgency']],
  ['recording_officer', ['recordingOfficer']],
  ['agency_case_ref', ['agencyCaseRef']],
  ['notes', ['notes']],
  ['seizing_agency_type', ['seizure', 'seizingAgencyType']],
  ['legal_justification', ['seizure', 'legalJustification']],
  ['direction', ['seizure', 'direction']],
  ['conveyance', ['seizure', 'conveyance']],
  ['collection_method', ['collection', 'collectionMethod']],
  ['surrendering_party_type', ['collection', 'surrenderingPartyType']],
  ['anonymous', ['collection', 'anonymous']],
  ['campaign_based', ['collection', 'campaignBased']],
  ['disposition_requested', ['collection', 'dispositionRequested']],
]);

const listOfKind: Readonly<Record<ItemKind, string>> = {
  weapon: 'weapons',
  part: 'parts',
  ammunition: 'ammunition',
  explosive: 'explosives',
};

/** Item column → the item's field, per kind. */
const itemFields: Readonly<Record<ItemKind, Readonly<Record<string, string>>>> = {
  weapon: {
    weapon_category: 'category',
    weapon_type: 'weaponType',
    manufacturer: 'manufacturer',
    model: 'model',
    calibre: 'calibre',
    serial_number: 'serialNumber',
    serial_status: 'serialStatus',
    marking_condition: 'markingCondition',
    trace_status: 'traceStatus',
  },
  part: { part_type: 'partType', serial_number: 'serialNumber' },
  ammunition: {
    ammo_class: 'ammoClass',
    calibre: 'calibre',
    headstamp: 'headstampText',
    lot_number: 'lotBatchNumber',
    ammo_condition: 'condition',
  },
  explosive: { eo_type: 'eoType', safety_status: 'safetyStatus', description: 'description' },
};

const unitAliases: Readonly<Record<string, string>> = {
  pieces: 'pieces',
  piece: 'pieces',
  pcs: 'pieces',
  kom: 'pieces',
  komada: 'pieces',
  rounds: 'rounds',
  round: 'rounds',
  metaka: 'rounds',
  boxes: 'boxes',
  box: 'boxes',
  kutija: 'boxes',
  kg: 'kg',
  t: 'tonnes',
  tonnes: 'tonnes',
  tona: 'tonnes',
};

/** A real calendar day from 'YYYY-MM-DD' or the local 'D.M.YYYY' (a trailing dot allowed). */
export function parseDate(text: string): string | undefined {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const local = /^(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\.?$/.exec(text);
  const [y, m, d] = iso
    ? [iso[1], iso[2], iso[3]]
    : local
      ? [local[3], local[2], local[1]]
      : [undefined, undefined, undefined];
  if (y === undefined || m === undefined || d === undefined) return undefined;
  const value = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
    ? value
    : undefined;
}

/** '120', '2,5', '2.5', '500 rounds' → amount and the unit written in the cell, if any. */
export function parseQuantity(text: string): { amount: number; unit?: string } | undefined {
  const match = /^([0-9]+(?:[.,][0-9]+)?)\s*([\p{L}]+)?$/u.exec(text.replace(/\u00a0/g, ' '));
  if (match === null || match[1] === undefined) return undefined;
  const amount = Number(match[1].replace(',', '.'));
  if (match[2] === undefined) return { amount };
  const unit = unitAliases[match[2].toLowerCase()];
  return unit === undefined ? undefined : { amount, unit };
}

function parseBoolean(text: string): boolean | undefined {
  const folded = text.toLowerCase();
  if (['yes', 'true', 'da', '1'].includes(folded)) return true;
  if (['no', 'false', 'ne', '0'].includes(folded)) return false;
  return undefined;
}

function shortened(text: string): string {
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  path.slice(0, -1).forEach((part) => {
    node[part] ??= {};
    node = node[part] as Record<string, unknown>;
  });
  node[path[path.length - 1] as string] = value;
}

export class IntakeImportValidator {
  private readonly options: IntakeImportOptions;
  private header: readonly string[] = [];
  private group: Group | null = null;
  private readonly closedRefs = new Set<string>();
  private readonly serials = new Map<string, number>();
  private readonly errors: ImportError[] = [];

  constructor(options: IntakeImportOptions) {
    this.options = options;
  }

  /** The header row: checks the mapping against it; false when rows cannot be read at all. */
  start(header: readonly string[]): ImportError[] {
    this.header = header;
    const errors: ImportError[] = [];
    const seen = new Set<string>();
    for (const source of header) {
      const target = this.options.mapping[source] ?? '';
      if (target === '') continue;
      if (seen.has(target)) errors.push({ row: 1, column: target, message: 'columnMappedTwice' });
      seen.add(target);
    }
    for (const required of ['event_ref', 'item_kind']) {
      if (!seen.has(required)) errors.push({ row: 1, column: required, message: 'columnMissing' });
    }
    return errors;
  }

  /**
   * One data row (cells in header order). Returns the events completed by it: the previous
   * event once a row of another event arrives. Errors go to `takeErrors`.
   */
  addRow(row: number, values: readonly string[]): ImportedEvent[] {
    const cells: Record<string, string> = {};
    this.header.forEach((source, index) => {
      const target = this.options.mapping[source] ?? '';
      const value = (values[index] ?? '').trim();
      if (target !== '' && value !== '') cells[target] = value;
    });
    if (Object.keys(cells).length === 0) return [];
    const ref = cells.event_ref ?? '';
    const done: ImportedEvent[] = [];
    if (this.group !== null && this.group.ref !== ref) done.push(...this.finishGroup());
    if (ref === '') {
      this.errors.push({ row, column: 'event_ref', message: 'required' });
      return done;
    }
    if (this.group === null) {
      if (this.closedRefs.has(ref)) {
        this.errors.push({ row, column: 'event_ref', message: 'eventRowsApart', value: ref });
        return done;
      }
      this.group = { ref, rows: [] };
    }
    this.group.rows.push({ row, cells });
    return done;
  }

  /** The end of the file: the last event. */
  finish(): ImportedEvent[] {
    return this.finishGroup();
  }

  /** Errors found since the last call, in row order within each event. */
  takeErrors(): ImportError[] {
    return this.errors.splice(0);
  }

  private finishGroup(): ImportedEvent[] {
    const group = this.group;
    this.group = null;
    if (group === null) return [];
    this.closedRefs.add(group.ref);
    const errorsBefore = this.errors.length;
    const first = group.rows[0] as { row: number; cells: Cells };
    const event: Record<string, unknown> = {
      id: this.options.newId(),
      status: 'final',
      revision: 1,
      weapons: [],
      parts: [],
      ammunition: [],
      explosives: [],
      photos: [],
      importedFrom: {
        ...this.options.provenance,
        eventRef: group.ref,
        rows: group.rows.map((r) => r.row),
      },
    };
    /** Field path of the built event → where it came from, to put schema errors at their cell. */
    const origin = new Map<string, { row: number; column: string }>();
    for (const [column, path] of eventColumns) {
      const text = first.cells[column];
      origin.set(path.join('.'), { row: first.row, column });
      if (path.length === 2) origin.set(path[0] as string, { row: first.row, column });
      for (const later of group.rows.slice(1)) {
        const other = later.cells[column];
        if (other !== undefined && other !== text) {
          this.errors.push({
            row: later.row,
            column,
            message: 'eventFieldConflict',
            value: shortened(other),
          });
        }
      }
      if (text === undefined) continue;
      const value = this.cellValue(first.row, column, text);
      if (value !== undefined) setPath(event, path, value);
    }
    for (const { row, cells } of group.rows) this.addItem(event, origin, row, cells);
    if (this.errors.length > errorsBefore) return [];
    const result = validateRecordOf(intakeEventType, event, {
      final: true,
      context: this.options.context,
    });
    if (result.ok) {
      return [
        {
          eventRef: group.ref,
          rows: group.rows.map((r) => r.row),
          event: result.data as IntakeEvent,
        },
      ];
    }
    for (const issue of result.issues) {
      const path = issue.path.map(String);
      const found = [...path.keys()]
        .map((length) => origin.get(path.slice(0, path.length - length).join('.')))
        .find((entry) => entry !== undefined) ?? { row: first.row, column: '' };
      this.errors.push({ row: found.row, column: found.column, message: issue.message });
    }
    return [];
  }

  private cellValue(row: number, column: string, text: string): unknown {
    const definition = templateColumn(column);
    const fail = (message: string) => {
      this.errors.push({ row, column, message, value: shortened(text) });
      return undefined;
    };
    switch (definition?.type) {
      case 'date':
        return parseDate(text) ?? fail('invalidDate');
      case 'boolean':
        return parseBoolean(text) ?? fail('invalidOption');
      case 'enum':
        return definition.values?.includes(text) === true ? text : fail('invalidOption');
      default:
        if (column === 'location')
          return this.options.resolveLocation(text) ?? fail('unknownLocation');
        return text;
    }
  }

  private addItem(
    event: Record<string, unknown>,
    origin: Map<string, { row: number; column: string }>,
    row: number,
    cells: Cells,
  ): void {
    const kindText = cells.item_kind;
    if (kindText === undefined) {
      this.errors.push({ row, column: 'item_kind', message: 'required' });
      return;
    }
    const kind = this.cellValue(row, 'item_kind', kindText) as ItemKind | undefined;
    if (kind === undefined) return;
    const list = event[listOfKind[kind]] as Record<string, unknown>[];
    const base = `${listOfKind[kind]}.${list.length}`;
    const item: Record<string, unknown> = { id: this.options.newId(), photos: [] };
    const fields = itemFields[kind];
    for (const [column, text] of Object.entries(cells)) {
      const definition = templateColumn(column);
      if (definition?.level !== 'item' || column === 'item_kind') continue;
      if (column === 'quantity' || column === 'unit') continue;
      const field = fields[column];
      if (field === undefined) {
        this.errors.push({ row, column, message: 'notForThisKind', value: shortened(text) });
        continue;
      }
      const value = this.cellValue(row, column, text);
      if (value !== undefined) item[field] = value;
    }
    for (const [column, field] of Object.entries(fields))
      origin.set(`${base}.${field}`, { row, column });
    origin.set(base, { row, column: '' });
    origin.set(`${base}.quantity.unit`, { row, column: 'unit' });
    origin.set(`${base}.quantity`, { row, column: 'quantity' });
    this.addQuantity(kind, item, row, cells);
    if (kind === 'weapon') this.completeWeapon(item, row);
    list.push(item);
  }

  private addQuantity(
    kind: ItemKind,
    item: Record<string, unknown>,
    row: number,
    cells: Cells,
  ): void {
    const text = cells.quantity;
    const unitText = cells.unit;
    const unitColumn =
      unitText === undefined ? undefined : (unitAliases[unitText.toLowerCase()] ?? null);
    if (unitColumn === null) {
      this.errors.push({
        row,
        column: 'unit',
        message: 'invalidOption',
        value: shortened(unitText ?? ''),
      });
      return;
    }
    const parsed = text === undefined ? undefined : parseQuantity(text);
    if (text !== undefined && parsed === undefined) {
      this.errors.push({
        row,
        column: 'quantity',
        message: 'invalidNumber',
        value: shortened(text),
      });
      return;
    }
    // A unit written in the quantity cell must agree with the unit column: a column that mixes
    // '500 rounds' and '2 kg' under a unit column saying 'rounds' is a mistake, never summed.
    if (parsed?.unit !== undefined && unitColumn !== undefined && parsed.unit !== unitColumn) {
      this.errors.push({
        row,
        column: 'quantity',
        message: 'mixedUnits',
        value: shortened(text ?? ''),
      });
      return;
    }
    const unit = unitColumn ?? parsed?.unit;
    if (kind === 'weapon') {
      if (
        (parsed !== undefined && parsed.amount !== 1) ||
        (unit !== undefined && unit !== 'pieces')
      ) {
        this.errors.push({
          row,
          column: 'quantity',
          message: 'oneWeaponPerRow',
          value: shortened(text ?? unitText ?? ''),
        });
      }
      return;
    }
    const kindName = listOfKind[kind] === 'explosives' ? 'explosives' : listOfKind[kind];
    const quantity: Record<string, unknown> = { kind: kindName };
    if (kind === 'part') quantity.unit = unit ?? 'pieces';
    else if (unit !== undefined) quantity.unit = unit;
    if (parsed !== undefined) quantity.amount = parsed.amount;
    item.quantity = quantity;
  }

  /**
   * Helpful defaults a register rarely states: the category the type implies, 'present' for a
   * serial that is there, and 'not_attempted' for a trace nobody recorded. Duplicate serials (same
   * maker and serial) in one file are refused: the same weapon twice would count twice.
   */
  private completeWeapon(item: Record<string, unknown>, row: number): void {
    if (item.category === undefined && typeof item.weaponType === 'string') {
      const implied = categoryOfWeaponType(item.weaponType as WeaponType);
      if (implied !== undefined) item.category = implied;
    }
    const serial = typeof item.serialNumber === 'string' ? item.serialNumber : '';
    if (item.serialStatus === undefined && serial !== '') item.serialStatus = 'present';
    item.traceStatus ??= 'not_attempted';
    if (serial === '') return;
    const maker =
      typeof item.manufacturer === 'string' ? normaliseMarkingText(item.manufacturer) : '';
    const key = `${maker}\u001f${normaliseMarkingText(serial)}`;
    const firstRow = this.serials.get(key);
    if (firstRow !== undefined) {
      this.errors.push({
        row,
        column: 'serial_number',
        message: 'duplicateSerial',
        value: shortened(serial),
        firstRow,
      });
    } else {
      this.serials.set(key, row);
    }
  }
}
