import { describe, expect, it } from 'vitest';
import {
  AmmunitionLotDraftSchema,
  AmmunitionLotFinalSchema,
} from '../../../../shared/domain/ammunition-lot.ts';
import { id, issuesOf, photo } from './fixtures.ts';

const lot = {
  id: id(1),
  ammoClass: 'small_arms_cartridge',
  calibre: '7.62x39',
  headstampText: 'ППУ 85',
  lotBatchNumber: '12-85-3',
  countryOfManufacture: 'RS',
  yearOfManufacture: 1985,
  packagingMarks: '7,62 mm M67 / 20 kom',
  quantity: { kind: 'ammunition', unit: 'tonnes', amount: 40.25 },
  condition: 'unserviceable',
  hazardClass: '1.4S',
  photos: [photo(1, 'packaging')],
};

describe('AmmunitionLotFinalSchema', () => {
  it('accepts a lot weighed in tonnes and normalises the Cyrillic headstamp', () => {
    const parsed = AmmunitionLotFinalSchema.parse(lot);
    expect(parsed.quantity).toStrictEqual({ kind: 'ammunition', unit: 'tonnes', amount: 40.25 });
    expect(parsed.headstampText).toBe('ППУ 85');
    expect(parsed.headstampTextNormalised).toBe('ППY85');
  });

  it('reports class, calibre and quantity when missing', () => {
    expect(issuesOf(AmmunitionLotFinalSchema, { id: id(1) })).toStrictEqual([
      ['ammoClass', 'required'],
      ['calibre', 'required'],
      ['quantity', 'required'],
    ]);
  });

  it('requires a unit: rounds and tonnes are never the same number', () => {
    const partial = { ...lot, quantity: { kind: 'ammunition', amount: 40 } };
    expect(issuesOf(AmmunitionLotFinalSchema, partial)).toStrictEqual([
      ['quantity.unit', 'required'],
    ]);
  });

  it('rejects explosives units and fractional rounds', () => {
    expect(
      issuesOf(AmmunitionLotFinalSchema, {
        ...lot,
        quantity: { kind: 'ammunition', unit: 'pieces', amount: 1 },
      }),
    ).toStrictEqual([['quantity.unit', 'invalidOption']]);
    expect(
      issuesOf(AmmunitionLotFinalSchema, {
        ...lot,
        quantity: { kind: 'ammunition', unit: 'rounds', amount: 10.5 },
      }),
    ).toStrictEqual([['quantity.amount', 'wholeNumberRequired']]);
  });
});

describe('AmmunitionLotDraftSchema', () => {
  it('accepts a lot with a unit picked and no amount yet', () => {
    const draft = { id: id(1), quantity: { kind: 'ammunition', unit: 'rounds' } };
    expect(AmmunitionLotDraftSchema.safeParse(draft).success).toBe(true);
  });

  it('still rejects a malformed country', () => {
    expect(issuesOf(AmmunitionLotDraftSchema, { id: id(1), countryOfManufacture: 'SCG' })).toEqual([
      ['countryOfManufacture', 'invalidCountryCode'],
    ]);
  });
});
