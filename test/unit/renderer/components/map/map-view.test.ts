import { describe, expect, it } from 'vitest';
import { clickAccuracyM, roundDegrees } from '../../../../../renderer/components/map/map-view.ts';

describe('a point placed on the map', () => {
  it('is as accurate as five pixels of ground at that zoom, to two figures', () => {
    // Zoom 5 at 43° N: about 3.6 km a pixel.
    expect(clickAccuracyM(43, 5)).toBe(18_000);
    expect(clickAccuracyM(43, 10)).toBe(560);
    expect(clickAccuracyM(0, 22)).toBe(1);
  });

  it('keeps six decimals of a degree', () => {
    expect(roundDegrees(43.123456789)).toBe(43.123457);
    expect(roundDegrees(-20.5)).toBe(-20.5);
  });
});
