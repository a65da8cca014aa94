import { describe, expect, it } from 'vitest';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import {
  charactersAsDrawn,
  forLanguage,
  placeInVisualOrder,
  type LaidOutInline,
  type LaidOutLine,
} from '../../../../shared/documents/right-to-left.ts';

const arabic = (content: Content, more: Partial<TDocumentDefinitions> = {}) =>
  forLanguage({ content, ...more }, 'ar');

/** A word as pdfmake measures it: width by its characters, its spaces cut at the line's ends. */
function word(text: string, bidiLevel?: number): LaidOutInline {
  const spaces = (match: RegExpMatchArray | null) => (match?.[0].length ?? 0) * 2;
  return {
    text,
    width: text.length * 5,
    x: 0,
    leadingCut: spaces(text.match(/^ +/)),
    trailingCut: spaces(text.match(/ +$/)),
    ...(bidiLevel === undefined ? {} : { bidiLevel }),
  };
}

function line(...inlines: LaidOutInline[]): LaidOutLine {
  return { inlines, leadingCut: 0, trailingCut: 0 };
}

describe('documents right to left', () => {
  it('leaves a left-to-right document as its builder made it, in Roboto', () => {
    const content: Content = [{ text: 'Destruction certificate', alignment: 'right' }];
    const definition = forLanguage({ content, defaultStyle: { fontSize: 10 } }, 'sr-Latn');
    expect(definition.content).toBe(content);
    expect(definition.defaultStyle).toStrictEqual({ fontSize: 10, font: 'Roboto' });
  });

  it('prints Arabic in Vazirmatn, right-aligned', () => {
    const definition = arabic('', { defaultStyle: { fontSize: 10 } });
    expect(definition.defaultStyle).toStrictEqual({
      fontSize: 10,
      font: 'Vazirmatn',
      alignment: 'right',
    });
  });

  it('cuts a text into runs of one direction, in logical order, serials and numbers left to right', () => {
    expect(arabic({ text: 'الرقم M70-4411 (عيار 7.62)' }).content).toStrictEqual({
      text: [
        { text: 'الرقم ', bidiLevel: 1 },
        { text: 'M70-4411', bidiLevel: 2 },
        { text: ' (عيار ', bidiLevel: 1 },
        { text: '7.62', bidiLevel: 2 },
        { text: ')', bidiLevel: 1 },
      ],
    });
  });

  it('lets a text with no right-to-left letter run left to right, its full stop at its end', () => {
    expect(arabic('Suspects in custody (48 h).').content).toStrictEqual({
      text: [{ text: 'Suspects in custody (48 h).', bidiLevel: 0 }],
    });
    // A sentence of the Arabic words that starts with a name is still right to left.
    expect(arabic('Marko Marković، مراقب').content).toStrictEqual({
      text: [
        { text: 'Marko Marković', bidiLevel: 2 },
        { text: '، مراقب', bidiLevel: 1 },
      ],
    });
    // Each line of a cell is a paragraph of its own; a marking read with a space stays whole.
    expect(arabic('M70-ČĆ 4411\nالوسوم: ZCZ 1984').content).toStrictEqual({
      text: [
        { text: 'M70-ČĆ 4411\n', bidiLevel: 0 },
        { text: 'الوسوم: ', bidiLevel: 1 },
        { text: 'ZCZ 1984', bidiLevel: 2 },
      ],
    });
  });

  it("keeps each part's own style, prints Cyrillic in Roboto and drops bidi marks", () => {
    expect(
      arabic([
        { text: ['تحقق ', { text: 'Ana', bold: true }, ': نعم'], style: 'small' },
        'Марко، شاهد',
        '09\u200f/07\u200f/2025',
      ]).content,
    ).toStrictEqual([
      {
        text: [
          { text: 'تحقق ', bidiLevel: 1 },
          { text: 'Ana', bold: true, bidiLevel: 2 },
          { text: ': نعم', bidiLevel: 1 },
        ],
        style: 'small',
      },
      {
        text: [
          { text: 'Марко', bidiLevel: 2, font: 'Roboto' },
          { text: '، شاهد', bidiLevel: 1 },
        ],
      },
      {
        text: [
          { text: '09', bidiLevel: 2 },
          { text: '/', bidiLevel: 1 },
          { text: '07', bidiLevel: 2 },
          { text: '/', bidiLevel: 1 },
          { text: '2025', bidiLevel: 2 },
        ],
      },
    ]);
  });

  it('mirrors tables: columns and widths in reverse, a spanning cell still first of its span', () => {
    const mirrored = arabic({
      table: {
        widths: [20, '*', 40],
        body: [
          ['أ', { text: 'ب', colSpan: 2 }, {}],
          ['1', '2', '3'],
        ],
      },
    }).content as { table: { widths: unknown[]; body: Array<Array<{ text?: unknown }>> } };
    expect(mirrored.table.widths).toStrictEqual([40, '*', 20]);
    const texts = mirrored.table.body.map((row) =>
      row.map((cell) => (cell.text as Array<{ text: string }> | undefined)?.[0]?.text),
    );
    expect(texts).toStrictEqual([
      ['ب', undefined, 'أ'],
      ['3', '2', '1'],
    ]);
    expect(mirrored.table.body[0]![0]).toMatchObject({ colSpan: 2 });
  });

  it('sets a table narrower than the page against the right margin', () => {
    const content = arabic({ table: { widths: [100, 60], body: [['أ', 'ب']] } }).content;
    expect(content).toMatchObject({
      columns: [
        { text: '', width: '*' },
        { width: 'auto', table: { widths: [60, 100] } },
      ],
    });
  });

  it('swaps alignment and margins side for side, in content, styles, page and footer', () => {
    const definition = arabic(
      [
        { text: '1', alignment: 'right', margin: [1, 2, 3, 4] },
        { text: 'أ', alignment: 'center', margin: [5, 6] },
        { columns: [{ text: 'أ' }, { text: 'ب' }] },
      ],
      {
        pageMargins: [36, 44, 20, 48],
        styles: { small: { alignment: 'left', margin: [0, 12, 8, 0] } },
        footer: () => ({ text: 'الصفحة', margin: [36, 16, 10, 0] }),
      },
    );
    expect(definition.content).toMatchObject([
      { alignment: 'left', margin: [3, 2, 1, 4] },
      { alignment: 'center', margin: [5, 6] },
      { columns: [{ text: [{ text: 'ب' }] }, { text: [{ text: 'أ' }] }] },
    ]);
    expect(definition.pageMargins).toStrictEqual([20, 44, 36, 48]);
    expect(definition.styles).toStrictEqual({
      small: { alignment: 'right', margin: [8, 12, 0, 0] },
    });
    const footer = definition.footer as (page: number, pages: number) => Content;
    expect(footer(1, 2)).toMatchObject({ margin: [10, 16, 36, 0] });
  });

  it('puts the bullets of a list on the right', () => {
    expect(arabic({ ul: ['أ', 'ب'], margin: [0, 4, 0, 0] }).content).toMatchObject({
      margin: [0, 4, 0, 0],
      stack: [
        { columns: [{ stack: [{ text: [{ text: 'أ' }] }] }, { text: [{ text: '•' }], width: 10 }] },
        { columns: [{ stack: [{ text: [{ text: 'ب' }] }] }, { text: [{ text: '•' }], width: 10 }] },
      ],
    });
  });

  it('gives a watermark no-break spaces, so pdfkit shapes it as one right-to-left run', () => {
    expect(arabic('', { watermark: { text: 'مسودة – لم يُرسل' } }).watermark).toStrictEqual({
      text: 'مسودة\u00a0–\u00a0لم\u00a0يُرسل',
    });
  });
});

describe('a laid-out line in visual order', () => {
  it('reverses the right-to-left words, keeps a serial inside them left to right', () => {
    const laid = line(word('رقم ', 1), word('M70', 2), word(' ', 1), word('التالي', 1));
    placeInVisualOrder(laid);
    expect(laid.inlines.map((inline) => inline.text)).toStrictEqual(['التالي', ' ', 'M70', 'رقم ']);
    expect(laid.inlines.map((inline) => inline.x)).toStrictEqual([0, 30, 35, 50]);
    // The space pdfmake leaves out of the width is where "رقم " prints it: on its left, inside.
    expect([laid.leadingCut, laid.trailingCut]).toStrictEqual([0, 0]);
  });

  it("leaves out of the line's width the spaces at its visual ends", () => {
    const laid = line(word('أ ', 1), word('ب ', 1));
    placeInVisualOrder(laid);
    expect(laid.inlines.map((inline) => [inline.text, inline.x])).toStrictEqual([
      ['ب ', -2],
      ['أ ', 8],
    ]);
    expect([laid.leadingCut, laid.trailingCut]).toStrictEqual([2, 0]);
  });

  it('mirrors brackets right to left, and turns what fontkit would lay out the other way', () => {
    const laid = line(word('(عيار ', 1), word('):', 1), word('١٢٣', 2), word('M70', 2));
    placeInVisualOrder(laid);
    expect(laid.inlines.map((inline) => inline.text)).toStrictEqual([
      '١٢٣'.split('').reverse().join(''),
      'M70',
      ':(',
      ')عيار ',
    ]);
  });

  it('has pdfkit shape a right-to-left word kept whole across a space as one run', () => {
    const laid = line(word('الرقم ', 1), word('التسلسلي / ', 1), word('الوسوم', 1));
    placeInVisualOrder(laid);
    expect(laid.inlines.map((inline) => [inline.text, inline.fontFeatures])).toStrictEqual([
      ['الوسوم', undefined],
      ['التسلسلي / ', []],
      ['الرقم ', undefined],
    ]);
  });

  it('is done once, and leaves lines of left-to-right documents alone', () => {
    const laid = line(word('أ ', 1), word('ب', 1));
    placeInVisualOrder(laid);
    placeInVisualOrder(laid);
    expect(laid.inlines.map((inline) => inline.text)).toStrictEqual(['ب', 'أ ']);
    const latin = line(word('Destruction '), word('certificate'));
    placeInVisualOrder(latin);
    expect(latin.inlines.map((inline) => [inline.text, inline.x])).toStrictEqual([
      ['Destruction ', 0],
      ['certificate', 0],
    ]);
  });
});

describe('the text map of a glyph standing for several characters', () => {
  it('lists an Arabic ligature as drawn, right to left, and a Latin one as it reads', () => {
    expect(charactersAsDrawn([0x644, 0x627])).toStrictEqual([0x627, 0x644]);
    expect(charactersAsDrawn([0x650, 0x651])).toStrictEqual([0x651, 0x650]);
    expect(charactersAsDrawn([0x66, 0x69])).toStrictEqual([0x66, 0x69]);
    expect(charactersAsDrawn([0x644])).toStrictEqual([0x644]);
  });
});
