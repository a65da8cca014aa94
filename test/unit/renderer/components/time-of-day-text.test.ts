import { describe, expect, it } from 'vitest';
import { parseTimeOfDay } from '../../../../renderer/components/time-of-day-text.ts';

describe('a time of day as typed', () => {
  it('reads the ways a time is written as HH:MM on a 24-hour clock', () => {
    for (const [typed, stored] of [
      ['14:30', '14:30'],
      ['9:05', '09:05'],
      ['09.05', '09:05'],
      [' 7h45 ', '07:45'],
      ['1430', '14:30'],
      ['00:00', '00:00'],
      ['23:59', '23:59'],
    ] as const) {
      expect(parseTimeOfDay(typed)).toEqual({ kind: 'time', value: stored });
    }
  });

  it('says empty for nothing, and refuses what is no time rather than guessing', () => {
    expect(parseTimeOfDay('  ')).toEqual({ kind: 'empty' });
    for (const typed of ['24:00', '12:60', '2:3', '14', '2:30 PM', '143', 'noon']) {
      expect(parseTimeOfDay(typed)).toEqual({ kind: 'invalid' });
    }
  });
});
