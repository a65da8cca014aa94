import {
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent as ReactPointerEvent,
} from 'react';
import { useTranslation } from 'react-i18next';
import { basemapShapes } from './basemap.ts';
import { clusterPoints, type PointCluster } from './cluster-points.ts';
import { MapControls } from './MapControls.tsx';
import { kindColours, maxZoom, minZoom, type MapCamera } from './map-point.ts';
import { clickAccuracyM, roundDegrees, type MapViewProps } from './map-view.ts';
import {
  clampLatitude,
  lonLatToScreen,
  project,
  screenToLonLat,
  unproject,
} from './web-mercator.ts';

/** The drawing's own units: one unit is one world pixel at the camera's zoom. */
const width = 800;
const height = 400;
const clusterRadius = 28;
/** A drag shorter than this is a click (a person's hand moves a little as they click). */
const clickSlop = 4;
const panStep = 80;

const clampCamera = (camera: MapCamera): MapCamera => ({
  lon: Math.max(-180, Math.min(180, camera.lon)),
  lat: clampLatitude(camera.lat),
  zoom: Math.max(minZoom, Math.min(maxZoom, camera.zoom)),
});

/**
 * The plain view, for computers without WebGL: the basemap as SVG paths, the points as marks
 * clustered per layer, drawn by React with attributes only (no inline style, so the CSP is
 * untouched). Drag or the arrow keys move it; the wheel, + and − zoom; a click places the point
 * in a picker, as Enter does at the centre cross. A cluster is a button that zooms in on it; a
 * point with a page is a link to it.
 */
export function SvgMapView(props: MapViewProps) {
  const { basemap, points, initialCamera, countryName, label, hintId, picked, onPick, onShown } =
    props;
  const { t } = useTranslation();
  const [camera, setCamera] = useState<MapCamera>(() => clampCamera(initialCamera));
  const svgRef = useRef<SVGSVGElement>(null);
  const drag = useRef<{ x: number; y: number; camera: MapCamera; moved: boolean } | null>(null);
  const shapes = useMemo(() => basemapShapes(basemap), [basemap]);

  const scale = 2 ** camera.zoom;
  const centre = project(camera.lon, camera.lat, camera.zoom);
  const transform = `translate(${width / 2 - centre.x} ${height / 2 - centre.y}) scale(${scale})`;

  const clusters = useMemo(
    // At the closest zoom nothing is clustered, as MapLibre's clusterMaxZoom does on WebGL.
    () => clusterPoints(points, camera.zoom, camera.zoom >= maxZoom ? 0 : clusterRadius),
    [points, camera.zoom],
  );
  const onScreen = clusters
    .map((cluster) => ({
      cluster,
      x: cluster.x - centre.x + width / 2,
      y: cluster.y - centre.y + height / 2,
    }))
    .filter(({ x, y }) => x >= -20 && x <= width + 20 && y >= -20 && y <= height + 20);
  const shownCount = onScreen.reduce((sum, { cluster }) => sum + cluster.points.length, 0);
  useEffect(() => onShown(shownCount), [onShown, shownCount]);

  const zoomBy = (delta: number, around?: { x: number; y: number }) =>
    setCamera((current) => {
      const next = Math.max(minZoom, Math.min(maxZoom, current.zoom + delta));
      if (around === undefined) return { ...current, zoom: next };
      // Keep the place under the pointer where it is.
      const at = screenToLonLat(around.x, around.y, current, width, height);
      const atNext = lonLatToScreen(at.lon, at.lat, { ...current, zoom: next }, width, height);
      const c = project(current.lon, current.lat, next);
      const moved = unproject(c.x + atNext.x - around.x, c.y + atNext.y - around.y, next);
      return clampCamera({ lon: moved.lon, lat: moved.lat, zoom: next });
    });

  const panBy = (dx: number, dy: number) =>
    setCamera((current) => {
      const c = project(current.lon, current.lat, current.zoom);
      const moved = unproject(c.x + dx, c.y + dy, current.zoom);
      return clampCamera({ ...current, lon: moved.lon, lat: moved.lat });
    });

  const pickAt = (x: number, y: number) => {
    if (onPick === undefined) return;
    const at = screenToLonLat(x, y, camera, width, height);
    onPick({
      lat: roundDegrees(clampLatitude(at.lat)),
      lon: roundDegrees(Math.max(-180, Math.min(180, at.lon))),
      accuracyM: clickAccuracyM(at.lat, camera.zoom),
    });
  };

  /** A pointer's place in the drawing's units. */
  const toView = (clientX: number, clientY: number) => {
    const rect = svgRef.current?.getBoundingClientRect();
    if (rect === undefined || rect.width === 0) return { x: width / 2, y: height / 2 };
    return {
      x: ((clientX - rect.left) * width) / rect.width,
      y: ((clientY - rect.top) * height) / rect.height,
    };
  };

  // The wheel needs a listener that may cancel the page's scroll (React's is passive).
  useEffect(() => {
    const svg = svgRef.current;
    if (svg === null) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const rect = svg.getBoundingClientRect();
      const around = {
        x: ((event.clientX - rect.left) * width) / rect.width,
        y: ((event.clientY - rect.top) * height) / rect.height,
      };
      zoomBy(event.deltaY < 0 ? 0.5 : -0.5, around);
    };
    svg.addEventListener('wheel', onWheel, { passive: false });
    return () => svg.removeEventListener('wheel', onWheel);
  });

  const onPointerDown = (event: ReactPointerEvent<SVGSVGElement>) => {
    if (event.button !== 0) return;
    // Marks handle their own clicks.
    if ((event.target as Element).closest('[data-mark]') !== null) return;
    drag.current = { x: event.clientX, y: event.clientY, camera, moved: false };
    event.currentTarget.setPointerCapture(event.pointerId);
  };
  const onPointerMove = (event: ReactPointerEvent<SVGSVGElement>) => {
    const start = drag.current;
    if (start === null) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const factor = rect.width === 0 ? 1 : width / rect.width;
    const dx = (event.clientX - start.x) * factor;
    const dy = (event.clientY - start.y) * factor;
    if (!start.moved && Math.hypot(dx, dy) < clickSlop) return;
    start.moved = true;
    const c = project(start.camera.lon, start.camera.lat, start.camera.zoom);
    const moved = unproject(c.x - dx, c.y - dy, start.camera.zoom);
    setCamera(clampCamera({ ...start.camera, lon: moved.lon, lat: moved.lat }));
  };
  const onPointerUp = (event: ReactPointerEvent<SVGSVGElement>) => {
    const start = drag.current;
    drag.current = null;
    if (start === null || start.moved) return;
    const at = toView(event.clientX, event.clientY);
    pickAt(at.x, at.y);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget) return;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-panStep, 0],
      ArrowRight: [panStep, 0],
      ArrowUp: [0, -panStep],
      ArrowDown: [0, panStep],
    };
    const move = moves[event.key];
    if (move !== undefined) panBy(...move);
    else if (event.key === '+' || event.key === '=') zoomBy(1);
    else if (event.key === '-' || event.key === '_') zoomBy(-1);
    else if (event.key === 'Enter' && onPick !== undefined) pickAt(width / 2, height / 2);
    else return;
    event.preventDefault();
  };

  const viewRef = useRef<HTMLDivElement>(null);
  const zoomInto = (cluster: PointCluster) => {
    const at = unproject(cluster.x, cluster.y, camera.zoom);
    setCamera(clampCamera({ lon: at.lon, lat: at.lat, zoom: camera.zoom + 2 }));
    // A cluster that splits is gone, and the focus with it: it stays on the map.
    requestAnimationFrame(() => {
      if (!(viewRef.current?.contains(document.activeElement) ?? false)) viewRef.current?.focus();
    });
  };

  // A point placed from outside the map (a location picked, coordinates typed) is brought into
  // view; one placed by a click is in view already, and the map stays still.
  const [seenPicked, setSeenPicked] = useState(picked);
  if (seenPicked?.lat !== picked?.lat || seenPicked?.lon !== picked?.lon) {
    setSeenPicked(picked);
    if (picked !== undefined) {
      const at = lonLatToScreen(picked.lon, picked.lat, camera, width, height);
      const inView = at.x >= 0 && at.x <= width && at.y >= 0 && at.y <= height;
      if (!inView) setCamera(clampCamera({ ...camera, lon: picked.lon, lat: picked.lat }));
    }
  }

  const pickedAt =
    picked === undefined
      ? undefined
      : lonLatToScreen(picked.lon, picked.lat, camera, width, height);

  return (
    <div className="offline-map__frame">
      {/* A map is a widget of its own, operated by its keys (as MapLibre's canvas and web maps
          do): role="application", named as a map. jsx-a11y counts that role as non-interactive. */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions */}
      <div
        ref={viewRef}
        className="offline-map__view"
        role="application"
        aria-roledescription={t('map.roleDescription')}
        aria-label={label}
        aria-describedby={hintId}
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        tabIndex={0}
        onKeyDown={onKeyDown}
      >
        <svg
          ref={svgRef}
          className={onPick === undefined ? 'offline-map__svg' : 'offline-map__svg is-picker'}
          viewBox={`0 0 ${width} ${height}`}
          aria-hidden={false}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={() => {
            drag.current = null;
          }}
        >
          <rect className="offline-map__sea" x={0} y={0} width={width} height={height} />
          <g transform={transform} aria-hidden="true">
            {shapes.map((shape) => (
              <path
                key={shape.key}
                className="offline-map__land"
                d={shape.d}
                vectorEffect="non-scaling-stroke"
              />
            ))}
          </g>
          <g aria-hidden="true">
            {shapes
              .filter((shape) => shape.code !== null && shape.width * scale > 70)
              .map((shape) => (
                <text
                  key={shape.key}
                  className="offline-map__name"
                  x={shape.labelX * scale - centre.x + width / 2}
                  y={shape.labelY * scale - centre.y + height / 2}
                  textAnchor="middle"
                >
                  {countryName(shape.code ?? '')}
                </text>
              ))}
          </g>
          {onPick !== undefined && (
            <path
              className="offline-map__cross"
              d={`M${width / 2 - 8} ${height / 2}h16M${width / 2} ${height / 2 - 8}v16`}
              aria-hidden="true"
            />
          )}
          {onScreen.map(({ cluster, x, y }) => (
            <Mark
              key={cluster.key}
              cluster={cluster}
              x={x}
              y={y}
              onZoomIn={() => zoomInto(cluster)}
            />
          ))}
          {pickedAt !== undefined && (
            <g className="offline-map__picked" aria-hidden="true">
              <circle cx={pickedAt.x} cy={pickedAt.y} r={9} />
              <circle cx={pickedAt.x} cy={pickedAt.y} r={2.5} />
            </g>
          )}
        </svg>
      </div>
      <MapControls
        onZoomIn={() => zoomBy(1)}
        onZoomOut={() => zoomBy(-1)}
        {...(onPick === undefined ? {} : { onPlaceAtCentre: () => pickAt(width / 2, height / 2) })}
      />
    </div>
  );
}

/** One mark: a link to a point's page, a point that only shows, or a cluster button. */
function Mark({
  cluster,
  x,
  y,
  onZoomIn,
}: {
  cluster: PointCluster;
  x: number;
  y: number;
  onZoomIn: () => void;
}) {
  const { t } = useTranslation();
  const colour = kindColours[cluster.kind];
  const layer = t(`map.kind.${cluster.kind}`);
  const [only] = cluster.points;
  if (cluster.points.length === 1 && only !== undefined) {
    const name = t('map.pointName', { layer, label: only.label });
    const dot = <circle cx={x} cy={y} r={7} fill={colour} className="offline-map__point" />;
    return only.href === undefined ? (
      <g data-mark="" data-point-id={only.id}>
        <title>{name}</title>
        {dot}
      </g>
    ) : (
      <a href={only.href} data-mark="" data-point-id={only.id} aria-label={name}>
        <title>{name}</title>
        {dot}
      </a>
    );
  }
  const name = t('map.cluster', { layer, count: cluster.points.length });
  return (
    <g
      data-mark=""
      role="button"
      tabIndex={0}
      aria-label={name}
      className="offline-map__cluster"
      onClick={onZoomIn}
      onKeyDown={(event) => {
        if (event.key !== 'Enter' && event.key !== ' ') return;
        event.preventDefault();
        onZoomIn();
      }}
    >
      <title>{name}</title>
      <circle cx={x} cy={y} r={13} fill={colour} className="offline-map__point" />
      <text x={x} y={y} dy="0.35em" textAnchor="middle" className="offline-map__count">
        {cluster.points.length}
      </text>
    </g>
  );
}
