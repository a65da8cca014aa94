import bidiModule, { type Bidi } from 'bidi-js';
import type {
  Content,
  DynamicContent,
  Margins,
  Style,
  StyleDictionary,
  TableCell,
  TDocumentDefinitions,
} from 'pdfmake/interfaces.js';
import type { Language } from '../settings/settings.ts';
import { languageInfo } from '../i18n/languages.ts';
import { documentFontOf, latinFont } from './document-fonts.ts';

/**
 * Documents in a right-to-left language (Arabic). pdfmake lays every line out left to right, and
 * pdfkit's fontkit joins Arabic letters and turns a run of them around only within one word:
 * so an Arabic line prints its words in reverse order, and a serial inside it backwards. Here a
 * document definition is turned right to left in one place, whatever builder made it:
 * - each text is cut into runs of one embedding level by the Unicode bidi algorithm (bidi-js),
 *   paragraphs right to left unless they hold no right-to-left letter; the runs stay in logical
 *   order, so fontkit still shapes the letters and pdfmake still breaks lines where words end;
 * - once pdfmake has filled a line, placeInVisualOrder (called by render-pdf.ts) puts that line's
 *   runs in visual order, as the algorithm's rule L2 does per line (numbers, serials and Latin
 *   codes stay left to right inside the Arabic), and swaps mirrored brackets in right-to-left
 *   runs ("(" in Arabic prints as ")"): only then, as swapped before line breaking they would
 *   glue a closing bracket to the next word;
 * - tables and columns are mirrored (first column on the right), alignment and margins swap
 *   sides, text is right-aligned, lists carry their bullets on the right.
 */
export function forLanguage(
  definition: TDocumentDefinitions,
  language: Language,
): TDocumentDefinitions {
  const font = documentFontOf(language);
  const defaultStyle = { ...definition.defaultStyle, font };
  if (languageInfo[language].direction === 'ltr') return { ...definition, defaultStyle };
  const { footer, header, watermark } = definition;
  return {
    ...definition,
    content: mirrored(definition.content, font),
    ...(watermark === undefined ? {} : { watermark: mirroredWatermark(watermark) }),
    ...(footer === undefined ? {} : { footer: mirroredDynamic(footer, font) }),
    ...(header === undefined ? {} : { header: mirroredDynamic(header, font) }),
    ...(definition.pageMargins === undefined
      ? {}
      : { pageMargins: mirroredMargins(definition.pageMargins) }),
    defaultStyle: { ...mirroredStyle(defaultStyle), alignment: 'right' },
    ...(definition.styles === undefined ? {} : { styles: mirroredStyles(definition.styles) }),
  };
}

/** What pdfmake's Line holds that placeInVisualOrder reads and moves (pdfmake/js/Line.js). */
export interface LaidOutLine {
  inlines: LaidOutInline[];
  leadingCut: number;
  trailingCut: number;
  /** Already in visual order: put so once, whoever calls. */
  visualOrder?: true;
}
export interface LaidOutInline {
  text: string;
  width: number;
  x: number;
  leadingCut?: number;
  trailingCut?: number;
  /** Set on the runs forLanguage made; copied by pdfmake onto each word it cut from them. */
  bidiLevel?: number;
  /** The text was already turned for fontkit (a line may be laid out more than once). */
  bidiTurned?: boolean;
  /** pdfkit's (pdfmake sets null): any, even none, make it shape a text as one run. */
  fontFeatures?: unknown;
}

/**
 * A line pdfmake filled, in logical order, put in visual order (rule L2: from the highest level
 * down to the lowest odd one, reverse every sequence of words at that level or above), with each
 * word's x from the left and the line's cuts (the spaces pdfmake leaves out of its width, for
 * alignment) taken from its visual ends. Lines of left-to-right documents carry no levels and are
 * left as they are.
 */
export function placeInVisualOrder(line: LaidOutLine): void {
  const { inlines } = line;
  if (line.visualOrder === true) return;
  if (inlines.length === 0 || inlines.every((inline) => inline.bidiLevel === undefined)) return;
  line.visualOrder = true;
  const levelOf = (inline: LaidOutInline) => inline.bidiLevel ?? 0;
  const levels = inlines.map(levelOf);
  const highest = Math.max(...levels);
  const lowestOdd = Math.min(...levels.map((level) => (level % 2 === 1 ? level : level + 1)));
  const visual = [...inlines];
  for (let level = highest; level >= lowestOdd; level--) {
    for (let start = 0; start < visual.length;) {
      if (levelOf(visual[start]!) < level) {
        start++;
        continue;
      }
      let end = start;
      while (end + 1 < visual.length && levelOf(visual[end + 1]!) >= level) end++;
      visual.splice(start, end - start + 1, ...visual.slice(start, end + 1).reverse());
      start = end + 1;
    }
  }
  for (const inline of visual) turnForFontkit(inline);
  // A right-to-left word prints its trailing space on its left, a left-to-right one on its right.
  const first = visual[0]!;
  const last = visual[visual.length - 1]!;
  const rtl = (inline: LaidOutInline) => levelOf(inline) % 2 === 1;
  const leftCut = (rtl(first) ? first.trailingCut : first.leadingCut) ?? 0;
  const rightCut = (rtl(last) ? last.leadingCut : last.trailingCut) ?? 0;
  let x = 0;
  for (const inline of visual) {
    inline.x = x - leftCut;
    x += inline.width;
  }
  line.inlines = visual;
  line.leadingCut = leftCut;
  line.trailingCut = rightCut;
}

/**
 * bidi-js exports a factory: bundlers load its ES module (the factory is the default export), Node
 * its CommonJS build (the factory is the module), which its types describe with a `default`.
 */
const bidiFactory: () => Bidi = bidiModule.default ?? (bidiModule as unknown as () => Bidi);
const bidi = bidiFactory();

/**
 * The characters a glyph of the PDF's text map stands for. Readers (pdf.js, poppler) take a line's
 * glyphs in the order they are drawn, left to right, and turn right-to-left text around into
 * reading order, character by character: a glyph that stands for several characters of such a
 * script (Arabic lam-alef "لا", a shadda with its vowel) must list them as drawn too, or "سلاح"
 * is copied, and searched for, as "سالح". render-pdf.ts applies it to the fonts' text maps.
 */
export function charactersAsDrawn(codePoints: readonly number[]): readonly number[] {
  const drawnRightToLeft = (codePoint: number) =>
    rightToLeftCharacter.test(String.fromCodePoint(codePoint));
  return codePoints.length > 1 && codePoints.every(drawnRightToLeft)
    ? [...codePoints].reverse()
    : codePoints;
}

/** Characters used by right-to-left scripts (their marks too, which belong to no one script). */
const rightToLeftCharacter =
  /[\p{scx=Arabic}\p{scx=Hebrew}\p{scx=Syriac}\p{scx=Thaana}\p{scx=Nko}\p{scx=Samaritan}\p{scx=Mandaic}]/u;

/** Bidi controls (marks, embeddings, isolates): they steer the algorithm and print as nothing. */
const bidiControls = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/** Scripts the Arabic font has no letters for; pdfmake picks no font per letter by itself. */
const latinFontOnly = /[\p{Script=Cyrillic}\p{Script=Greek}]/u;

/**
 * A word's characters as fontkit (pdfkit's shaper) must get them. Right to left, brackets and the
 * like are swapped for their mirror images (rule L4). fontkit lays a word out in the direction
 * of the first letter with a script of its own, and turns it around when that script is written
 * right to left. A word whose level says otherwise holds no letters to join (brackets and signs
 * in Arabic text, Arabic-Indic digits in a number): its characters are turned here, so that
 * fontkit lays them out as the line needs.
 */
function turnForFontkit(inline: LaidOutInline): void {
  if (inline.bidiTurned === true) return;
  inline.bidiTurned = true;
  const wantsRtl = (inline.bidiLevel ?? 0) % 2 === 1;
  if (wantsRtl) {
    inline.text = [...inline.text].map((char) => bidi.getMirroredCharacter(char) ?? char).join('');
  }
  if (wantsRtl !== fontkitTurns(inline.text)) inline.text = [...inline.text].reverse().join('');
  // pdfkit shapes a text piece by piece between spaces and puts the pieces left to right (and
  // caches each piece); given font features, even none, it shapes the text as one run. A word
  // pdfmake keeps whole across a space ("التسلسلي / ": no break before a slash) needs that.
  if (wantsRtl && /\s\S/u.test(inline.text)) inline.fontFeatures ??= [];
}

/** Whether fontkit lays `text` out right to left: its first letter of a script of its own says. */
function fontkitTurns(text: string): boolean {
  const firstLetter = /[^\p{Script=Common}\p{Script=Inherited}\p{Script=Unknown}]/u.exec(text);
  return firstLetter !== null && rightToLeftScript.test(firstLetter[0]);
}

/** The scripts fontkit lays out right to left (its list, those in Unicode's script names). */
const rightToLeftScript =
  /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}]/u;

type TextPart = { readonly text: string; readonly style: Readonly<Record<string, unknown>> };

/** A text node's text as its parts in logical order, each with its own style (pdfmake's flattening). */
function partsOf(text: unknown): TextPart[] {
  if (Array.isArray(text)) return text.flatMap(partsOf);
  if (typeof text === 'object' && text !== null && 'text' in text) {
    const { text: inner, ...style } = text as { text: unknown };
    if (Array.isArray(inner)) return partsOf(inner);
    return [{ text: String(inner ?? ''), style }];
  }
  return [{ text: String(text ?? ''), style: {} }];
}

/** The parts cut into runs of one embedding level. */
function runsOf(text: unknown, font: string): Array<Record<string, unknown>> {
  const parts = partsOf(text);
  const whole = parts.map((part) => part.text).join('');
  const levels = levelsOf(whole);
  const runs: Array<Record<string, unknown>> = [];
  let offset = 0;
  for (const part of parts) {
    const end = offset + part.text.length;
    for (let start = offset; start < end;) {
      const level = levels[start]!;
      let stop = start + 1;
      while (stop < end && levels[stop] === level) stop++;
      const run = whole.slice(start, stop).replace(bidiControls, '');
      if (run !== '') {
        runs.push({
          ...part.style,
          text: run,
          bidiLevel: level,
          ...(font !== latinFont && latinFontOnly.test(run) ? { font: latinFont } : {}),
        });
      }
      start = stop;
    }
    offset = end;
  }
  // An empty text keeps one empty run: pdfmake still gives it its line's height.
  return runs.length > 0 ? runs : [{ text: '' }];
}

/**
 * The embedding level of each character, paragraph by paragraph. A paragraph runs right to left
 * when it holds a right-to-left letter, not by its first strong letter (rule P2): a sentence of
 * the documents' words may start with a name ("{name}، {role}"), and a note written in English
 * keeps its full stop at its end.
 */
function levelsOf(text: string): Uint8Array {
  const levels = new Uint8Array(text.length);
  for (const paragraph of text.matchAll(/[^\n\r\u2029]*(?:\r\n|[\n\r\u2029])?/gu)) {
    const [body] = paragraph;
    if (body === '') continue;
    const rightToLeft = [...body].some((char) =>
      ['R', 'AL', 'RLE', 'RLO', 'RLI'].includes(bidi.getBidiCharTypeName(char)),
    );
    levels.set(bidi.getEmbeddingLevels(body, rightToLeft ? 'rtl' : 'ltr').levels, paragraph.index);
  }
  return levels;
}

function mirrored(node: Content, font: string): Content {
  if (typeof node === 'string' || typeof node === 'number') {
    return { text: runsOf(node, font) } as unknown as Content;
  }
  if (Array.isArray(node)) return node.map((child: Content) => mirrored(child, font));
  if (typeof node !== 'object' || node === null) return node;
  const source = node as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = { ...mirroredStyle(source as Style) };
  if ('text' in source) out.text = runsOf(source.text, font);
  if (Array.isArray(source.stack)) out.stack = mirrored(source.stack as Content[], font);
  if (Array.isArray(source.columns)) {
    out.columns = [...(source.columns as Content[])]
      .reverse()
      .map((child) => mirrored(child, font));
  }
  if (typeof source.table === 'object' && source.table !== null) {
    const table = source.table as { body: TableCell[][]; widths?: unknown };
    const widths = Array.isArray(table.widths) ? (table.widths as unknown[]) : [table.widths];
    out.table = {
      ...table,
      ...(Array.isArray(table.widths) ? { widths: [...widths].reverse() } : {}),
      body: table.body.map((row) =>
        mirroredRow(row).map((cell) => mirrored(cell as Content, font)),
      ),
    };
    // pdfmake sets every table against the left margin; one narrower than the page (no '*'
    // column) goes to the right margin beside an empty column that takes the rest.
    if (!widths.includes('*')) {
      const narrow = { ...out, width: 'auto' } as unknown as Content;
      return { columns: [{ text: '', width: '*' }, narrow], columnGap: 0 };
    }
  }
  for (const list of ['ul', 'ol'] as const) {
    if (Array.isArray(source[list])) {
      delete out[list];
      out.stack = (source[list] as Content[]).map((item, index) =>
        mirrored(
          {
            columns: [
              { text: list === 'ul' ? '•' : `${index + 1}.`, width: list === 'ul' ? 10 : 16 },
              { stack: [item], width: '*' },
            ],
            columnGap: 2,
          },
          font,
        ),
      );
    }
  }
  return out as unknown as Content;
}

/**
 * pdfkit draws a watermark as one string and shapes it word by word between spaces, left to
 * right: it gets no-break spaces, so fontkit shapes it whole, and its characters in the order
 * fontkit turns into the visual one (bidi-js's reordered string, mirrored, turned back when the
 * first letter is right to left).
 */
function mirroredWatermark(
  watermark: NonNullable<TDocumentDefinitions['watermark']>,
): TDocumentDefinitions['watermark'] {
  const visual = (text: string) => {
    const clean = text.replace(bidiControls, '');
    const ordered = bidi.getReorderedString(clean, bidi.getEmbeddingLevels(clean, 'rtl'));
    const turned = [...ordered].reverse().join('');
    return (fontkitTurns(turned) ? turned : ordered).replace(/ /g, '\u00a0');
  };
  return typeof watermark === 'string'
    ? visual(watermark)
    : { ...watermark, text: visual(watermark.text) };
}

/**
 * A row with its cells in reverse order; a cell spanning columns keeps the empty cells it covers
 * after it, as pdfmake expects.
 */
function mirroredRow(row: readonly TableCell[]): TableCell[] {
  const groups: TableCell[][] = [];
  for (let index = 0; index < row.length;) {
    const cell = row[index]!;
    const span =
      typeof cell === 'object' && cell !== null && 'colSpan' in cell
        ? Math.max(1, Number(cell.colSpan))
        : 1;
    groups.push(row.slice(index, index + span));
    index += span;
  }
  return groups.reverse().flat();
}

function mirroredDynamic<T extends DynamicContent | Content>(content: T, font: string): T {
  if (typeof content === 'function') {
    return ((...args: Parameters<DynamicContent>) => {
      const made = content(...args);
      return made === null || made === undefined ? made : mirrored(made, font);
    }) as T;
  }
  return mirrored(content as Content, font) as T;
}

function mirroredStyles(styles: StyleDictionary): StyleDictionary {
  return Object.fromEntries(
    Object.entries(styles).map(([name, style]) => [name, mirroredStyle(style)]),
  );
}

function mirroredStyle<S extends Style>(style: S): S {
  const out: S = { ...style };
  if (style.alignment === 'left') out.alignment = 'right';
  else if (style.alignment === 'right') out.alignment = 'left';
  if (style.margin !== undefined) out.margin = mirroredMargins(style.margin);
  return out;
}

function mirroredMargins<M extends Margins>(margins: M): M {
  return (
    Array.isArray(margins) && margins.length === 4
      ? [margins[2], margins[1], margins[0], margins[3]]
      : margins
  ) as M;
}

/** pdfmake's layout builder, as far as its line building goes (pdfmake/js/LayoutBuilder.js). */
export interface LineBuilder {
  prototype: { buildNextLine(this: unknown, textNode: unknown): unknown };
}

/** pdfkit's embedded font, as far as its text map goes (its types are not installed). */
interface TextMappedFont {
  unicode: Array<readonly number[] | undefined>;
  toUnicodeCmap(): unknown;
  textMapAsDrawn?: true;
}
type PdfmakeLine = LaidOutLine & { inlines: Array<{ font: TextMappedFont }> };

/** Marked on the class: the laptop's and the server's renderers may both load in one process. */
const wrapped = new WeakSet<object>();

/**
 * pdfmake fills each line left to right and has no hook for right-to-left text, so its line
 * builder is wrapped (by both render-pdf.ts, laptop and server, with their pdfmake's class): a
 * line of a right-to-left document is put in visual order once filled, and the fonts it prints in
 * list a glyph's characters as drawn in the PDF's text map, so that the text copies and searches
 * in reading order. Re-check after a pdfmake upgrade (the Arabic certificate test reads its text).
 */
export function putLinesInVisualOrder(layoutBuilder: LineBuilder): void {
  if (wrapped.has(layoutBuilder)) return;
  wrapped.add(layoutBuilder);
  const buildNextLine = layoutBuilder.prototype.buildNextLine;
  layoutBuilder.prototype.buildNextLine = function (this: unknown, node: unknown) {
    const line = buildNextLine.call(this, node) as PdfmakeLine | null | undefined;
    if (line === null || line === undefined) return line;
    placeInVisualOrder(line);
    for (const inline of line.inlines) {
      if (inline.bidiLevel !== undefined) textMapAsDrawn(inline.font);
    }
    return line;
  };
}

function textMapAsDrawn(font: TextMappedFont): void {
  if (font.textMapAsDrawn === true) return;
  font.textMapAsDrawn = true;
  const toUnicodeCmap = font.toUnicodeCmap;
  font.toUnicodeCmap = function (this: TextMappedFont) {
    this.unicode = this.unicode.map((codePoints) => codePoints && charactersAsDrawn(codePoints));
    return toUnicodeCmap.call(this);
  };
}
