import { intlLocalesOf } from '../../../shared/i18n/languages.ts';

/** A moment as the reader's language writes date and time, or the given word when there is none. */
export function timeText(language: string, iso: string | null, none: string): string {
  if (iso === null) return none;
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : intlLocalesOf(language), {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
}
