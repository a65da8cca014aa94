import { describe, expect, it } from 'vitest';
import { PUSH_BATCH_BYTES, takeBatch } from '../../../../electron/sync/batching.ts';

describe('takeBatch', () => {
  it('takes at most 500 mutations', () => {
    expect(takeBatch(Array.from({ length: 1200 }, () => 100))).toBe(500);
    expect(takeBatch(Array.from({ length: 30 }, () => 100))).toBe(30);
    expect(takeBatch([])).toBe(0);
  });

  it('stops before the batch passes about 2 MB', () => {
    const sizes = Array.from({ length: 100 }, () => 300_000);
    expect(takeBatch(sizes)).toBe(Math.floor(PUSH_BATCH_BYTES / 300_000));
  });

  it('sends a single record larger than the limit alone rather than never', () => {
    expect(takeBatch([5_000_000, 10, 10])).toBe(1);
    expect(takeBatch([10, 5_000_000])).toBe(1);
  });
});
