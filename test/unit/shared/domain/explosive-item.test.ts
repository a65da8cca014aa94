import { describe, expect, it } from 'vitest';
import {
  ExplosiveItemDraftSchema,
  ExplosiveItemFinalSchema,
} from '../../../../shared/domain/explosive-item.ts';
import { id, issuesOf } from './fixtures.ts';

const tnt = {
  id: id(1),
  eoType: 'bulk_explosive_military',
  quantity: { kind: 'explosives', unit: 'kg', amount: 50 },
  safetyStatus: 'eod_required',
  eodTeamNotifiedAt: '2025-03-14T07:05:00+01:00',
  description: 'TNT blocks, 200 g each',
};

describe('ExplosiveItemFinalSchema', () => {
  it('accepts explosives in kg and in pieces', () => {
    expect(ExplosiveItemFinalSchema.parse(tnt)).toStrictEqual({ ...tnt, photos: [] });
    const grenades = {
      ...tnt,
      eoType: 'hand_grenade',
      quantity: { ...tnt.quantity, unit: 'pieces' },
    };
    expect(ExplosiveItemFinalSchema.safeParse(grenades).success).toBe(true);
  });

  it('reports type, quantity and safety status when missing', () => {
    expect(issuesOf(ExplosiveItemFinalSchema, { id: id(1) })).toStrictEqual([
      ['eoType', 'required'],
      ['quantity', 'required'],
      ['safetyStatus', 'required'],
    ]);
  });

  it.each([
    ['rounds', { kind: 'explosives', unit: 'rounds', amount: 1 }, 'quantity.unit', 'invalidOption'],
    [
      'half a grenade',
      { kind: 'explosives', unit: 'pieces', amount: 0.5 },
      'quantity.amount',
      'wholeNumberRequired',
    ],
    [
      'ammunition quantity',
      { kind: 'ammunition', unit: 'kg', amount: 1 },
      'quantity.kind',
      'invalidOption',
    ],
    [
      'zero kg',
      { kind: 'explosives', unit: 'kg', amount: 0 },
      'quantity.amount',
      'amountMustBePositive',
    ],
  ])('rejects %s', (_label, quantity, path, message) => {
    expect(issuesOf(ExplosiveItemFinalSchema, { ...tnt, quantity })).toStrictEqual([
      [path, message],
    ]);
  });
});

describe('ExplosiveItemDraftSchema', () => {
  it('accepts an item with only an id, but not a malformed timestamp', () => {
    expect(ExplosiveItemDraftSchema.safeParse({ id: id(1) }).success).toBe(true);
    expect(
      issuesOf(ExplosiveItemDraftSchema, { id: id(1), eodTeamNotifiedAt: '14.03.2025 07:05' }),
    ).toStrictEqual([['eodTeamNotifiedAt', 'invalidTimestamp']]);
  });
});
