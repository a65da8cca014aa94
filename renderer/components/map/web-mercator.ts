import type { MapCamera } from './map-point.ts';

/**
 * Spherical Web Mercator, as MapLibre and every web map use it, for the SVG view: degrees to
 * "world pixels" (the world is 256·2^zoom pixels wide) and back. Pure, so it is unit-tested.
 */
export const tileSize = 256;
export const maxLatitude = 85.0511287798066;
const earthCircumferenceM = 40_075_016.686;

export interface WorldPoint {
  readonly x: number;
  readonly y: number;
}

export const clampLatitude = (lat: number) => Math.max(-maxLatitude, Math.min(maxLatitude, lat));

export const worldSize = (zoom: number) => tileSize * 2 ** zoom;

/** Degrees to world pixels at `zoom`: x grows east from -180°, y grows south from ~85°N. */
export function project(lon: number, lat: number, zoom = 0): WorldPoint {
  const size = worldSize(zoom);
  const sin = Math.sin((clampLatitude(lat) * Math.PI) / 180);
  return {
    x: ((lon + 180) / 360) * size,
    y: (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * size,
  };
}

/** World pixels at `zoom` back to degrees. */
export function unproject(x: number, y: number, zoom = 0): { lon: number; lat: number } {
  const size = worldSize(zoom);
  const lon = (x / size) * 360 - 180;
  const n = Math.PI - (2 * Math.PI * y) / size;
  const lat = (180 / Math.PI) * Math.atan(Math.sinh(n));
  return { lon, lat };
}

/** Ground metres one screen pixel covers at this latitude and zoom. */
export function metresPerPixel(lat: number, zoom: number): number {
  return (earthCircumferenceM * Math.cos((clampLatitude(lat) * Math.PI) / 180)) / worldSize(zoom);
}

/** A screen position in a view of `width`×`height` to degrees, for a camera. */
export function screenToLonLat(
  screenX: number,
  screenY: number,
  camera: MapCamera,
  width: number,
  height: number,
): { lon: number; lat: number } {
  const centre = project(camera.lon, camera.lat, camera.zoom);
  return unproject(centre.x + screenX - width / 2, centre.y + screenY - height / 2, camera.zoom);
}

/** Degrees to a screen position in a view of `width`×`height`, for a camera. */
export function lonLatToScreen(
  lon: number,
  lat: number,
  camera: MapCamera,
  width: number,
  height: number,
): WorldPoint {
  const centre = project(camera.lon, camera.lat, camera.zoom);
  const point = project(lon, lat, camera.zoom);
  return { x: point.x - centre.x + width / 2, y: point.y - centre.y + height / 2 };
}

/**
 * The camera that shows every position in a `width`×`height` view with `paddingPx` to spare,
 * no closer than `maxZoomToFit` (one point alone would otherwise fill the screen).
 */
export function fitCamera(
  positions: readonly { readonly lon: number; readonly lat: number }[],
  width: number,
  height: number,
  options: { readonly paddingPx: number; readonly minZoom: number; readonly maxZoomToFit: number },
): MapCamera | undefined {
  if (positions.length === 0) return undefined;
  const projected = positions.map((position) => project(position.lon, position.lat, 0));
  const xs = projected.map((point) => point.x);
  const ys = projected.map((point) => point.y);
  const [minX, maxX, minY, maxY] = [
    Math.min(...xs),
    Math.max(...xs),
    Math.min(...ys),
    Math.max(...ys),
  ];
  const spanX = Math.max(maxX - minX, 1e-9);
  const spanY = Math.max(maxY - minY, 1e-9);
  const zoom = Math.log2(
    Math.min(
      Math.max(width - 2 * options.paddingPx, 1) / spanX,
      Math.max(height - 2 * options.paddingPx, 1) / spanY,
    ),
  );
  const centre = unproject((minX + maxX) / 2, (minY + maxY) / 2, 0);
  return {
    lon: centre.lon,
    lat: centre.lat,
    zoom: Math.max(options.minZoom, Math.min(options.maxZoomToFit, zoom)),
  };
}
