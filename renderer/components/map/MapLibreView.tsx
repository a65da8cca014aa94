import type { FeatureCollection, Point } from 'geojson';
import {
  Map as MapLibreMap,
  setWorkerUrl,
  type GeoJSONSource,
  type LayerSpecification,
  type MapGeoJSONFeature,
  type StyleSpecification,
} from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { MapControls } from './MapControls.tsx';
import { kindColours, mapPointKinds, maxZoom, minZoom, type MapPoint } from './map-point.ts';
import { clickAccuracyM, roundDegrees, type MapViewProps } from './map-view.ts';

// The worker is a file of our own bundle (script-src 'self'); MapLibre cannot find it itself
// under app:// (see ui-libraries.md, "app:// gotcha").
setWorkerUrl(workerUrl);

/** MapLibre's zoom counts 512-pixel tiles; ours (and the SVG view's) 256-pixel ones. */
const toGlZoom = (zoom: number) => zoom - 1;
const fromGlZoom = (zoom: number) => zoom + 1;

const pointLayers = mapPointKinds.flatMap((kind) => [`${kind}-clusters`, `${kind}-points`]);

function pointData(points: readonly MapPoint[]): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: points.map((point) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [point.lon, point.lat] },
      properties: { id: point.id, label: point.label, href: point.href ?? null },
    })),
  };
}

function pickedData(picked: MapViewProps['picked']): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features:
      picked === undefined
        ? []
        : [
            {
              type: 'Feature',
              geometry: { type: 'Point', coordinates: [picked.lon, picked.lat] },
              properties: {},
            },
          ],
  };
}

/** One point a jurisdiction, named in the person's language (renamed when the language changes). */
function labelData({ basemap, countryName }: MapViewProps): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: basemap.features.flatMap((feature) => {
      const { code, labelLon, labelLat } = feature.properties;
      return code === null
        ? []
        : [
            {
              type: 'Feature' as const,
              geometry: { type: 'Point' as const, coordinates: [labelLon, labelLat] },
              properties: { name: countryName(code) },
            },
          ];
    }),
  };
}

/** The colours of the basemap, from the same CSS variables the SVG view uses (light and dark). */
function palette(element: HTMLElement) {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    sea: read('--map-sea', '#dce9f2'),
    land: read('--map-land', '#f7f5ef'),
    border: read('--map-border', '#8a96a3'),
    name: read('--map-name', '#3b4650'),
    halo: read('--map-halo', '#ffffff'),
  };
}

function style(props: MapViewProps, element: HTMLElement): StyleSpecification {
  const colours = palette(element);
  const sources: StyleSpecification['sources'] = {
    // 1:50m data has nothing to show past zoom 6 (7 on our scale): tiles deeper than that are
    // over-zoomed from it, not cut again by the worker.
    countries: {
      type: 'geojson',
      data: { type: 'FeatureCollection', features: [...props.basemap.features] },
      maxzoom: 6,
    },
    labels: { type: 'geojson', data: labelData(props) },
    picked: { type: 'geojson', data: pickedData(props.picked) },
  };
  const layers: LayerSpecification[] = [
    { id: 'sea', type: 'background', paint: { 'background-color': colours.sea } },
    { id: 'land', type: 'fill', source: 'countries', paint: { 'fill-color': colours.land } },
    {
      id: 'borders',
      type: 'line',
      source: 'countries',
      paint: { 'line-color': colours.border, 'line-width': 0.8 },
    },
    {
      // No `glyphs` in the style: MapLibre draws the names with the system's own fonts, so no
      // glyph server (and no network) is needed.
      id: 'names',
      type: 'symbol',
      source: 'labels',
      minzoom: 3,
      layout: { 'text-field': ['get', 'name'], 'text-size': 12, 'text-max-width': 8 },
      paint: {
        'text-color': colours.name,
        'text-halo-color': colours.halo,
        'text-halo-width': 1.2,
      },
    },
  ];
  for (const kind of mapPointKinds) {
    sources[kind] = {
      type: 'geojson',
      data: pointData(props.points.filter((point) => point.kind === kind)),
      cluster: true,
      clusterRadius: 40,
      clusterMaxZoom: toGlZoom(maxZoom) - 1,
    };
    layers.push(
      {
        id: `${kind}-clusters`,
        type: 'circle',
        source: kind,
        filter: ['has', 'point_count'],
        paint: {
          'circle-color': kindColours[kind],
          'circle-radius': 13,
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 2,
        },
      },
      {
        id: `${kind}-counts`,
        type: 'symbol',
        source: kind,
        filter: ['has', 'point_count'],
        layout: {
          'text-field': ['get', 'point_count_abbreviated'],
          'text-size': 12,
          'text-allow-overlap': true,
        },
        paint: { 'text-color': '#ffffff' },
      },
      {
        id: `${kind}-points`,
        type: 'circle',
        source: kind,
        filter: ['!', ['has', 'point_count']],
        paint: {
          'circle-color': kindColours[kind],
          'circle-radius': 7,
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 2,
        },
      },
    );
  }
  layers.push(
    {
      id: 'picked-ring',
      type: 'circle',
      source: 'picked',
      paint: {
        'circle-radius': 9,
        'circle-color': 'rgba(0,0,0,0)',
        'circle-stroke-color': '#d93f00',
        'circle-stroke-width': 3,
      },
    },
    {
      id: 'picked-dot',
      type: 'circle',
      source: 'picked',
      paint: { 'circle-radius': 2.5, 'circle-color': '#d93f00' },
    },
  );
  return { version: 8, sources, layers };
}

/** How many points the marks in view stand for (a cluster counts its points). */
function shownCount(features: readonly MapGeoJSONFeature[]): number {
  const seen = new Map<string, number>();
  for (const feature of features) {
    const properties = feature.properties as {
      cluster_id?: number;
      point_count?: number;
      id?: string;
    };
    const key = `${feature.source}:${properties.cluster_id ?? properties.id ?? ''}`;
    seen.set(key, properties.point_count ?? 1);
  }
  return [...seen.values()].reduce((sum, count) => sum + count, 0);
}

/**
 * The WebGL view (MapLibre GL JS, loaded only when a map is shown and WebGL2 is there): the same
 * basemap as a GeoJSON source, each layer clustered by MapLibre. The canvas takes the keyboard
 * (arrows move, + and − zoom, Enter places the point at the centre in a picker); a click on a
 * cluster zooms in on it, on a point opens its page, elsewhere (in a picker) places the point.
 */
export function MapLibreView(props: MapViewProps) {
  const { t } = useTranslation();
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const loaded = useRef(false);
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });

  const pickAtCentre = () => {
    const map = mapRef.current;
    const onPick = latest.current.onPick;
    if (map === null || onPick === undefined) return;
    const centre = map.getCenter();
    onPick({
      lat: roundDegrees(centre.lat),
      lon: roundDegrees(centre.lng),
      accuracyM: clickAccuracyM(centre.lat, fromGlZoom(map.getZoom())),
    });
  };

  useEffect(() => {
    const container = containerRef.current;
    if (container === null) return;
    const initial = latest.current;
    let map: MapLibreMap;
    try {
      map = new MapLibreMap({
        container,
        style: style(initial, container),
        center: [initial.initialCamera.lon, initial.initialCamera.lat],
        zoom: toGlZoom(initial.initialCamera.zoom),
        minZoom: toGlZoom(minZoom),
        maxZoom: toGlZoom(maxZoom),
        attributionControl: false,
        dragRotate: false,
        pitchWithRotate: false,
        renderWorldCopies: false,
        locale: { 'Map.Title': initial.label },
      });
    } catch (error) {
      initial.onFailure?.(error);
      return;
    }
    mapRef.current = map;
    const canvas = map.getCanvas();
    canvas.setAttribute('aria-label', initial.label);
    canvas.setAttribute('aria-roledescription', t('map.roleDescription'));
    canvas.setAttribute('aria-describedby', initial.hintId);
    canvas.setAttribute('role', 'application');
    map.touchZoomRotate.disableRotation();
    map.keyboard.disableRotation();

    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Enter' || latest.current.onPick === undefined) return;
      event.preventDefault();
      pickAtCentre();
    };
    canvas.addEventListener('keydown', onKey);

    map.on('error', (event) => {
      if (!loaded.current) latest.current.onFailure?.(event.error);
    });
    map.on('load', () => {
      loaded.current = true;
    });
    map.on('idle', () => {
      latest.current.onShown(shownCount(map.queryRenderedFeatures({ layers: pointLayers })));
    });
    map.on('click', (event) => {
      const [hit] = map.queryRenderedFeatures(event.point, { layers: pointLayers });
      const properties = hit?.properties as
        { cluster_id?: number; href?: string | null } | undefined;
      if (hit !== undefined && properties?.cluster_id !== undefined) {
        const source = map.getSource<GeoJSONSource>(hit.source);
        const geometry = hit.geometry as Point;
        const [lng = 0, lat = 0] = geometry.coordinates;
        void source?.getClusterExpansionZoom(properties.cluster_id).then((zoom) => {
          map.easeTo({ center: [lng, lat], zoom });
        });
        return;
      }
      if (hit !== undefined && typeof properties?.href === 'string') {
        window.location.hash = properties.href.replace(/^#/, '');
        return;
      }
      const onPick = latest.current.onPick;
      if (onPick === undefined) return;
      onPick({
        lat: roundDegrees(event.lngLat.lat),
        lon: roundDegrees(event.lngLat.lng),
        accuracyM: clickAccuracyM(event.lngLat.lat, fromGlZoom(map.getZoom())),
      });
    });
    return () => {
      canvas.removeEventListener('keydown', onKey);
      loaded.current = false;
      mapRef.current = null;
      map.remove();
    };
    // The map is made once; later props reach it through the effects below and `latest`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const { basemap, countryName } = props;
  useEffect(() => {
    const map = mapRef.current;
    if (map === null) return;
    const rename = () =>
      map
        .getSource<GeoJSONSource>('labels')
        ?.setData(labelData({ ...latest.current, basemap, countryName }));
    if (map.isStyleLoaded()) rename();
    else map.once('load', rename);
  }, [basemap, countryName]);

  const { points, picked } = props;
  useEffect(() => {
    const map = mapRef.current;
    if (map === null) return;
    const update = () => {
      for (const kind of mapPointKinds) {
        map
          .getSource<GeoJSONSource>(kind)
          ?.setData(pointData(points.filter((point) => point.kind === kind)));
      }
      map.getSource<GeoJSONSource>('picked')?.setData(pickedData(picked));
    };
    if (map.isStyleLoaded()) update();
    else map.once('load', update);
    // A point placed from outside the map (a location picked, coordinates typed) is brought
    // into view; one placed by a click is in view already, and the map stays still.
    if (picked !== undefined && !map.getBounds().contains([picked.lon, picked.lat])) {
      map.easeTo({ center: [picked.lon, picked.lat] });
    }
  }, [points, picked]);

  return (
    <div className="offline-map__frame">
      <div className="offline-map__stage">
        <div
          className={
            props.onPick === undefined
              ? 'offline-map__view offline-map__gl'
              : 'offline-map__view offline-map__gl is-picker'
          }
          ref={containerRef}
        />
        {props.onPick !== undefined && (
          <span className="offline-map__crosshair" aria-hidden="true" />
        )}
      </div>
      <MapControls
        onZoomIn={() => mapRef.current?.zoomIn()}
        onZoomOut={() => mapRef.current?.zoomOut()}
        {...(props.onPick === undefined ? {} : { onPlaceAtCentre: pickAtCentre })}
      />
    </div>
  );
}
