import { describe, expect, it } from 'vitest';
import { PartDraftSchema, PartFinalSchema } from '../../../../shared/domain/part.ts';
import { id, issuesOf } from './fixtures.ts';

const slides = {
  id: id(1),
  partType: 'slide_or_cylinder',
  serialNumber: 'cz-7 7/1',
  markingText: 'Česká zbrojovka',
  quantity: { kind: 'parts', unit: 'pieces', amount: 12 },
};

describe('PartFinalSchema', () => {
  it('accepts a batch of parts and derives search forms', () => {
    const part = PartFinalSchema.parse(slides);
    expect(part.serialNumberNormalised).toBe('CZ771');
    expect(part.markingTextNormalised).toBe('ČESKÁZBROJOVKA');
    expect(part.photos).toStrictEqual([]);
  });

  it('reports the missing type and quantity', () => {
    expect(issuesOf(PartFinalSchema, { id: id(1) })).toStrictEqual([
      ['partType', 'required'],
      ['quantity', 'required'],
    ]);
  });

  it.each([
    ['zero pieces', 0, 'amountMustBePositive'],
    ['half a piece', 0.5, 'wholeNumberRequired'],
  ])('rejects %s', (_label, amount, message) => {
    const part = { ...slides, quantity: { ...slides.quantity, amount } };
    expect(issuesOf(PartFinalSchema, part)).toStrictEqual([['quantity.amount', message]]);
  });

  it('rejects parts counted in another unit', () => {
    const part = { ...slides, quantity: { kind: 'parts', unit: 'kg', amount: 2 } };
    expect(issuesOf(PartFinalSchema, part)).toStrictEqual([['quantity.unit', 'invalidOption']]);
  });
});

describe('PartDraftSchema', () => {
  it('accepts a part with only an id, or an amount without a unit', () => {
    expect(PartDraftSchema.safeParse({ id: id(1) }).success).toBe(true);
    expect(
      PartDraftSchema.safeParse({ id: id(1), quantity: { kind: 'parts', amount: 3 } }).success,
    ).toBe(true);
  });

  it('still rejects an unknown part type', () => {
    expect(issuesOf(PartDraftSchema, { id: id(1), partType: 'stock' })).toStrictEqual([
      ['partType', 'invalidOption'],
    ]);
  });
});
