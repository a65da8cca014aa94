import { z } from 'zod';
import { key, keyed } from './message-keys.ts';

/**
 * Serial numbers and marking text are stored exactly as read, for a trace under the ITI, and
 * next to a normalised form used only for search and matching (salw-domain.md §a principle 5).
 */

/** A5/A6: a serial is read, or is recorded as absent or unreadable ("R*" in A6). */
export const serialStatusValues = ['present', 'not_present', 'illegible'] as const;
export const SerialStatusSchema = z.enum(serialStatusValues, keyed('invalidOption'));
export type SerialStatus = z.infer<typeof SerialStatusSchema>;

/** Text as read from the weapon: never trimmed or re-cased, so the original reading survives. */
export function asReadTextSchema(max: number) {
  return z.string(keyed('invalidText')).max(max, key('tooLong'));
}

/**
 * Cyrillic (and Greek) capitals that look like Latin ones. Western Balkans officers type in
 * both scripts, often mixed in one word ('АК-47' with a Cyrillic А and К), so a search for the
 * Latin reading must find the Cyrillic one. Only look-alikes are mapped: Ж, Ш, Ђ… are not
 * transliterated, and digits stay distinct from letters (O is never 0, I is never 1).
 */
// prettier-ignore
const lookAlikes: Readonly<Record<string, string>> = {
  // Cyrillic, including Serbian/Macedonian Ј and Ѕ and Ukrainian/Belarusian І
  А: 'A', В: 'B', Е: 'E', Ѕ: 'S', І: 'I', Ј: 'J', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P',
  С: 'C', Т: 'T', У: 'Y', Х: 'X', Ү: 'Y', Ԛ: 'Q', Ԝ: 'W',
  // Greek
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P',
  Τ: 'T', Υ: 'Y', Χ: 'X',
};
const lookAlikePattern = new RegExp(`[${Object.keys(lookAlikes).join('')}]`, 'gu');

/**
 * Number signs are labels, not marking content: '№ 123' and '# 123' both mean serial 123. They go
 * before NFKC, which would otherwise turn '№' into the letters 'No'.
 */
const numberSigns = /[№#]/gu;

/**
 * Separators people type or read differently: whitespace, dashes of every kind, . / _ : \ and
 * invisible format characters (zero-width spaces pasted from documents).
 */
const separators = /[\s\p{Pd}./_:\\\p{Cf}]/gu;

/**
 * The search form of a serial or marking text. NFKC first (full-width 'ＡＫ４７' → 'AK47', ligatures
 * split), then a locale-independent upper case (toUpperCase, never toLocaleUpperCase, so Turkish
 * 'i' does not become 'İ'), then look-alikes to Latin, then separators removed.
 */
export function normaliseMarkingText(text: string): string {
  return text
    .replace(numberSigns, ' ')
    .normalize('NFKC')
    .toUpperCase()
    .replace(lookAlikePattern, (letter) => lookAlikes[letter] ?? letter)
    .replace(separators, '');
}

/**
 * A search form read backwards: indexed, it finds serials by how they end (a serial whose first
 * characters were ground off, or read from the end) the way the search form finds their start.
 */
export function reversedSearchForm(normalised: string): string {
  return Array.from(normalised).reverse().join('');
}

/**
 * Makes and calibres compare in the same search form as serials ("7.62x39" = "7,62 X 39"); an
 * unknown side never narrows. Used by the laptop's serial check and the server's lookup alike.
 */
export function sameOrUnknown(a: string | null | undefined, b: string | null | undefined): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return true;
  const x = normaliseMarkingText(a).replace(/,/g, '');
  const y = normaliseMarkingText(b).replace(/,/g, '');
  return x === '' || y === '' || x === y || x.startsWith(y) || y.startsWith(x);
}
