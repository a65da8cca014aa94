import { describe, expect, it } from 'vitest';
import {
  fromLocalDateTime,
  newAmmunitionLot,
  newExplosiveItem,
  newPart,
  takesDecimals,
  toLocalDateTime,
} from '../../../../../renderer/features/records/item-values.ts';
import { AmmunitionLotFinalSchema } from '../../../../../shared/domain/ammunition-lot.ts';
import { ExplosiveItemFinalSchema } from '../../../../../shared/domain/explosive-item.ts';
import { PartFinalSchema } from '../../../../../shared/domain/part.ts';

const id = '01a2029a-2088-7527-baa6-5fcd635c7c8b';

describe('new items', () => {
  it('start with their quantity kind (and a part with pieces), and need the rest to be final', () => {
    expect(newPart(id).quantity).toStrictEqual({ kind: 'parts', unit: 'pieces' });
    expect(newAmmunitionLot(id).quantity).toStrictEqual({ kind: 'ammunition' });
    expect(newExplosiveItem(id).quantity).toStrictEqual({ kind: 'explosives' });
    expect(PartFinalSchema.safeParse(newPart(id)).success).toBe(false);
    expect(
      PartFinalSchema.safeParse({
        ...newPart(id),
        partType: 'barrel',
        quantity: { kind: 'parts', unit: 'pieces', amount: 3 },
      }).success,
    ).toBe(true);
    expect(
      AmmunitionLotFinalSchema.safeParse({
        ...newAmmunitionLot(id),
        ammoClass: 'small_arms_cartridge',
        calibre: '7.62x39',
        quantity: { kind: 'ammunition', unit: 'rounds', amount: 500 },
      }).success,
    ).toBe(true);
    expect(
      ExplosiveItemFinalSchema.safeParse({
        ...newExplosiveItem(id),
        eoType: 'hand_grenade',
        safetyStatus: 'eod_required',
        quantity: { kind: 'explosives', unit: 'pieces', amount: 2 },
      }).success,
    ).toBe(true);
  });
});

describe('takesDecimals', () => {
  it('is true for weights only', () => {
    expect(takesDecimals('kg')).toBe(true);
    expect(takesDecimals('tonnes')).toBe(true);
    expect(takesDecimals('rounds')).toBe(false);
    expect(takesDecimals('pieces')).toBe(false);
    expect(takesDecimals('boxes')).toBe(false);
    expect(takesDecimals(undefined)).toBe(false);
  });
});

describe('local date and time', () => {
  it('round-trips a moment through the datetime-local form, to the minute', () => {
    const local = '2026-10-03T14:30';
    const iso = fromLocalDateTime(local);
    expect(iso).toBe(new Date(2026, 9, 3, 14, 30).toISOString());
    expect(toLocalDateTime(iso)).toBe(local);
  });

  it('treats blank and unreadable values as not given', () => {
    expect(fromLocalDateTime('')).toBeUndefined();
    expect(fromLocalDateTime('soon')).toBeUndefined();
    expect(toLocalDateTime(undefined)).toBe('');
    expect(toLocalDateTime('not a time')).toBe('');
  });
});
