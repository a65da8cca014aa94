/**
 * Serbian in Cyrillic script, from the Serbian Latin catalogues: the two scripts of Serbian map
 * letter for letter (Gaj's Latin alphabet and Vuk's Cyrillic were made to), so one reviewed text
 * serves both and a key can never be translated in one script and missing in the other.
 *
 * What must stay as written: interpolation placeholders (`{{count}}`, `{when}`), nested keys
 * (`$t(...)`), markup (`<0>`, `<strong>`), addresses, the product's name, and the codes and
 * acronyms officers read in Latin letters in Cyrillic text too (SALW, UN, ITI, PDF, serials:
 * any word with q, w, x, y or a digit, or written in capitals and listed below).
 */

const LETTERS: Readonly<Record<string, string>> = {
  A: 'А',
  B: 'Б',
  V: 'В',
  G: 'Г',
  D: 'Д',
  Đ: 'Ђ',
  E: 'Е',
  Ž: 'Ж',
  Z: 'З',
  I: 'И',
  J: 'Ј',
  K: 'К',
  L: 'Л',
  M: 'М',
  N: 'Н',
  O: 'О',
  P: 'П',
  R: 'Р',
  S: 'С',
  T: 'Т',
  Ć: 'Ћ',
  U: 'У',
  F: 'Ф',
  H: 'Х',
  C: 'Ц',
  Č: 'Ч',
  Š: 'Ш',
  a: 'а',
  b: 'б',
  v: 'в',
  g: 'г',
  d: 'д',
  đ: 'ђ',
  e: 'е',
  ž: 'ж',
  z: 'з',
  i: 'и',
  j: 'ј',
  k: 'к',
  l: 'л',
  m: 'м',
  n: 'н',
  o: 'о',
  p: 'п',
  r: 'р',
  s: 'с',
  t: 'т',
  ć: 'ћ',
  u: 'у',
  f: 'ф',
  h: 'х',
  c: 'ц',
  č: 'ч',
  š: 'ш',
};

/** Lj, Nj and Dž are one letter each in Cyrillic (Љ, Њ, Џ), in any case. */
const DIGRAPHS: Readonly<Record<string, string>> = {
  LJ: 'Љ',
  Lj: 'Љ',
  lj: 'љ',
  NJ: 'Њ',
  Nj: 'Њ',
  nj: 'њ',
  DŽ: 'Џ',
  Dž: 'Џ',
  dž: 'џ',
};

/**
 * Capitalised abbreviations kept in Latin letters: international names and file formats as the
 * instruments and the officers' forms print them. A Serbian abbreviation (MUP, COR) is not listed
 * and is written in Cyrillic, as Serbian Cyrillic texts write it.
 */
const KEPT_ACRONYMS: ReadonlySet<string> = new Set([
  'SALW',
  'UN',
  'UNODC',
  'UNDP',
  'SEESAC',
  'ITI',
  'SDG',
  'PoA',
  'IAFQ',
  'ISACS',
  'INTERPOL',
  'iARMS',
  'EOD',
  'PDF',
  'CSV',
  'XLSX',
  'JSON',
  'QR',
  'GPS',
  'ID',
  'ISO',
  'URL',
  'HTTP',
  'HTTPS',
  'SMTP',
  'UUID',
  'UTC',
  'IMEI',
  'VIN',
  'NATO',
  'OSCE',
  'EU',
  'KFOR',
  'ODK',
  'WGS',
  'SQLite',
  'PostgreSQL',
  'TLS',
  'CSRF',
  'AEGIS',
  'MB',
  'KB',
  'GB',
  'ZIP',
  'SHA',
  'PNG',
  'JPEG',
  'HEIC',
  'UTF',
  'USB',
  'GeoJSON',
  'GIS',
  'MANPADS',
  'DDR',
  'RS',
  'ME',
  'BA',
  'MK',
  'AL',
  'HR',
  'XK',
  // Codes' patterns as printed (ABCD-EFGH-…): letters the code itself uses.
  'ABCD',
  'EFGH',
  'JKLM',
]);

/** Spans copied as they are: placeholders, nested keys, markup, addresses, the product name. */
const KEPT_SPAN =
  /\{\{[^}]*\}\}|\{[^{}]*\}|\$t\([^)]*\)|<\/?[A-Za-z0-9]+[^>]*>|https?:\/\/\S+|[\w.+-]+@[\w-]+\.[\w.]+|SALW Field|A–Z/g;

/** Words, with any digits in them: a token with a digit is a code (JK23, M70) and stays. */
const WORD = /[0-9A-Za-zČĆŽŠĐčćžšđ]+/g;

function wordToCyrillic(word: string): string {
  if (KEPT_ACRONYMS.has(word) || /[qwxyQWXY0-9]/.test(word)) return word;
  let out = '';
  for (let index = 0; index < word.length; index += 1) {
    const pair = word.slice(index, index + 2);
    const digraph = DIGRAPHS[pair];
    if (digraph !== undefined) {
      out += digraph;
      index += 1;
    } else {
      const letter = word.charAt(index);
      out += LETTERS[letter] ?? letter;
    }
  }
  return out;
}

/** A Serbian Latin text in Cyrillic, what must stay Latin kept as it is. */
export function latinToCyrillic(text: string): string {
  let out = '';
  let last = 0;
  for (const kept of text.matchAll(KEPT_SPAN)) {
    out += text.slice(last, kept.index).replace(WORD, wordToCyrillic);
    out += kept[0];
    last = kept.index + kept[0].length;
  }
  return out + text.slice(last).replace(WORD, wordToCyrillic);
}

/** Every string of a catalogue (at any depth) in Cyrillic; keys and structure unchanged. */
export function catalogueToCyrillic<T>(catalogue: T): T {
  if (typeof catalogue === 'string') return latinToCyrillic(catalogue) as T;
  if (Array.isArray(catalogue)) return catalogue.map((entry) => catalogueToCyrillic(entry)) as T;
  if (catalogue !== null && typeof catalogue === 'object') {
    return Object.fromEntries(
      Object.entries(catalogue).map(([key, value]) => [key, catalogueToCyrillic(value)]),
    ) as T;
  }
  return catalogue;
}
