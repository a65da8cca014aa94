import { describe, expect, it } from 'vitest';
import { BACKOFF_MAX_MS, backoffDelayMs } from '../../../../electron/sync/backoff.ts';

describe('backoffDelayMs', () => {
  it('doubles from 1 s and never passes 5 minutes', () => {
    const fixed = () => 0;
    expect([1, 2, 3, 4, 5].map((n) => backoffDelayMs(n, fixed))).toEqual([
      1000, 2000, 4000, 8000, 16000,
    ]);
    expect(backoffDelayMs(9, fixed)).toBe(256_000);
    expect(backoffDelayMs(10, fixed)).toBe(BACKOFF_MAX_MS);
    expect(backoffDelayMs(1000, () => 0.999)).toBe(BACKOFF_MAX_MS);
  });

  it('adds up to half a step of jitter, so laptops coming back do not retry together', () => {
    expect(backoffDelayMs(3, () => 0.5)).toBe(5000);
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelayMs(4)));
    expect(delays.size).toBeGreaterThan(10);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(8000);
      expect(delay).toBeLessThanOrEqual(12000);
    }
  });
});
