import type { Basemap } from './basemap.ts';
import type { MapCamera, MapPoint, PickedPosition } from './map-point.ts';
import { metresPerPixel } from './web-mercator.ts';

/** What OfflineMap gives either view: the WebGL one (MapLibre) or the plain SVG one. */
export interface MapViewProps {
  readonly basemap: Basemap;
  /** The points of the layers shown. */
  readonly points: readonly MapPoint[];
  readonly initialCamera: MapCamera;
  readonly countryName: (code: string) => string;
  /** The accessible name of the map, and the id of its keyboard hint. */
  readonly label: string;
  readonly hintId: string;
  /** In a picker: the point placed so far, and what a click (or Enter) places. */
  readonly picked?: { readonly lat: number; readonly lon: number };
  readonly onPick?: (position: PickedPosition) => void;
  /** How many points the marks on screen stand for, once drawn (the page and the tests read it). */
  readonly onShown: (count: number) => void;
  /** The WebGL view could not start: OfflineMap falls back to the SVG view. */
  readonly onFailure?: (error: unknown) => void;
}

/** How far a click may be from where the person meant: about five screen pixels of ground. */
export function clickAccuracyM(lat: number, zoom: number): number {
  const metres = metresPerPixel(lat, zoom) * 5;
  // Two significant figures: "about 8,800 m", not "8,796.3 m".
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(Math.max(metres, 1))) - 1);
  return Math.max(1, Math.round(metres / magnitude) * magnitude);
}

export const roundDegrees = (value: number) => Math.round(value * 1e6) / 1e6;
