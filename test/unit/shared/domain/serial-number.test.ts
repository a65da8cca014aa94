import { describe, expect, it } from 'vitest';
import {
  asReadTextSchema,
  normaliseMarkingText,
  SerialStatusSchema,
  serialStatusValues,
} from '../../../../shared/domain/serial-number.ts';
import { WeaponItemDraftSchema } from '../../../../shared/domain/weapon-item.ts';
import { id, issuesOf } from './fixtures.ts';

describe('normaliseMarkingText', () => {
  it.each([
    ['Cyrillic look-alikes, a dash and a numero sign', 'АК-47 № 123', 'AK47123'],
    ['the same reading typed in Latin', 'ak 47-123', 'AK47123'],
    ['mixed scripts in one word (Cyrillic А, Latin K)', 'Аk47', 'AK47'],
    ['lower-case Cyrillic', 'ак-47', 'AK47'],
    ['lower-case Latin', 'ab-123c', 'AB123C'],
    ['spaces and tabs', ' 12 34\t56 ', '123456'],
    ['a no-break space', '12\u00a03456', '123456'],
    ['dashes of every kind', '12-34–56—78', '12345678'],
    ['dots, slashes, underscores, colons, backslashes', 'A.B/C_D:E\\F', 'ABCDEF'],
    ['a hash sign', '# 4471', '4471'],
    ['a zero-width space pasted from a document', '12\u200b34', '1234'],
    ['full-width digits and letters (NFKC)', 'ＡＫ４７ １２３', 'AK47123'],
    ['a ligature (NFKC)', 'ﬁ-22', 'FI22'],
    ['Serbian Ј and Macedonian Ѕ', 'ЈЅ-01', 'JS01'],
    ['Greek capitals', 'ΑΒΕ-9', 'ABE9'],
    ['Cyrillic У and Х', 'УХ 5', 'YX5'],
  ])('folds %s', (_label, input, expected) => {
    expect(normaliseMarkingText(input)).toBe(expected);
  });

  it('keeps the letter O and the digit 0 distinct, and I and 1', () => {
    expect(normaliseMarkingText('O0-I1')).toBe('O0I1');
    expect(normaliseMarkingText('ABO123')).not.toBe(normaliseMarkingText('AB0123'));
    expect(normaliseMarkingText('О0')).toBe('O0');
  });

  it('leaves Cyrillic letters without a Latin look-alike alone', () => {
    expect(normaliseMarkingText('Ж-Ш ђ')).toBe('ЖШЂ');
  });

  it('is locale-independent: Turkish dotless and dotted i', () => {
    expect(normaliseMarkingText('i')).toBe('I');
    expect(normaliseMarkingText('ı')).toBe('I');
  });

  it('is idempotent', () => {
    for (const text of ['АК-47 № 123', 'ＡＫ４７', 'x.y/z', 'Ж ж']) {
      const once = normaliseMarkingText(text);
      expect(normaliseMarkingText(once)).toBe(once);
    }
  });

  it('can be empty when the reading held only separators', () => {
    expect(normaliseMarkingText(' - / ')).toBe('');
  });
});

describe('as read, plus normalised', () => {
  it('stores the serial exactly as typed and derives the search form', () => {
    const asRead = '  АК-47 № 123 ';
    const weapon = WeaponItemDraftSchema.parse({
      id: id(1),
      serialNumber: asRead,
      markings: [],
      photos: [],
    });
    expect(weapon.serialNumber).toBe(asRead);
    expect(weapon.serialNumberNormalised).toBe('AK47123');
  });

  it('never trusts a normalised form sent by a caller', () => {
    const weapon = WeaponItemDraftSchema.parse({
      id: id(1),
      serialNumber: 'ab-1',
      serialNumberNormalised: 'SOMETHING ELSE',
      markings: [],
      photos: [],
    });
    expect(weapon.serialNumberNormalised).toBe('AB1');
  });

  it('bounds as-read text without trimming it', () => {
    expect(asReadTextSchema(5).parse(' ab ')).toBe(' ab ');
    expect(issuesOf(asReadTextSchema(5), '123456')).toStrictEqual([['', 'tooLong']]);
  });
});

describe('SerialStatusSchema', () => {
  it('has present, not_present and illegible', () => {
    expect(serialStatusValues).toStrictEqual(['present', 'not_present', 'illegible']);
    expect(issuesOf(SerialStatusSchema, 'missing')).toStrictEqual([['', 'invalidOption']]);
  });
});
