import { dateTimeFormat } from '../../shared/i18n/formats.ts';

/**
 * Dates as a person types and reads them in the app's language, not the operating system's
 * (a native <input type=date> follows the OS or browser locale). Stored values are ISO
 * YYYY-MM-DD. Serbian writes day.month.year (05.12.2026.); English gets the ISO form
 * (2026-12-05), the one written order no English reader can take for another (12/05 is 5
 * December in London and 12 May in New York). ISO is accepted in every language.
 */

export type DateOrder = 'dmy' | 'iso';

/**
 * How the app language writes a date in a field: day first in every language of the region and
 * in French; ISO in English (see above) and in Arabic, whose numeric dates carry direction marks
 * a field cannot round-trip, and where a date typed left to right is read the same everywhere.
 */
export function dateOrderFor(language: string): DateOrder {
  const primary = language.split('-')[0];
  return primary === 'en' || primary === 'ar' ? 'iso' : 'dmy';
}

export type ParsedDate =
  | { readonly kind: 'empty' }
  | { readonly kind: 'date'; readonly iso: string }
  | { readonly kind: 'invalid' };

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** The ISO date for a year, month and day, or null when no such day exists (31.02). */
export function isoDateOf(year: number, month: number, day: number): string | null {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

const isoPattern = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
/** 5.12.2026, 05.12.2026., 5. 12. 2026., 5/12/2026, 5-12-2026: day first, four-digit year. */
const dayFirstPattern = /^(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{4})\s*\.?$/;

/**
 * What the person typed, read in the language's order. A two-digit year is refused rather than
 * guessed (26 could be 1926 or 2026 for an old find); so is any day that does not exist.
 */
export function parseDateText(text: string, language: string): ParsedDate {
  // Any dash is a hyphen (the Arabic hints' examples use non-breaking ones), and the direction
  // marks a date copied out of right-to-left text carries are not part of it.
  const trimmed = text
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u200e\u200f\u061c]/g, '')
    .trim();
  if (trimmed === '') return { kind: 'empty' };
  const iso = isoPattern.exec(trimmed);
  if (iso !== null) return dateOrInvalid(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  if (dateOrderFor(language) === 'dmy') {
    const dmy = dayFirstPattern.exec(trimmed);
    if (dmy !== null) return dateOrInvalid(Number(dmy[3]), Number(dmy[2]), Number(dmy[1]));
  }
  return { kind: 'invalid' };
}

function dateOrInvalid(year: number, month: number, day: number): ParsedDate {
  const iso = isoDateOf(year, month, day);
  return iso === null ? { kind: 'invalid' } : { kind: 'date', iso };
}

/** A valid stored date's parts, or null. */
function partsOf(isoDate: string): { year: number; month: number; day: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (match === null) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isoDateOf(year, month, day) === null ? null : { year, month, day };
}

/**
 * A stored date as the field shows it: the app language's numeric date (Intl, so Serbian gets
 * its trailing dot), or ISO for English. Anything that is not a stored date comes back as is:
 * it is what the person typed, and stays on screen with its message.
 */
export function formatDateText(value: string, language: string): string {
  const parts = partsOf(value);
  if (parts === null) return value;
  if (dateOrderFor(language) === 'iso') return value;
  const shown = dateTimeFormat(language, {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  }).formatToParts(new Date(Date.UTC(parts.year, parts.month - 1, parts.day)));
  // Digits and separators only: Macedonian's "г." (year) after the date is a word the field
  // could not read back, and the field must round-trip what it shows.
  return shown
    .filter((part) => part.type !== 'literal' || !/\p{L}/u.test(part.value))
    .map((part) => part.value)
    .join('')
    .trim();
}

/**
 * The date in words in the app language ("Saturday, 5 December 2026"), under the field: a day
 * and month typed the wrong way round shows at once.
 */
export function describeDate(value: string, language: string): string | null {
  const parts = partsOf(value);
  if (parts === null) return null;
  return dateTimeFormat(language, {
    dateStyle: 'full',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(parts.year, parts.month - 1, parts.day)));
}

/** A stored date moved by whole days (arrow keys in the field). */
export function addDaysToIsoDate(value: string, days: number): string | null {
  const parts = partsOf(value);
  if (parts === null) return null;
  const moved = new Date(Date.UTC(parts.year, parts.month - 1, parts.day + days));
  return isoDateOf(moved.getUTCFullYear(), moved.getUTCMonth() + 1, moved.getUTCDate());
}
