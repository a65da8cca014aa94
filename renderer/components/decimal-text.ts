import { numberFormat } from '../../shared/i18n/formats.ts';

/**
 * Decimal numbers as typed in either language: Serbian writes a decimal comma (44,8125), English
 * a point; both are accepted everywhere (coordinates are often pasted from a GPS or a map in the
 * point form). Grouping separators are not: in a coordinate "1.234" could be either.
 */
export type ParsedDecimal =
  | { readonly kind: 'empty' }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'invalid' };

const decimalPattern = /^[-+−]?(\d+([.,]\d*)?|[.,]\d+)$/;

export function parseDecimalText(text: string): ParsedDecimal {
  const trimmed = text.trim().replace(/\s+/g, '');
  if (trimmed === '') return { kind: 'empty' };
  if (!decimalPattern.test(trimmed)) return { kind: 'invalid' };
  const value = Number(trimmed.replace('−', '-').replace(',', '.'));
  return Number.isFinite(value) ? { kind: 'number', value } : { kind: 'invalid' };
}

/** A number as the field shows it in the app language, without grouping, up to `digits` decimals. */
export function formatDecimalText(value: unknown, language: string, digits = 6): string {
  if (typeof value === 'string') return value;
  if (typeof value !== 'number' || !Number.isFinite(value)) return '';
  return numberFormat(language, {
    maximumFractionDigits: digits,
    useGrouping: false,
  }).format(value);
}
