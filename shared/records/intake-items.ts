import { normaliseMarkingText } from '../domain/serial-number.ts';

/**
 * Weapons, parts, ammunition lots and explosive items are first-class: each is a row of its own,
 * on the laptop and on the server, with the columns lists, custody and reports filter and group
 * by. The intake event remains what a person writes and finalises (and what syncs); its items'
 * rows are derived from it on every write, here, by the same function on both sides. An item's id
 * is the id it has inside the intake (a UUID), stable across devices.
 *
 * Quantities of different kinds and units are never summed: an item row carries its own kind,
 * amount and unit, and every total groups by (kind, unit).
 */
export const itemKinds = ['weapon', 'part', 'ammunition', 'explosive'] as const;
export type ItemKind = (typeof itemKinds)[number];

/** The intake's list each kind lives in. */
export const itemListOf: Readonly<
  Record<ItemKind, 'weapons' | 'parts' | 'ammunition' | 'explosives'>
> = { weapon: 'weapons', part: 'parts', ammunition: 'ammunition', explosive: 'explosives' };

/** A text read off an item that a serial search should find (a marking, a headstamp, a lot). */
export interface ItemText {
  readonly kind: string;
  readonly asRead: string;
  readonly normalised: string;
}

export interface IntakeItemRow {
  readonly id: string;
  readonly intakeEventId: string;
  readonly kind: ItemKind;
  /** Its place in its list. */
  readonly position: number;
  /** Weapon type, part type, ammunition class or explosive type. */
  readonly itemType: string | null;
  /** A weapon's UN category (small arm, light weapon...). */
  readonly category: string | null;
  readonly serialNumber: string | null;
  readonly serialNormalised: string | null;
  readonly manufacturer: string | null;
  readonly model: string | null;
  readonly calibre: string | null;
  /** A weapon is one piece; the others as counted, with their own unit. */
  readonly quantityAmount: number | null;
  readonly quantityUnit: string | null;
  readonly markingCondition: string | null;
  readonly lifecycleStatus: string | null;
  readonly traceStatus: string | null;
  /** Where it is: the place it was taken in, until custody records move it. */
  readonly locationId: string | null;
  readonly intakeContext: string | null;
  readonly occurredOn: string | null;
  /** Whether the intake it came in with is a draft or final (evidence). */
  readonly recordStatus: 'draft' | 'final';
  readonly texts: readonly ItemText[];
}

type Json = Record<string, unknown>;

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function number(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function list(value: unknown): Json[] {
  return Array.isArray(value)
    ? value.filter((item): item is Json => typeof item === 'object' && item !== null)
    : [];
}

function texts(...entries: Array<[kind: string, value: unknown]>): ItemText[] {
  return entries.flatMap(([kind, value]) => {
    const asRead = text(value);
    if (asRead === null) return [];
    const normalised = normaliseMarkingText(asRead);
    return normalised === '' ? [] : [{ kind, asRead, normalised }];
  });
}

/**
 * The item rows of one intake event (draft or final). Tolerant: a draft may lack anything, and
 * an item without an id has no row yet (it cannot be referred to).
 */
export function itemsOfIntake(event: Json, recordStatus: 'draft' | 'final'): IntakeItemRow[] {
  const intakeEventId = String(event.id);
  const common = {
    intakeEventId,
    locationId: text(event.locationId),
    intakeContext: text(event.context),
    occurredOn: text(event.occurredAt),
    recordStatus,
  };
  // Taken in: in custody until a decision or a custody record says otherwise.
  const lifecycle = (item: Json) => text(item.lifecycleStatus) ?? 'in_custody';
  const rows: IntakeItemRow[] = [];
  const add = (
    item: Json,
    position: number,
    row: Omit<IntakeItemRow, 'id' | 'position' | keyof typeof common>,
  ) => {
    if (typeof item.id !== 'string' || item.id === '') return;
    rows.push({ id: item.id, position, ...common, ...row });
  };
  list(event.weapons).forEach((weapon, position) => {
    const serial = text(weapon.serialNumber);
    add(weapon, position, {
      kind: 'weapon',
      itemType: text(weapon.weaponType),
      category: text(weapon.category),
      serialNumber: serial,
      serialNormalised: serial === null ? null : normaliseMarkingText(serial),
      manufacturer: text(weapon.manufacturer),
      model: text(weapon.model),
      calibre: text(weapon.calibreNormalised) ?? text(weapon.calibre),
      quantityAmount: 1,
      quantityUnit: 'pieces',
      markingCondition: text(weapon.markingCondition),
      lifecycleStatus: lifecycle(weapon),
      traceStatus: text(weapon.traceStatus) ?? 'not_attempted',
      texts: list(weapon.markings).flatMap((marking) =>
        texts([text(marking.markingKind) ?? 'marking', marking.textAsRead]),
      ),
    });
  });
  list(event.parts).forEach((part, position) => {
    const serial = text(part.serialNumber);
    const quantity = (part.quantity ?? {}) as Json;
    add(part, position, {
      kind: 'part',
      itemType: text(part.partType),
      category: null,
      serialNumber: serial,
      serialNormalised: serial === null ? null : normaliseMarkingText(serial),
      manufacturer: null,
      model: null,
      calibre: null,
      quantityAmount: number(quantity.amount),
      quantityUnit: 'pieces',
      markingCondition: null,
      lifecycleStatus: lifecycle(part),
      traceStatus: null,
      texts: texts(['marking', part.markingText]),
    });
  });
  list(event.ammunition).forEach((lot, position) => {
    const quantity = (lot.quantity ?? {}) as Json;
    add(lot, position, {
      kind: 'ammunition',
      itemType: text(lot.ammoClass),
      category: null,
      serialNumber: null,
      serialNormalised: null,
      manufacturer: null,
      model: null,
      calibre: text(lot.calibre),
      quantityAmount: number(quantity.amount),
      quantityUnit: text(quantity.unit),
      markingCondition: null,
      lifecycleStatus: lifecycle(lot),
      traceStatus: null,
      texts: texts(['headstamp', lot.headstampText], ['lot', lot.lotBatchNumber]),
    });
  });
  list(event.explosives).forEach((item, position) => {
    const quantity = (item.quantity ?? {}) as Json;
    add(item, position, {
      kind: 'explosive',
      itemType: text(item.eoType),
      category: null,
      serialNumber: null,
      serialNormalised: null,
      manufacturer: null,
      model: null,
      calibre: null,
      quantityAmount: number(quantity.amount),
      quantityUnit: text(quantity.unit),
      markingCondition: null,
      lifecycleStatus: lifecycle(item),
      traceStatus: null,
      texts: [],
    });
  });
  return rows;
}
