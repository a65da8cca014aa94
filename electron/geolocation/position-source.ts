import type { DevicePosition } from '../../shared/ipc/procedures/position.ts';

/**
 * The laptop's position as a port: the desktop app asks the operating system's location service
 * through Chromium (electron/platform/position-source.ts); hosts without one answer "not offered".
 */
export interface PositionSource {
  /** Whether this host can measure a position at all (the button is offered only then). */
  offered(): Promise<boolean>;
  /** One reading; never throws for "no position", it answers why instead. */
  current(): Promise<DevicePosition>;
}

/**
 * The browser preview's source (and any host without one). The preview's page could ask the
 * browser's own navigator.geolocation, but that is the browser's permission prompt and network
 * location service, not the app's: the preview says "not offered" and the person types.
 */
export const unavailablePositionSource: PositionSource = {
  offered: () => Promise.resolve(false),
  current: () => Promise.resolve({ kind: 'unavailable', reason: 'notOffered' }),
};

/** A source that always answers the same reading; for automated tests of the preview only. */
export function fixedPositionSource(
  reading: { lat: number; lon: number; accuracyM: number },
  now: () => Date = () => new Date(),
): PositionSource {
  return {
    offered: () => Promise.resolve(true),
    current: () => Promise.resolve({ kind: 'position', ...reading, at: now().toISOString() }),
  };
}

/**
 * `SALW_TEST_POSITION="44.81,20.46,25"` (lat, lon, accuracy in metres) gives the preview a fixed
 * position, so renderer tests can press "use this laptop's position". Anything else: none.
 */
export function positionSourceFromTestEnv(value: string | undefined): PositionSource {
  if (value === undefined || value === '') return unavailablePositionSource;
  const parts = value.split(',').map((part) => Number(part.trim()));
  const [lat, lon, accuracyM] = parts;
  if (
    parts.length !== 3 ||
    lat === undefined ||
    lon === undefined ||
    accuracyM === undefined ||
    !parts.every(Number.isFinite) ||
    Math.abs(lat) > 90 ||
    Math.abs(lon) > 180 ||
    accuracyM < 0
  ) {
    throw new Error(`SALW_TEST_POSITION must be "lat,lon,accuracyMetres", not "${value}".`);
  }
  return fixedPositionSource({ lat, lon, accuracyM });
}

/** How a GeolocationPositionError code (1 denied, 2 unavailable, 3 timeout) reads here. */
export function positionErrorReason(code: number): 'denied' | 'noFix' {
  return code === 1 ? 'denied' : 'noFix';
}
