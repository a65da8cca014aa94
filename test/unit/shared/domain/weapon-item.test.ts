import { describe, expect, it } from 'vitest';
import {
  isUniquelyIdentifiable,
  newWeaponItemDraft,
  WeaponItemDraftSchema,
  WeaponItemFinalSchema,
} from '../../../../shared/domain/weapon-item.ts';
import { finalAssaultRifle, finalPistolWithoutSerial, id, issuesOf, photo } from './fixtures.ts';

/** What a person has typed after a minute at the scene. */
function halfFilled() {
  return {
    id: id(1),
    weaponType: 'assault_rifle',
    manufacturer: 'Zastava',
    model: '',
    serialStatus: 'present',
    serialNumber: '',
    markings: [{ id: id(2), component: 'frame_receiver' }],
    photos: [],
  };
}

describe('WeaponItemFinalSchema', () => {
  it('accepts a fully documented rifle and derives the search and SDG fields', () => {
    const weapon = WeaponItemFinalSchema.parse(finalAssaultRifle(1));
    expect(weapon.serialNumber).toBe('АК-47 № 123456');
    expect(weapon.serialNumberNormalised).toBe('AK47123456');
    expect(weapon.uniquelyIdentifiable).toBe(true);
    expect(weapon.markings[0]?.textNormalised).toBe('123456');
  });

  it('accepts a weapon whose serial is not present, with no serial at all', () => {
    const weapon = WeaponItemFinalSchema.parse(finalPistolWithoutSerial(2));
    expect(weapon.serialNumber).toBeUndefined();
    expect(weapon.serialNumberNormalised).toBeUndefined();
    expect(weapon.uniquelyIdentifiable).toBe(false);
  });

  it.each(['not_present', 'illegible'])('allows an empty serial when it is %s', (status) => {
    const weapon = { ...finalAssaultRifle(1), serialStatus: status, serialNumber: '' };
    expect(WeaponItemFinalSchema.safeParse(weapon).success).toBe(true);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['blank', '   '],
  ])('requires the serial when it is present but %s', (_label, serialNumber) => {
    const weapon = { ...finalAssaultRifle(1), serialNumber };
    expect(issuesOf(WeaponItemFinalSchema, weapon)).toStrictEqual([
      ['serialNumber', 'serialRequired'],
    ]);
  });

  it('requires at least one photo', () => {
    const weapon = { ...finalAssaultRifle(1), photos: [], markings: [] };
    expect(issuesOf(WeaponItemFinalSchema, weapon)).toStrictEqual([['photos', 'photoRequired']]);
  });

  it('rejects a category the type contradicts', () => {
    const weapon = { ...finalAssaultRifle(1), category: 'light_weapon' };
    expect(issuesOf(WeaponItemFinalSchema, weapon)).toStrictEqual([
      ['category', 'categoryMismatch'],
    ]);
  });

  it('lets the person choose the category where the type cannot tell', () => {
    for (const category of ['small_arm', 'light_weapon']) {
      const weapon = { ...finalAssaultRifle(1), weaponType: 'machine_gun_other', category };
      expect(WeaponItemFinalSchema.safeParse(weapon).success).toBe(true);
    }
  });

  it('rejects a marking close-up that is not among the weapon photos', () => {
    const rifle = finalAssaultRifle(1);
    const weapon = { ...rifle, photos: [photo(1)] };
    expect(issuesOf(WeaponItemFinalSchema, weapon)).toStrictEqual([
      ['markings.0.photoSha256', 'photoNotAttached'],
    ]);
  });

  it('rejects two markings with one id', () => {
    const rifle = finalAssaultRifle(1);
    const marking = { ...rifle.markings[0], photoSha256: undefined };
    const weapon = { ...rifle, markings: [marking, marking] };
    expect(issuesOf(WeaponItemFinalSchema, weapon)).toStrictEqual([
      ['markings.1.id', 'duplicateId'],
    ]);
  });

  it('records an illegible marking without text, but not a legible one', () => {
    const rifle = finalAssaultRifle(1);
    const blank = { ...rifle.markings[0], textAsRead: '' };
    expect(
      WeaponItemFinalSchema.safeParse({
        ...rifle,
        markings: [{ ...blank, legibility: 'illegible' }],
      }).success,
    ).toBe(true);
    expect(issuesOf(WeaponItemFinalSchema, { ...rifle, markings: [blank] })).toStrictEqual([
      ['markings.0.textAsRead', 'required'],
    ]);
  });

  it('reports every gap of a half-filled draft at once, with paths and keys', () => {
    expect(issuesOf(WeaponItemFinalSchema, halfFilled())).toStrictEqual([
      ['category', 'required'],
      ['model', 'required'],
      ['calibre', 'required'],
      ['markingCondition', 'required'],
      ['traceStatus', 'required'],
      ['markings.0.markingKind', 'required'],
      ['markings.0.legibility', 'required'],
      ['markings.0.textAsRead', 'required'],
      ['photos', 'photoRequired'],
      ['serialNumber', 'serialRequired'],
    ]);
  });
});

describe('WeaponItemDraftSchema', () => {
  it('accepts the half-filled weapon', () => {
    const draft = WeaponItemDraftSchema.parse(halfFilled());
    expect(draft.serialNumberNormalised).toBe('');
    expect(draft.markings[0]?.textNormalised).toBeUndefined();
  });

  it('accepts a weapon with nothing filled in', () => {
    expect(newWeaponItemDraft(id(9))).toStrictEqual({
      id: id(9),
      markings: [],
      photos: [],
      serialNumberNormalised: undefined,
    });
  });

  it('accepts a final weapon too (a draft may be complete)', () => {
    expect(WeaponItemDraftSchema.safeParse(finalAssaultRifle(1)).success).toBe(true);
  });

  it.each([
    ['an unknown type', { weaponType: 'bazooka' }, [['weaponType', 'invalidOption']]],
    [
      'a country that is no ISO code',
      { countryOfManufacture: 'YU' },
      [['countryOfManufacture', 'invalidCountryCode']],
    ],
    ['a fractional year', { yearOfManufacture: 1985.5 }, [['yearOfManufacture', 'invalidNumber']]],
    [
      'a year in the future far away',
      { yearOfManufacture: 2300 },
      [['yearOfManufacture', 'yearOutOfRange']],
    ],
    ['an over-long model', { model: 'x'.repeat(121) }, [['model', 'tooLong']]],
    [
      'a photo with a bad hash',
      { photos: [{ ...photo(1), sha256: 'XYZ' }] },
      [['photos.0.sha256', 'invalidSha256']],
    ],
    [
      'a marking with a bad component',
      { markings: [{ id: id(2), component: 'stock' }] },
      [['markings.0.component', 'invalidOption']],
    ],
    [
      'two markings with one id',
      { markings: [{ id: id(2) }, { id: id(2) }] },
      [['markings.1.id', 'duplicateId']],
    ],
  ])('still rejects %s', (_label, patch, expected) => {
    expect(issuesOf(WeaponItemDraftSchema, { ...halfFilled(), ...patch })).toStrictEqual(expected);
  });

  it('requires only the id; missing lists mean empty lists', () => {
    expect(issuesOf(WeaponItemDraftSchema, {})).toStrictEqual([['id', 'required']]);
    expect(WeaponItemDraftSchema.parse({ id: id(3) })).toStrictEqual(newWeaponItemDraft(id(3)));
  });

  it('still reports photoRequired on a FINAL weapon whose photo list is missing', () => {
    const { photos: _dropped, ...rifle } = finalAssaultRifle(1);
    expect(issuesOf(WeaponItemFinalSchema, { ...rifle, markings: [] })).toStrictEqual([
      ['photos', 'photoRequired'],
    ]);
  });
});

describe('isUniquelyIdentifiable (SDG 16.4.2 "uniquely marked")', () => {
  it.each([
    [true, { serialStatus: 'present', serialNumber: '123', manufacturer: 'Zastava' }],
    [false, { serialStatus: 'present', serialNumber: ' - ', manufacturer: 'Zastava' }],
    [false, { serialStatus: 'present', serialNumber: '123', manufacturer: 'unknown' }],
    [false, { serialStatus: 'present', serialNumber: '123', manufacturer: ' Unknown ' }],
    [false, { serialStatus: 'present', serialNumber: '123', manufacturer: '' }],
    [false, { serialStatus: 'illegible', serialNumber: '12?', manufacturer: 'Zastava' }],
    [false, { serialStatus: 'not_present', manufacturer: 'Zastava' }],
  ] as const)('is %s for %o', (expected, weapon) => {
    expect(isUniquelyIdentifiable(weapon)).toBe(expected);
  });

  it('is derived on parse, whatever the caller sends', () => {
    const sent = { ...finalPistolWithoutSerial(1), uniquelyIdentifiable: true };
    expect(WeaponItemFinalSchema.parse(sent).uniquelyIdentifiable).toBe(false);
  });
});
