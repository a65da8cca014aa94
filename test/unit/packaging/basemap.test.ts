import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Position } from 'geojson';
import type { Topology } from 'topojson-specification';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildBasemap,
  buildBasemapJson,
  type Basemap,
  type BasemapFeature,
} from '../../../packaging/basemap.ts';
import { countryCodeValues } from '../../../shared/domain/country-code.ts';

const require = createRequire(import.meta.url);

/** Whether a point is inside a ring (even-odd rule, in degrees). */
function inRing(ring: readonly Position[], lon: number, lat: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function contains(feature: BasemapFeature, lon: number, lat: number): boolean {
  const polygons =
    feature.geometry.type === 'Polygon'
      ? [feature.geometry.coordinates]
      : feature.geometry.coordinates;
  return polygons.some(
    ([outer, ...holes]) =>
      outer !== undefined &&
      inRing(outer, lon, lat) &&
      !holes.some((hole) => inRing(hole, lon, lat)),
  );
}

/**
 * The offline basemap as the renderer build writes it: Natural Earth's countries keyed by the
 * app's own jurisdiction codes, so the map's borders are the app's (Kosovo its own shape, no
 * border inside Cyprus or Somalia), and the same input always gives the same bytes.
 */
describe('the offline basemap', () => {
  let basemap: Basemap;
  let byCode: Map<string | null, BasemapFeature[]>;

  beforeAll(async () => {
    basemap = JSON.parse(await buildBasemapJson()) as Basemap;
    byCode = new Map();
    for (const feature of basemap.features) {
      byCode.set(feature.properties.code, [
        ...(byCode.get(feature.properties.code) ?? []),
        feature,
      ]);
    }
  });

  it('has Serbia and Kosovo as separate jurisdictions, each with its own shape', () => {
    const serbia = byCode.get('RS');
    const kosovo = byCode.get('XK');
    expect(serbia).toHaveLength(1);
    expect(kosovo).toHaveLength(1);
    // Belgrade is in Serbia's shape, Pristina in Kosovo's, and neither in the other.
    const [rs, xk] = [serbia?.[0], kosovo?.[0]];
    if (rs === undefined || xk === undefined) throw new Error('missing shape');
    expect(contains(rs, 20.46, 44.82)).toBe(true);
    expect(contains(xk, 21.17, 42.66)).toBe(true);
    expect(contains(rs, 21.17, 42.66)).toBe(false);
    expect(contains(xk, 20.46, 44.82)).toBe(false);
    // Each name sits inside its own country.
    expect(contains(rs, rs.properties.labelLon, rs.properties.labelLat)).toBe(true);
    expect(contains(xk, xk.properties.labelLon, xk.properties.labelLat)).toBe(true);
  });

  it('puts every name inside its own shape', () => {
    for (const feature of basemap.features) {
      const { code, labelLon, labelLat } = feature.properties;
      expect(contains(feature, labelLon, labelLat), String(code)).toBe(true);
    }
  });

  it('keys every shape by one of the app codes, once, and draws no border the app does not know', () => {
    const codes = basemap.features.map((feature) => feature.properties.code);
    const coded = codes.filter((code) => code !== null);
    expect(new Set(coded).size).toBe(coded.length);
    for (const code of coded) expect(countryCodeValues).toContain(code);
    // The region's jurisdictions (salw-domain.md: the Western Balkans Roadmap's six).
    for (const code of ['AL', 'BA', 'XK', 'ME', 'MK', 'RS']) expect(coded).toContain(code);
    // Northern Cyprus and Somaliland are not jurisdictions of the app: dissolved into CY and SO.
    const cyprus = byCode.get('CY')?.[0];
    const somalia = byCode.get('SO')?.[0];
    if (cyprus === undefined || somalia === undefined) throw new Error('missing shape');
    expect(contains(cyprus, 33.6, 35.25)).toBe(true); // north of the Green Line
    expect(contains(cyprus, 33.0, 34.9)).toBe(true);
    expect(contains(somalia, 44.06, 9.56)).toBe(true); // Hargeisa
    expect(coded.length).toBeGreaterThan(230);
  });

  it('is reproducible: the same topology gives the same JSON', async () => {
    const topology = JSON.parse(
      await readFile(require.resolve('world-atlas/countries-50m.json'), 'utf8'),
    ) as Topology;
    expect(JSON.stringify(buildBasemap(topology))).toBe(await buildBasemapJson());
    expect(basemap.attribution).toContain('Natural Earth');
  });

  it('refuses a topology with a shape it cannot file under a jurisdiction', () => {
    const topology: Topology = {
      type: 'Topology',
      arcs: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 0],
        ],
      ],
      objects: {
        countries: {
          type: 'GeometryCollection',
          geometries: [{ type: 'Polygon', arcs: [[0]], properties: { name: 'Atlantis' } }],
        },
      },
    };
    expect(() => buildBasemap(topology)).toThrow(/Atlantis/);
  });
});
