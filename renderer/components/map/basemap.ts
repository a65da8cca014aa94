import type { MultiPolygon, Polygon, Position } from 'geojson';
import { project } from './web-mercator.ts';

/**
 * The basemap as the build writes it (packaging/basemap.ts): one shape per jurisdiction the app
 * knows, keyed by the app's code, with where its name goes. Loaded from the renderer's own bundle
 * (same origin, so `connect-src 'self'` allows it), once per window.
 */
export interface BasemapFeature {
  readonly type: 'Feature';
  readonly properties: {
    readonly code: string | null;
    readonly labelLon: number;
    readonly labelLat: number;
  };
  readonly geometry: Polygon | MultiPolygon;
}

export interface Basemap {
  readonly type: 'FeatureCollection';
  readonly attribution: string;
  readonly features: readonly BasemapFeature[];
}

export const basemapPath = 'basemap/countries.json';

let loading: Promise<Basemap> | undefined;

export function loadBasemap(): Promise<Basemap> {
  loading ??= fetch(new URL(basemapPath, document.baseURI))
    .then((response) => {
      if (!response.ok) throw new Error(`The basemap did not load (${response.status})`);
      return response.json() as Promise<Basemap>;
    })
    .catch((error: unknown) => {
      // A failed load can be retried by the next map that opens.
      loading = undefined;
      throw error;
    });
  return loading;
}

/** A jurisdiction as the SVG view draws it: its outline and label place in world pixels at zoom 0. */
export interface BasemapShape {
  readonly key: string;
  readonly code: string | null;
  /** SVG path data at zoom 0; the view scales the whole group, so it is computed once. */
  readonly d: string;
  readonly labelX: number;
  readonly labelY: number;
  /** Its width at zoom 0: the name shows once the shape is wide enough on screen to hold it. */
  readonly width: number;
}

const fixed = (value: number) => Math.round(value * 1000) / 1000;

function ringPath(ring: readonly Position[]): string {
  let d = '';
  ring.forEach(([lon = 0, lat = 0], index) => {
    const { x, y } = project(lon, lat, 0);
    d += `${index === 0 ? 'M' : 'L'}${fixed(x)} ${fixed(y)}`;
  });
  return `${d}Z`;
}

/** The basemap as SVG path data in zoom-0 world pixels (0..256 each way). */
export function basemapShapes(basemap: Basemap): BasemapShape[] {
  return basemap.features.map((feature, index) => {
    const polygons =
      feature.geometry.type === 'Polygon'
        ? [feature.geometry.coordinates]
        : feature.geometry.coordinates;
    let minX = Infinity;
    let maxX = -Infinity;
    for (const polygon of polygons) {
      for (const [lon = 0] of polygon[0] ?? []) {
        const x = ((lon + 180) / 360) * 256;
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
      }
    }
    const label = project(feature.properties.labelLon, feature.properties.labelLat, 0);
    return {
      key: feature.properties.code ?? `none-${index}`,
      code: feature.properties.code,
      d: polygons.map((polygon) => polygon.map(ringPath).join('')).join(''),
      labelX: label.x,
      labelY: label.y,
      width: maxX - minX,
    };
  });
}
