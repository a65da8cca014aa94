import { describe, expect, it } from 'vitest';
import {
  calendarYear,
  halfYear,
  MeasureFilterSchema,
} from '../../../../shared/measures/measure-filter.ts';

describe('the measures filter', () => {
  it('counts final records only unless told otherwise', () => {
    expect(MeasureFilterSchema.parse({ from: '2025-01-01', to: '2025-12-31' }).finalOnly).toBe(
      true,
    );
    expect(
      MeasureFilterSchema.parse({ from: '2025-01-01', to: '2025-12-31', finalOnly: false })
        .finalOnly,
    ).toBe(false);
  });

  it('takes a period of one day, and refuses one that ends before it starts', () => {
    expect(MeasureFilterSchema.safeParse({ from: '2025-03-01', to: '2025-03-01' }).success).toBe(
      true,
    );
    const refused = MeasureFilterSchema.safeParse({ from: '2025-03-02', to: '2025-03-01' });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.path).toStrictEqual(['to']);
  });

  it('refuses what is not a date, a jurisdiction, a location type or a context', () => {
    for (const bad of [
      { from: '2025-13-01', to: '2025-12-31' },
      { from: '2025-01-01', to: '2025-12-31', jurisdiction: 'Serbia' },
      { from: '2025-01-01', to: '2025-12-31', locationType: 'harbour' },
      { from: '2025-01-01', to: '2025-12-31', context: 'bought' },
      { from: '2025-01-01', to: '2025-12-31', agency: '   ' },
      { from: '2025-01-01', to: '2025-12-31', campaignId: 'not-an-id' },
    ]) {
      expect(MeasureFilterSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('trims the agency typed', () => {
    expect(
      MeasureFilterSchema.parse({ from: '2025-01-01', to: '2025-12-31', agency: ' PU Čačak ' })
        .agency,
    ).toBe('PU Čačak');
  });

  it('calendar year and half-year are presets of the period', () => {
    expect(calendarYear(2024)).toStrictEqual({ from: '2024-01-01', to: '2024-12-31' });
    expect(halfYear(2024, 1)).toStrictEqual({ from: '2024-01-01', to: '2024-06-30' });
    expect(halfYear(2024, 2)).toStrictEqual({ from: '2024-07-01', to: '2024-12-31' });
    for (const period of [calendarYear(2024), halfYear(2024, 1), halfYear(2024, 2)]) {
      expect(MeasureFilterSchema.safeParse(period).success).toBe(true);
    }
  });
});
