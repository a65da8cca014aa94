import { describe, expect, it } from 'vitest';
import { buildBasemapJson } from '../../../../../packaging/basemap.ts';
import { basemapShapes, type Basemap } from '../../../../../renderer/components/map/basemap.ts';

describe("the SVG view's basemap shapes", () => {
  it('turns each jurisdiction into path data and a label place in zoom-0 pixels', async () => {
    const basemap = JSON.parse(await buildBasemapJson()) as Basemap;
    const shapes = basemapShapes(basemap);
    expect(shapes).toHaveLength(basemap.features.length);
    expect(new Set(shapes.map((shape) => shape.key)).size).toBe(shapes.length);
    for (const shape of shapes) {
      expect(shape.d).toMatch(/^M[-\d.]+ [-\d.]+(L[-\d.]+ [-\d.]+)+Z/);
      expect(shape.labelX).toBeGreaterThanOrEqual(0);
      expect(shape.labelX).toBeLessThanOrEqual(256);
      expect(shape.width).toBeGreaterThan(0);
    }
    const serbia = shapes.find((shape) => shape.code === 'RS');
    const kosovo = shapes.find((shape) => shape.code === 'XK');
    // Kosovo's name sits south of Serbia's, both around 20-21° E (x ≈ 142.6 at zoom 0).
    expect(kosovo?.labelY).toBeGreaterThan(serbia?.labelY ?? Infinity);
    expect(serbia?.labelX).toBeCloseTo(142.8, 0);
    // A small country is narrower than a large one, so its name waits for a closer zoom.
    expect(kosovo?.width).toBeLessThan(serbia?.width ?? 0);
  });
});
