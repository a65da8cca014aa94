import { describe, expect, it } from 'vitest';
import { catalogueToCyrillic, latinToCyrillic } from '../../../../shared/i18n/serbian-cyrillic.ts';

describe('Serbian Latin to Cyrillic', () => {
  it.each([
    ['Zapečaćeni zapisi o čuvanju', 'Запечаћени записи о чувању'],
    // Lj, Nj and Dž are one letter each, in every case.
    ['ljudi, Njegoš, DŽEP, Džak, NJIVA', 'људи, Његош, ЏЕП, Џак, ЊИВА'],
    ['Đorđe i Ćirilo', 'Ђорђе и Ћирило'],
    ['NEISPRAVNO', 'НЕИСПРАВНО'],
  ])('writes %j as %j', (latin, cyrillic) => {
    expect(latinToCyrillic(latin)).toBe(cyrillic);
  });

  it('keeps placeholders, nested keys, markup and addresses as written', () => {
    expect(
      latinToCyrillic('Strana {page} od {pages}: {{count}} zapisa, $t(domain:enum.x) <0>ovde</0>'),
    ).toBe('Страна {page} од {pages}: {{count}} записа, $t(domain:enum.x) <0>овде</0>');
    expect(latinToCyrillic('Pišite na ana@example.org ili https://salw.example.org/pomoc')).toBe(
      'Пишите на ana@example.org или https://salw.example.org/pomoc',
    );
  });

  it('keeps the product name, international acronyms and codes in Latin letters', () => {
    expect(latinToCyrillic('SALW Field, izveštaj za UNODC i ITI (PDF, CSV)')).toBe(
      'SALW Field, извештај за UNODC и ITI (PDF, CSV)',
    );
    // A word with a digit is a code; one with q, w, x or y is not Serbian.
    expect(latinToCyrillic('na primer ABCD-EFGH-JK23 (A–Z i 2–7), M70, WebP')).toBe(
      'на пример ABCD-EFGH-JK23 (A–Z и 2–7), M70, WebP',
    );
    // A Serbian abbreviation is written in Cyrillic, as Serbian Cyrillic texts write it.
    expect(latinToCyrillic('MUP i COR')).toBe('МУП и ЦОР');
  });

  it('converts every string of a catalogue and keeps its keys', () => {
    expect(catalogueToCyrillic({ a: { b_one: 'komad', b_few: 'komada' }, c: 'Da' })).toStrictEqual({
      a: { b_one: 'комад', b_few: 'комада' },
      c: 'Да',
    });
  });
});
