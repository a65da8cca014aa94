import { describe, expect, it } from 'vitest';
import {
  formatDecimalText,
  parseDecimalText,
} from '../../../../renderer/components/decimal-text.ts';

describe('decimal numbers typed in either language', () => {
  it('takes a decimal comma or point, and a sign', () => {
    expect(parseDecimalText('44,8125')).toEqual({ kind: 'number', value: 44.8125 });
    expect(parseDecimalText(' 44.8125 ')).toEqual({ kind: 'number', value: 44.8125 });
    expect(parseDecimalText('-20.5')).toEqual({ kind: 'number', value: -20.5 });
    expect(parseDecimalText('25')).toEqual({ kind: 'number', value: 25 });
  });

  it('refuses what is not one number, and knows blank', () => {
    for (const text of ['44.8.1', '1,234.5', 'N44', '44°', '-', '12abc']) {
      expect(parseDecimalText(text)).toEqual({ kind: 'invalid' });
    }
    expect(parseDecimalText('')).toEqual({ kind: 'empty' });
  });

  it('shows a number in the app language without grouping, and typed text as it is', () => {
    expect(formatDecimalText(44.8125, 'sr-Latn')).toBe('44,8125');
    expect(formatDecimalText(12345.5, 'en')).toBe('12345.5');
    expect(formatDecimalText('44.8.1', 'en')).toBe('44.8.1');
    expect(formatDecimalText(undefined, 'en')).toBe('');
  });
});
