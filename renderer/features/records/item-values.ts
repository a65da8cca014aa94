import { AmmunitionLotDraftSchema } from '../../../shared/domain/ammunition-lot.ts';
import { ExplosiveItemDraftSchema } from '../../../shared/domain/explosive-item.ts';
import { PartDraftSchema } from '../../../shared/domain/part.ts';
import { isCountableUnit, type QuantityUnit } from '../../../shared/domain/quantity.ts';
import type { IntakeForm } from './fields.tsx';

/*
 * The non-weapon items as the editor holds them. Each starts with its quantity's kind set (the
 * schema's discriminant) and, for parts, the only unit there is; the amount and any other unit
 * are the person's to give.
 */

export type PartForm = IntakeForm['parts'][number];
export type AmmunitionLotForm = IntakeForm['ammunition'][number];
export type ExplosiveItemForm = IntakeForm['explosives'][number];

export function newPart(id: string): PartForm {
  return PartDraftSchema.parse({ id, quantity: { kind: 'parts', unit: 'pieces' }, photos: [] });
}

export function newAmmunitionLot(id: string): AmmunitionLotForm {
  return AmmunitionLotDraftSchema.parse({ id, quantity: { kind: 'ammunition' }, photos: [] });
}

export function newExplosiveItem(id: string): ExplosiveItemForm {
  return ExplosiveItemDraftSchema.parse({ id, quantity: { kind: 'explosives' }, photos: [] });
}

/** Weights take decimals; a count in rounds, boxes or pieces is whole (and an unknown unit too). */
export function takesDecimals(unit: QuantityUnit | undefined): boolean {
  return unit !== undefined && !isCountableUnit(unit);
}

/** A moment's local date (YYYY-MM-DD) and time of day (HH:MM), as the person types them. */
export interface LocalParts {
  readonly date: string | undefined;
  readonly time: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The local date and time of a stored ISO timestamp; nothing for anything else. */
export function toLocalParts(iso: unknown): LocalParts {
  const date = typeof iso === 'string' ? new Date(iso) : null;
  if (date === null || Number.isNaN(date.getTime())) return { date: undefined, time: '' };
  return {
    date: `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`,
    time: `${pad(date.getHours())}:${pad(date.getMinutes())}`,
  };
}

/** The ISO timestamp (UTC) of a local date and time; undefined until both read as one. */
export function fromLocalParts(parts: LocalParts): string | undefined {
  if (parts.date === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(parts.date)) return undefined;
  if (!/^\d{2}:\d{2}$/.test(parts.time)) return undefined;
  const moment = new Date(`${parts.date}T${parts.time}`);
  return Number.isNaN(moment.getTime()) ? undefined : moment.toISOString();
}
