import { dateTimeFormat } from '../../../shared/i18n/formats.ts';

/** A moment as the reader's language writes date and time, or the given word when there is none. */
export function timeText(language: string, iso: string | null, none: string): string {
  if (iso === null) return none;
  // English in the day-month order the region reads (en-GB), not the United States'.
  return dateTimeFormat(language === 'en' ? 'en-GB' : language, {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
}
