import { describe, expect, it } from 'vitest';
import {
  fromLocalParts,
  newAmmunitionLot,
  newExplosiveItem,
  newPart,
  takesDecimals,
  toLocalParts,
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
  it('round-trips a moment through its local date and time, to the minute', () => {
    const parts = { date: '2026-10-03', time: '14:30' };
    const iso = fromLocalParts(parts);
    expect(iso).toBe(new Date(2026, 9, 3, 14, 30).toISOString());
    expect(toLocalParts(iso)).toStrictEqual(parts);
  });

  it('gives no moment until both parts read as one', () => {
    expect(fromLocalParts({ date: undefined, time: '14:30' })).toBeUndefined();
    expect(fromLocalParts({ date: '3.10.2026', time: '14:30' })).toBeUndefined();
    expect(fromLocalParts({ date: '2026-10-03', time: '' })).toBeUndefined();
    expect(toLocalParts(undefined)).toStrictEqual({ date: undefined, time: '' });
    expect(toLocalParts('not a time')).toStrictEqual({ date: undefined, time: '' });
  });
});
