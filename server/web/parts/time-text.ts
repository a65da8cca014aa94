import { dateTimeFormat } from '../../../shared/i18n/formats.ts';

/** A moment as the reader's language writes date and time, or the given word when there is none. */
export function timeText(language: string, iso: string | null, none: string): string {
  if (iso === null) return none;
  return dateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );
}

/**
 * A calendar day (`2024-03-01`, as records hold the day something happened) as the reader's
 * language writes it, the same style as timeText's date. Read at noon UTC and written in UTC, so
 * no time zone moves it to the day before or after.
 */
export function dayText(language: string, isoDate: string): string {
  const day = new Date(`${isoDate.slice(0, 10)}T12:00:00Z`);
  if (Number.isNaN(day.getTime())) return isoDate;
  return dateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' }).format(day);
}
