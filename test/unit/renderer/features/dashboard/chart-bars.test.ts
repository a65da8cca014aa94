import { describe, expect, it } from 'vitest';
import {
  barsOf,
  weaponPieces,
  type ChartSource,
} from '../../../../../renderer/features/dashboard/chart-bars.ts';

const drill = (slice: Record<string, string>) => ({ source: 'k1' as const, slice });
const text = (dimension: string, value: string) => `${dimension}=${value}`;
const href = (key: { slice: Record<string, string> }) => `#${JSON.stringify(key.slice)}`;

describe('chart bars', () => {
  it('draws one kind in one unit only, never adding across them', () => {
    const rows = [
      {
        by: { context: 'seized' },
        kind: 'weapon',
        unit: 'pieces',
        amount: 3,
        drill: drill({ a: '1' }),
      },
      {
        by: { context: 'seized' },
        kind: 'ammunition',
        unit: 'rounds',
        amount: 500,
        drill: drill({ a: '2' }),
      },
      {
        by: { context: 'unknown' },
        kind: 'weapon',
        unit: 'pieces',
        amount: 1,
        drill: drill({ a: '3' }),
      },
    ];
    expect(barsOf(rows, ['context'], text, href, weaponPieces)).toEqual([
      { key: '{"a":"1"}', label: 'context=seized', value: 3, href: '#{"a":"1"}' },
      { key: '{"a":"3"}', label: 'context=unknown', value: 1, href: '#{"a":"3"}' },
    ]);
  });

  it('draws counts as they are, naming each bar by every dimension, unknown included', () => {
    const rows: ChartSource[] = [
      { by: { role: 'surrenderer', sex: 'unknown' }, count: 1, drill: drill({ b: '1' }) },
      { by: { role: 'surrenderer' }, count: 2, drill: drill({ b: '2' }) },
    ];
    expect(barsOf(rows, ['role', 'sex'], text, href).map((bar) => [bar.label, bar.value])).toEqual([
      ['role=surrenderer · sex=unknown', 1],
      ['role=surrenderer · sex=unknown', 2],
    ]);
  });
});
