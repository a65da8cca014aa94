import { describe, expect, it } from 'vitest';
import { ItemRefSchema } from '../../../../shared/domain/item-ref.ts';
import { id, issuesOf } from './fixtures.ts';

describe('ItemRefSchema', () => {
  it.each([
    ['a weapon', { kind: 'weapon', id: id(1) }],
    ['a whole ammunition lot', { kind: 'ammunition_lot', id: id(2) }],
    [
      'part of an ammunition lot',
      {
        kind: 'ammunition_lot',
        id: id(2),
        quantity: { kind: 'ammunition', unit: 'rounds', amount: 500 },
      },
    ],
    [
      'part of a parts batch',
      { kind: 'part', id: id(3), quantity: { kind: 'parts', unit: 'pieces', amount: 2 } },
    ],
    [
      'explosives by weight',
      {
        kind: 'explosive_item',
        id: id(4),
        quantity: { kind: 'explosives', unit: 'kg', amount: 5 },
      },
    ],
    ['a sealed container', { kind: 'container', containerRef: 'SEAL-000123' }],
  ])('accepts %s', (_label, ref) => {
    expect(ItemRefSchema.parse(ref)).toStrictEqual(ref);
  });

  it('rejects a quantity of another kind than the item', () => {
    const ref = {
      kind: 'ammunition_lot',
      id: id(2),
      quantity: { kind: 'explosives', unit: 'kg', amount: 5 },
    };
    expect(issuesOf(ItemRefSchema, ref)).toStrictEqual([['quantity.kind', 'invalidOption']]);
  });

  it('rejects a weapon reference without an id', () => {
    expect(issuesOf(ItemRefSchema, { kind: 'weapon' })).toStrictEqual([['id', 'required']]);
  });

  it('rejects an unknown kind', () => {
    expect(ItemRefSchema.safeParse({ kind: 'vehicle', id: id(1) }).success).toBe(false);
  });
});
