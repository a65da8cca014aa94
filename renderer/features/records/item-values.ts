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

/** `2026-10-03T14:30` (a datetime-local input, local time) for a stored ISO timestamp. */
export function toLocalDateTime(iso: unknown): string {
  if (typeof iso !== 'string') return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return `${day}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The ISO timestamp (UTC) for a datetime-local value; undefined when blank or not a moment. */
export function fromLocalDateTime(local: string): string | undefined {
  if (local === '') return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
