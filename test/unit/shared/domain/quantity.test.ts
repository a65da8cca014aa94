import { describe, expect, it } from 'vitest';
import {
  addQuantities,
  AmmunitionQuantityDraftSchema,
  isCountableUnit,
  makeQuantity,
  PartsQuantityDraftSchema,
  positiveAmountIssues,
  quantityKey,
  QuantitySchema,
  sumByKindAndUnit,
  type AmmunitionQuantity,
  type Quantity,
} from '../../../../shared/domain/quantity.ts';
import { issuesOf } from './fixtures.ts';

describe('QuantitySchema', () => {
  it.each([
    ['weapons in pieces', { kind: 'weapons', unit: 'pieces', amount: 3 }],
    ['parts in pieces', { kind: 'parts', unit: 'pieces', amount: 623 }],
    ['ammunition in rounds', { kind: 'ammunition', unit: 'rounds', amount: 21_412 }],
    ['ammunition in boxes', { kind: 'ammunition', unit: 'boxes', amount: 2 }],
    ['ammunition in kg (decimal)', { kind: 'ammunition', unit: 'kg', amount: 12.5 }],
    ['ammunition in tonnes (decimal)', { kind: 'ammunition', unit: 'tonnes', amount: 40.25 }],
    ['explosives in pieces', { kind: 'explosives', unit: 'pieces', amount: 160 }],
    ['explosives in kg (decimal)', { kind: 'explosives', unit: 'kg', amount: 0.5 }],
    ['a zero total', { kind: 'ammunition', unit: 'rounds', amount: 0 }],
  ])('accepts %s', (_label, quantity) => {
    expect(QuantitySchema.parse(quantity)).toStrictEqual(quantity);
  });

  it.each([
    ['rounds', { kind: 'ammunition', unit: 'rounds', amount: 1.5 }],
    ['boxes', { kind: 'ammunition', unit: 'boxes', amount: 0.5 }],
    ['weapon pieces', { kind: 'weapons', unit: 'pieces', amount: 2.1 }],
    ['explosive pieces', { kind: 'explosives', unit: 'pieces', amount: 1.01 }],
  ])('rejects a fractional count of %s', (_label, quantity) => {
    expect(issuesOf(QuantitySchema, quantity)).toStrictEqual([['amount', 'wholeNumberRequired']]);
  });

  it.each([
    ['a negative amount', { kind: 'ammunition', unit: 'kg', amount: -1 }, 'amountNegative'],
    ['NaN', { kind: 'ammunition', unit: 'kg', amount: Number.NaN }, 'invalidNumber'],
    ['Infinity', { kind: 'ammunition', unit: 'kg', amount: Infinity }, 'invalidNumber'],
    ['a string amount', { kind: 'ammunition', unit: 'kg', amount: '3' }, 'invalidNumber'],
  ])('rejects %s', (_label, quantity, message) => {
    expect(issuesOf(QuantitySchema, quantity)).toStrictEqual([['amount', message]]);
  });

  it.each([
    ['weapons in kg', { kind: 'weapons', unit: 'kg', amount: 1 }],
    ['parts in rounds', { kind: 'parts', unit: 'rounds', amount: 1 }],
    ['ammunition in pieces', { kind: 'ammunition', unit: 'pieces', amount: 1 }],
    ['explosives in tonnes', { kind: 'explosives', unit: 'tonnes', amount: 1 }],
  ])('rejects a unit foreign to the kind: %s', (_label, quantity) => {
    expect(issuesOf(QuantitySchema, quantity)).toStrictEqual([['unit', 'invalidOption']]);
  });

  it('rejects an unknown kind', () => {
    expect(QuantitySchema.safeParse({ kind: 'bombs', unit: 'pieces', amount: 1 }).success).toBe(
      false,
    );
  });

  it('knows which units count and which weigh', () => {
    expect(['pieces', 'rounds', 'boxes'].every((u) => isCountableUnit(u as 'pieces'))).toBe(true);
    expect(isCountableUnit('kg') || isCountableUnit('tonnes')).toBe(false);
  });
});

describe('draft quantities', () => {
  it('accept a unit without an amount, an amount without a unit, or nothing', () => {
    for (const draft of [
      { kind: 'ammunition', unit: 'kg' },
      { kind: 'ammunition', amount: 12.5 },
      { kind: 'ammunition' },
    ]) {
      expect(AmmunitionQuantityDraftSchema.parse(draft)).toStrictEqual(draft);
    }
  });

  it('still reject a present amount that is malformed', () => {
    expect(
      issuesOf(AmmunitionQuantityDraftSchema, { kind: 'ammunition', unit: 'rounds', amount: 2.5 }),
    ).toStrictEqual([['amount', 'wholeNumberRequired']]);
    expect(issuesOf(PartsQuantityDraftSchema, { kind: 'parts', amount: 2.5 })).toStrictEqual([
      ['amount', 'wholeNumberRequired'],
    ]);
    expect(
      issuesOf(AmmunitionQuantityDraftSchema, { kind: 'ammunition', amount: -2 }),
    ).toStrictEqual([['amount', 'amountNegative']]);
  });
});

describe('addQuantities', () => {
  const rounds = makeQuantity('ammunition', 'rounds', 100);
  const moreRounds = makeQuantity('ammunition', 'rounds', 20);
  const kg = makeQuantity('ammunition', 'kg', 2.5);
  const weapons = makeQuantity('weapons', 'pieces', 2);
  const parts = makeQuantity('parts', 'pieces', 2);
  const explosivePieces = makeQuantity('explosives', 'pieces', 3);

  it('adds the same kind and unit', () => {
    expect(addQuantities(rounds, moreRounds)).toStrictEqual({
      kind: 'ammunition',
      unit: 'rounds',
      amount: 120,
    });
    expect(addQuantities(weapons, makeQuantity('weapons', 'pieces', 1)).amount).toBe(3);
  });

  it('keeps decimal sums free of float noise', () => {
    const a = makeQuantity('explosives', 'kg', 0.1);
    const b = makeQuantity('explosives', 'kg', 0.2);
    expect(addQuantities(a, b).amount).toBe(0.3);
  });

  it('does not compile across units or kinds', () => {
    const attempts = [
      // @ts-expect-error rounds and kg are never summed
      () => addQuantities(rounds, kg),
      // @ts-expect-error weapons and parts are different kinds, even though both are pieces
      () => addQuantities(weapons, parts),
      // @ts-expect-error explosives and ammunition are different kinds
      () => addQuantities(explosivePieces, rounds),
      () =>
        addQuantities(
          { kind: 'ammunition', unit: 'rounds', amount: 1 },
          // @ts-expect-error an object literal of another unit is caught too
          { kind: 'ammunition', unit: 'tonnes', amount: 1 },
        ),
    ];
    // ...and each one throws at run time as well.
    for (const attempt of attempts) expect(attempt).toThrow(TypeError);
  });

  it('does not compile for a kind and unit that do not belong together', () => {
    // @ts-expect-error weapons are counted in pieces only
    expect(() => makeQuantity('weapons', 'kg', 1)).toThrow();
  });

  it('throws at run time when the units are only known then', () => {
    const fromStorage: AmmunitionQuantity[] = [rounds, kg];
    const [first, second] = fromStorage as [AmmunitionQuantity, AmmunitionQuantity];
    expect(() => addQuantities(first, second)).toThrow(
      'Cannot add ammunition:kg to ammunition:rounds',
    );
  });
});

describe('sumByKindAndUnit', () => {
  it('returns one total per (kind, unit), in a stable order, never a grand total', () => {
    const list: Quantity[] = [
      makeQuantity('explosives', 'kg', 50),
      makeQuantity('ammunition', 'tonnes', 40),
      makeQuantity('ammunition', 'rounds', 21_000),
      makeQuantity('weapons', 'pieces', 1),
      makeQuantity('ammunition', 'rounds', 412),
      makeQuantity('explosives', 'pieces', 1_350),
      makeQuantity('weapons', 'pieces', 1),
      makeQuantity('parts', 'pieces', 623),
      makeQuantity('ammunition', 'kg', 0.1),
      makeQuantity('ammunition', 'kg', 0.2),
    ];
    expect(sumByKindAndUnit(list)).toStrictEqual([
      { kind: 'weapons', unit: 'pieces', amount: 2 },
      { kind: 'parts', unit: 'pieces', amount: 623 },
      { kind: 'ammunition', unit: 'rounds', amount: 21_412 },
      { kind: 'ammunition', unit: 'kg', amount: 0.3 },
      { kind: 'ammunition', unit: 'tonnes', amount: 40 },
      { kind: 'explosives', unit: 'pieces', amount: 1_350 },
      { kind: 'explosives', unit: 'kg', amount: 50 },
    ]);
  });

  it('returns nothing for nothing and does not alias its input', () => {
    expect(sumByKindAndUnit([])).toStrictEqual([]);
    const single = makeQuantity('parts', 'pieces', 4);
    const [total] = sumByKindAndUnit([single]);
    expect(total).toStrictEqual(single);
    expect(total).not.toBe(single);
  });

  it('keys totals by kind and unit', () => {
    expect(quantityKey(makeQuantity('explosives', 'kg', 1))).toBe('explosives:kg');
  });
});

describe('positiveAmountIssues', () => {
  it('flags an item recorded with nothing in it', () => {
    expect(positiveAmountIssues({ amount: 0 })).toStrictEqual([
      { path: ['quantity', 'amount'], message: 'amountMustBePositive' },
    ]);
    expect(positiveAmountIssues({ amount: 1 })).toStrictEqual([]);
    expect(positiveAmountIssues(undefined)).toStrictEqual([]);
  });
});
