/** The layers of the offline map: where items came in, the sites, and where items were destroyed. */
export const mapPointKinds = ['intake', 'site', 'destruction'] as const;
export type MapPointKind = (typeof mapPointKinds)[number];

/** One thing on the map, as its page passes it in: WGS 84 degrees, a name, and where it opens. */
export interface MapPoint {
  readonly id: string;
  readonly kind: MapPointKind;
  readonly lat: number;
  readonly lon: number;
  readonly label: string;
  /** The app route that opens it (`#/records/<id>`); a point without one only shows. */
  readonly href?: string;
}

/** Where the map looks: its centre in degrees and its zoom (0: the world in 256 px). */
export interface MapCamera {
  readonly lon: number;
  readonly lat: number;
  readonly zoom: number;
}

/** A point a person placed on the map, and how far off a click at that zoom may be. */
export interface PickedPosition {
  readonly lat: number;
  readonly lon: number;
  readonly accuracyM: number;
}

/** One colour per layer, the same on both renderers (SVG attributes and MapLibre paint). */
export const kindColours: Readonly<Record<MapPointKind, string>> = {
  intake: '#0b6e79',
  site: '#6a4bb6',
  destruction: '#b3261e',
};

/** The Western Balkans, where the app's jurisdictions are: the view when there is nothing to fit. */
export const defaultCamera: MapCamera = { lon: 20.5, lat: 43, zoom: 5 };

export const minZoom = 1;
export const maxZoom = 12;
