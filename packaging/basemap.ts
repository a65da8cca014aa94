import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import countries from 'i18n-iso-countries';
import { feature, merge } from 'topojson-client';
import type { GeometryObject, Topology } from 'topojson-specification';
import { countryCodeValues, kosovoCode, type CountryCode } from '../shared/domain/country-code.ts';

/**
 * The offline basemap: Natural Earth 1:50m admin-0 countries (public domain), as the npm package
 * `world-atlas` ships them in TopoJSON, turned into one small GeoJSON the renderer and the web
 * console load from their own bundles (`basemap/countries.json`). Built by both builds (the Vite
 * plugin in packaging/basemap-vite-plugin.ts) on every build, never committed: it is a pure
 * function of the locked `world-atlas` version, so the same lockfile gives the same bytes.
 *
 * Borders follow the jurisdictions the app records (shared/domain/country-code.ts), not Natural
 * Earth's own list: each shape is keyed by the app's code, Kosovo (which Natural Earth gives no
 * ISO id) is XK, and shapes the app has no jurisdiction for are dissolved into the one it files
 * them under (Northern Cyprus into CY, Somaliland into SO), so no border is drawn where the app
 * knows none. Names are not stored here: the renderer names each code in the person's language,
 * from the same source as every country list in the app.
 */

export const basemapFileName = 'basemap/countries.json';

/** One decimal place of a degree more than a low-zoom map can show: 0.01° is about 1 km. */
const coordinateDecimals = 2;

/** Natural Earth shapes with no ISO numeric id, and the app's code for each (or none). */
const codesByNaturalEarthName: Readonly<Record<string, CountryCode | null>> = {
  Kosovo: kosovoCode,
  'N. Cyprus': 'CY',
  Somaliland: 'SO',
  // Christmas Island and the Cocos Islands in one shape: too small to matter at these zooms.
  'Indian Ocean Ter.': null,
  // Disputed between India and Pakistan; drawn as land, filed under neither.
  'Siachen Glacier': null,
};

export interface BasemapProperties {
  /** The app's jurisdiction code, or null for land the app files under no jurisdiction. */
  readonly code: CountryCode | null;
  /** Where the name goes: inside the largest part (its centroid where that is inside), in degrees. */
  readonly labelLon: number;
  readonly labelLat: number;
}

export type BasemapFeature = Feature<Polygon | MultiPolygon, BasemapProperties>;
export type Basemap = FeatureCollection<Polygon | MultiPolygon, BasemapProperties> & {
  readonly attribution: string;
};

interface CountryProperties {
  readonly name: string;
}

const nameOf = (geometry: GeometryObject<CountryProperties>): string =>
  (geometry.properties as Partial<CountryProperties> | undefined)?.name ?? '';

const knownCodes = new Set<string>(countryCodeValues);

function codeOf(geometry: GeometryObject<CountryProperties>): CountryCode | null {
  const name = nameOf(geometry);
  if (name in codesByNaturalEarthName) return codesByNaturalEarthName[name] ?? null;
  if (geometry.id === undefined) {
    throw new Error(
      `Natural Earth shape "${name}" has no id and no code in codesByNaturalEarthName`,
    );
  }
  const code = countries.numericToAlpha2(String(geometry.id));
  if (code === undefined || !knownCodes.has(code)) {
    throw new Error(`Natural Earth shape "${name}" (${String(geometry.id)}) has no app code`);
  }
  return code as CountryCode;
}

const round = (value: number) => {
  const factor = 10 ** coordinateDecimals;
  return Math.round(value * factor) / factor;
};

/** Rounds a ring and drops the points rounding made repeat; null when too few are left. */
function roundRing(ring: readonly Position[]): Position[] | null {
  const out: Position[] = [];
  for (const [lon = 0, lat = 0] of ring) {
    const point = [round(lon), round(lat)];
    const last = out.at(-1);
    if (last !== undefined && last[0] === point[0] && last[1] === point[1]) continue;
    out.push(point);
  }
  // A closed ring needs four positions (three corners and the first again).
  return out.length >= 4 ? out : null;
}

function roundPolygon(rings: readonly (readonly Position[])[]): Position[][] | null {
  const [outer, ...holes] = rings;
  const roundedOuter = outer === undefined ? null : roundRing(outer);
  if (roundedOuter === null) return null;
  return [roundedOuter, ...holes.map(roundRing).filter((ring) => ring !== null)];
}

/** Signed area and centroid of a ring, in degrees (planar: good enough to place a label). */
function ringCentroid(ring: readonly Position[]): { area: number; lon: number; lat: number } {
  let area = 0;
  let lon = 0;
  let lat = 0;
  for (let index = 0; index < ring.length - 1; index += 1) {
    const [x0 = 0, y0 = 0] = ring[index] ?? [];
    const [x1 = 0, y1 = 0] = ring[index + 1] ?? [];
    const cross = x0 * y1 - x1 * y0;
    area += cross;
    lon += (x0 + x1) * cross;
    lat += (y0 + y1) * cross;
  }
  area /= 2;
  if (area === 0) {
    const [x = 0, y = 0] = ring[0] ?? [];
    return { area: 0, lon: x, lat: y };
  }
  return { area: Math.abs(area), lon: lon / (6 * area), lat: lat / (6 * area) };
}

/** Whether a point is inside a polygon (even-odd over its rings, in degrees). */
function insidePolygon(polygon: readonly Position[][], lon: number, lat: number): boolean {
  let inside = false;
  for (const ring of polygon) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
      const [xi = 0, yi = 0] = ring[i] ?? [];
      const [xj = 0, yj = 0] = ring[j] ?? [];
      if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) {
        inside = !inside;
      }
    }
  }
  return inside;
}

/**
 * The middle of the widest stretch of land along a few parallels: always inside the polygon,
 * for shapes whose centroid is not (a crescent, or Russia, whose centroid falls in the sea).
 */
function widestInteriorPoint(polygon: readonly Position[][]): { lon: number; lat: number } {
  const lats = (polygon[0] ?? []).map(([, lat = 0]) => lat);
  const [south, north] = [Math.min(...lats), Math.max(...lats)];
  let best = { width: -1, lon: 0, lat: 0 };
  for (let step = 1; step < 16; step += 1) {
    const lat = south + ((north - south) * step) / 16;
    const crossings: number[] = [];
    for (const ring of polygon) {
      for (let index = 0; index < ring.length - 1; index += 1) {
        const [x0 = 0, y0 = 0] = ring[index] ?? [];
        const [x1 = 0, y1 = 0] = ring[index + 1] ?? [];
        if (y0 > lat !== y1 > lat) crossings.push(x0 + ((lat - y0) * (x1 - x0)) / (y1 - y0));
      }
    }
    crossings.sort((a, b) => a - b);
    for (let index = 0; index + 1 < crossings.length; index += 2) {
      const [west = 0, east = 0] = [crossings[index], crossings[index + 1]];
      if (east - west > best.width) best = { width: east - west, lon: (west + east) / 2, lat };
    }
  }
  return { lon: best.lon, lat: best.lat };
}

/** Where the name goes: in the largest part, at its centroid if that is inside it. */
function labelPoint(polygons: readonly Position[][][]): { labelLon: number; labelLat: number } {
  let best: { area: number; polygon: Position[][] } | undefined;
  for (const polygon of polygons) {
    const [outer] = polygon;
    if (outer === undefined) continue;
    const { area } = ringCentroid(outer);
    if (best === undefined || area > best.area) best = { area, polygon };
  }
  if (best === undefined) return { labelLon: 0, labelLat: 0 };
  const centroid = ringCentroid(best.polygon[0] ?? []);
  const at = insidePolygon(best.polygon, centroid.lon, centroid.lat)
    ? centroid
    : widestInteriorPoint(best.polygon);
  // Four decimals: two would put the Vatican's name outside the Vatican.
  const fine = (value: number) => Math.round(value * 1e4) / 1e4;
  return { labelLon: fine(at.lon), labelLat: fine(at.lat) };
}

/** The basemap from world-atlas's `countries-50m.json` topology. Pure: same input, same output. */
export function buildBasemap(topology: Topology): Basemap {
  const object = topology.objects.countries;
  if (object === undefined || object.type !== 'GeometryCollection') {
    throw new Error('The topology has no "countries" geometry collection');
  }
  const geometries = object.geometries as GeometryObject<CountryProperties>[];
  // Shapes grouped by the app's code; shapes with no code stay on their own.
  const groups = new Map<string, { code: CountryCode | null; parts: typeof geometries }>();
  for (const geometry of geometries) {
    if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') continue;
    const code = codeOf(geometry);
    const key = code ?? `none:${nameOf(geometry)}`;
    const group = groups.get(key) ?? { code, parts: [] };
    group.parts.push(geometry);
    groups.set(key, group);
  }

  const features: BasemapFeature[] = [];
  for (const { code, parts } of groups.values()) {
    // merge() dissolves the arcs shared inside the group: the border between Cyprus and
    // Northern Cyprus is gone, the one between Serbia and Kosovo stays (different codes).
    const merged: Polygon | MultiPolygon =
      parts.length === 1 && parts[0] !== undefined
        ? (feature(topology, parts[0]) as Feature<Polygon | MultiPolygon>).geometry
        : merge(topology, parts as Parameters<typeof merge>[1]);
    const polygons = (merged.type === 'Polygon' ? [merged.coordinates] : merged.coordinates)
      .map(roundPolygon)
      .filter((polygon) => polygon !== null);
    if (polygons.length === 0) continue;
    features.push({
      type: 'Feature',
      properties: { code, ...labelPoint(polygons) },
      geometry:
        polygons.length === 1 && polygons[0] !== undefined
          ? { type: 'Polygon', coordinates: polygons[0] }
          : { type: 'MultiPolygon', coordinates: polygons },
    });
  }
  // A stable order (by code, uncoded last), so the output does not depend on the topology's.
  features.sort((a, b) => (a.properties.code ?? '~').localeCompare(b.properties.code ?? '~', 'en'));
  return {
    type: 'FeatureCollection',
    attribution: 'Natural Earth (public domain), via world-atlas',
    features,
  };
}

const require = createRequire(import.meta.url);

/** Reads the topology from the installed `world-atlas` and builds the basemap's JSON text. */
export async function buildBasemapJson(): Promise<string> {
  const file = require.resolve('world-atlas/countries-50m.json');
  const topology = JSON.parse(await readFile(file, 'utf8')) as Topology;
  return JSON.stringify(buildBasemap(topology));
}

/** `npm run build:basemap [out-dir]`: writes the basemap where asked (default .vite/basemap-preview). */
async function main(): Promise<void> {
  const outDir = path.resolve(process.argv[2] ?? path.join('.vite', 'basemap-preview'));
  const json = await buildBasemapJson();
  const out = path.join(outDir, basemapFileName);
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, json);
  const count = (JSON.parse(json) as Basemap).features.length;
  console.log(`${out}: ${count} jurisdictions, ${(json.length / 1024).toFixed(0)} KB`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await main();
}
