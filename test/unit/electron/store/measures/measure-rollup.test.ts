import { describe, expect, it } from 'vitest';
import { splitPeriod } from '../../../../../electron/store/measures/measure-rollup.ts';

describe('splitPeriod: whole months from the rollups, the days around them from the rows', () => {
  it.each([
    ['2025-01-01', '2025-12-31', { first: '2025-01', last: '2025-12' }, []],
    ['2024-02-01', '2024-02-29', { first: '2024-02', last: '2024-02' }, []],
    [
      '2025-02-11',
      '2025-10-15',
      { first: '2025-03', last: '2025-09' },
      [
        { from: '2025-02-11', to: '2025-02-28' },
        { from: '2025-10-01', to: '2025-10-15' },
      ],
    ],
    [
      '2024-12-31',
      '2026-01-01',
      { first: '2025-01', last: '2025-12' },
      [
        { from: '2024-12-31', to: '2024-12-31' },
        { from: '2026-01-01', to: '2026-01-01' },
      ],
    ],
    ['2025-03-05', '2025-03-20', null, [{ from: '2025-03-05', to: '2025-03-20' }]],
    [
      '2025-03-02',
      '2025-04-30',
      { first: '2025-04', last: '2025-04' },
      [{ from: '2025-03-02', to: '2025-03-31' }],
    ],
    ['2025-01-15', '2025-02-14', null, [{ from: '2025-01-15', to: '2025-02-14' }]],
  ])('%s to %s', (from, to, months, edges) => {
    expect(splitPeriod(from, to)).toEqual({ months, edges });
  });
});
