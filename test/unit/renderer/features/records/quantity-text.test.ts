import { beforeAll, describe, expect, it } from 'vitest';
import { amountWithUnitText } from '../../../../../renderer/features/records/quantity-text.ts';
import { createI18n } from '../../../../../renderer/i18n/i18n.ts';
import { quantityUnitValues } from '../../../../../shared/domain/quantity.ts';
import type { Language } from '../../../../../shared/settings/settings.ts';

type Text = (amount: number, unit: string) => string;

/** The screens' text for an amount and unit, with the app's catalogue and number format. */
async function textIn(language: Language): Promise<Text> {
  const i18n = await createI18n(language);
  const t = i18n.getFixedT(language, 'domain') as unknown as Parameters<
    typeof amountWithUnitText
  >[0];
  const number = new Intl.NumberFormat(language);
  return (amount, unit) => amountWithUnitText(t, (value) => number.format(value), amount, unit);
}

describe('an amount with its unit on the screens', () => {
  let en: Text;
  let sr: Text;
  beforeAll(async () => {
    en = await textIn('en');
    sr = await textIn('sr-Latn');
  });

  // Serbian: 1 and 21 take "one", 2-4 and 22-24 "few", 0, 5-20 and 25 "other"; 2.5 "other".
  it.each([
    [0, '0 pieces', '0 komada', '0 metaka', '0 tona'],
    [1, '1 piece', '1 komad', '1 metak', '1 tona'],
    [2, '2 pieces', '2 komada', '2 metka', '2 tone'],
    [5, '5 pieces', '5 komada', '5 metaka', '5 tona'],
    [11, '11 pieces', '11 komada', '11 metaka', '11 tona'],
    [21, '21 pieces', '21 komad', '21 metak', '21 tona'],
    [22, '22 pieces', '22 komada', '22 metka', '22 tone'],
    [25, '25 pieces', '25 komada', '25 metaka', '25 tona'],
    [2.5, '2.5 pieces', '2,5 komada', '2,5 metaka', '2,5 tona'],
  ])('%s: %s, %s, %s, %s', (amount, english, pieces, rounds, tonnes) => {
    expect(en(amount, 'pieces')).toBe(english);
    expect(sr(amount, 'pieces')).toBe(pieces);
    expect(sr(amount, 'rounds')).toBe(rounds);
    expect(sr(amount, 'tonnes')).toBe(tonnes);
  });

  it('says every unit in both languages, the number formatted as the app formats numbers', () => {
    expect(quantityUnitValues.map((unit) => en(1, unit))).toEqual([
      '1 piece',
      '1 round',
      '1 box',
      '1 kg',
      '1 tonne',
    ]);
    expect(quantityUnitValues.map((unit) => en(1500, unit))).toEqual([
      '1,500 pieces',
      '1,500 rounds',
      '1,500 boxes',
      '1,500 kg',
      '1,500 tonnes',
    ]);
    expect(quantityUnitValues.map((unit) => sr(3, unit))).toEqual([
      '3 komada',
      '3 metka',
      '3 kutije',
      '3 kg',
      '3 tone',
    ]);
    expect(quantityUnitValues.map((unit) => sr(1500, unit))).toEqual([
      '1.500 komada',
      '1.500 metaka',
      '1.500 kutija',
      '1.500 kg',
      '1.500 tona',
    ]);
  });

  it('puts a unit the app does not know (from a newer laptop) after the amount, as stored', () => {
    expect(sr(2, 'barrels')).toBe('2 barrels');
  });
});
