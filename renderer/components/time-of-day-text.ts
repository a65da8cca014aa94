/**
 * A time of day as a person types it (14:30, 9.05, 1430) read as stored, HH:MM on a 24-hour
 * clock: the form every language of the app writes a time in, whatever the operating system's
 * locale (a browser's native time input follows that, and shows AM/PM on an English system).
 */
export type ParsedTimeOfDay =
  | { readonly kind: 'empty' }
  | { readonly kind: 'time'; readonly value: string }
  | { readonly kind: 'invalid' };

const separated = /^(\d{1,2})\s*[:.h]\s*(\d{2})$/i;
const together = /^(\d{2})(\d{2})$/;

/** What was typed, read as a time of day; an hour or minute out of range is refused, not guessed. */
export function parseTimeOfDay(text: string): ParsedTimeOfDay {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'empty' };
  const match = separated.exec(trimmed) ?? together.exec(trimmed);
  if (match === null) return { kind: 'invalid' };
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  if (hours > 23 || minutes > 59) return { kind: 'invalid' };
  return {
    kind: 'time',
    value: `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`,
  };
}
