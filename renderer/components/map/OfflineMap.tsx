import {
  Component,
  lazy,
  Suspense,
  useEffect,
  useId,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { useTranslation } from 'react-i18next';
import { useCountryName } from '../country-names.ts';
import { loadBasemap, type Basemap } from './basemap.ts';
import { MapControls } from './MapControls.tsx';
import {
  defaultCamera,
  kindColours,
  mapPointKinds,
  minZoom,
  type MapCamera,
  type MapPoint,
  type MapPointKind,
  type PickedPosition,
} from './map-point.ts';
import { SvgMapView } from './SvgMapView.tsx';
import { fitCamera } from './web-mercator.ts';
import { supportsWebGl2 } from './webgl-support.ts';
import './offline-map.css';

// MapLibre (1.1 MB, and its worker) loads only when a map is shown on a computer with WebGL2.
const MapLibreView = lazy(() =>
  import('./MapLibreView.tsx').then((module) => ({ default: module.MapLibreView })),
);

export interface OfflineMapProps {
  /** The points, each in its layer; the map clusters each layer on its own. */
  readonly points: readonly MapPoint[];
  /** The map's accessible name: what it shows ("Map of GP Gradina"). */
  readonly label: string;
  /** A picker: the point placed so far, and what a click, or Enter at the centre, places. */
  readonly picked?: { readonly lat: number; readonly lon: number };
  readonly onPick?: (position: PickedPosition) => void;
  /** Where to look first; by default the points (and the picked one), or the Western Balkans. */
  readonly initialCamera?: MapCamera;
}

const svgRenderer = 'svg';

/**
 * A map that fails must not take the page with it (the editor around it holds unsaved work): the
 * WebGL view falls back to the SVG one, and an SVG view that fails shows a line of text.
 */
class MapErrorBoundary extends Component<
  { readonly onError: () => void; readonly fallback: ReactNode; readonly children: ReactNode },
  { readonly failed: boolean }
> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(): void {
    this.props.onError();
  }

  override render(): ReactNode {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

const noop = () => undefined;

/**
 * What shows until a view is drawn (the basemap or MapLibre's chunk loading) or when none can be:
 * the frame both views draw, the same box and the same controls (disabled), so nothing below the
 * map moves when it appears. Without the controls' row, a button under the map (the editor's
 * "Add weapon") moved down as the map appeared, and a click pressed before and released after
 * that moment landed on nothing.
 */
function MapPlaceholder({ failed, picker }: { failed: boolean; picker: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="offline-map__frame">
      <div className="offline-map__view offline-map__placeholder">
        <p className={failed ? 'field__error' : 'field__hint'}>
          {failed ? t('map.failed') : t('map.loading')}
        </p>
      </div>
      <MapControls
        disabled
        onZoomIn={noop}
        onZoomOut={noop}
        {...(picker ? { onPlaceAtCentre: noop } : {})}
      />
    </div>
  );
}

type BasemapState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly basemap: Basemap }
  | { readonly kind: 'failed' };

/**
 * The app's offline map: a basemap shipped in the bundle (countries and borders as the app's
 * jurisdictions are, Natural Earth data), and points in three layers, clustered. Drawn with
 * MapLibre where WebGL2 is available and with plain SVG where it is not (or MapLibre fails to
 * start); nothing is fetched from outside the app. The layers can be switched off, and every point
 * is also listed as a link below the map, for anyone who does not use a pointer or a screen.
 */
/** A position the map can draw: numbers, on the globe (a half-typed 95° is not one). */
const onGlobe = (position: { readonly lat: number; readonly lon: number }) =>
  Number.isFinite(position.lat) &&
  Number.isFinite(position.lon) &&
  Math.abs(position.lat) <= 90 &&
  Math.abs(position.lon) <= 180;

export function OfflineMap(props: OfflineMapProps) {
  const { label, onPick, initialCamera } = props;
  const picked = props.picked !== undefined && onGlobe(props.picked) ? props.picked : undefined;
  const givenPoints = props.points;
  const points = useMemo(() => givenPoints.filter(onGlobe), [givenPoints]);
  const { t } = useTranslation();
  const countryName = useCountryName();
  const hintId = useId();
  const [state, setState] = useState<BasemapState>({ kind: 'loading' });
  const [renderer, setRenderer] = useState<'webgl' | 'svg'>(() =>
    supportsWebGl2() ? 'webgl' : 'svg',
  );
  const [hidden, setHidden] = useState<ReadonlySet<MapPointKind>>(() => new Set());
  const [shown, setShown] = useState<number | undefined>(undefined);
  const [camera] = useState<MapCamera>(
    () =>
      initialCamera ??
      fitCamera([...points, ...(picked === undefined ? [] : [picked])], 800, 400, {
        paddingPx: 48,
        minZoom,
        // Close enough to see the places, far enough to see the country around them.
        maxZoomToFit: 6,
      }) ??
      defaultCamera,
  );

  useEffect(() => {
    let live = true;
    loadBasemap().then(
      (basemap) => live && setState({ kind: 'ready', basemap }),
      () => live && setState({ kind: 'failed' }),
    );
    return () => {
      live = false;
    };
  }, []);

  const visible = useMemo(
    () => points.filter((point) => !hidden.has(point.kind)),
    [points, hidden],
  );
  const fallBackToSvg = () => setRenderer(svgRenderer);
  const kinds = mapPointKinds.filter((kind) => points.some((point) => point.kind === kind));

  const view =
    state.kind === 'ready'
      ? {
          basemap: state.basemap,
          points: visible,
          initialCamera: camera,
          countryName,
          label,
          hintId,
          onShown: setShown,
          ...(picked === undefined ? {} : { picked }),
          ...(onPick === undefined ? {} : { onPick }),
        }
      : undefined;

  return (
    <div
      className="offline-map"
      data-renderer={renderer}
      data-state={shown === undefined ? 'loading' : 'ready'}
      data-shown-points={shown}
    >
      {kinds.length > 1 && (
        <fieldset className="offline-map__layers">
          <legend>{t('map.layers')}</legend>
          {kinds.map((kind) => (
            <label key={kind} className="offline-map__layer">
              <input
                type="checkbox"
                checked={!hidden.has(kind)}
                onChange={(event) => {
                  const next = new Set(hidden);
                  if (event.target.checked) next.delete(kind);
                  else next.add(kind);
                  setHidden(next);
                }}
              />
              <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
                <circle cx="6" cy="6" r="5" fill={kindColours[kind]} />
              </svg>
              {t(`map.kind.${kind}`)}
            </label>
          ))}
        </fieldset>
      )}
      <p id={hintId} className="field__hint">
        {onPick === undefined ? t('map.keys') : t('map.keysPicker')}
      </p>
      {view === undefined ? (
        <MapPlaceholder failed={state.kind === 'failed'} picker={onPick !== undefined} />
      ) : renderer === 'webgl' ? (
        <MapErrorBoundary
          key="webgl"
          onError={fallBackToSvg}
          fallback={<MapPlaceholder failed={false} picker={onPick !== undefined} />}
        >
          <Suspense fallback={<MapPlaceholder failed={false} picker={onPick !== undefined} />}>
            <MapLibreView {...view} onFailure={fallBackToSvg} />
          </Suspense>
        </MapErrorBoundary>
      ) : (
        <MapErrorBoundary
          key="svg"
          onError={() => undefined}
          fallback={<MapPlaceholder failed picker={onPick !== undefined} />}
        >
          <SvgMapView {...view} />
        </MapErrorBoundary>
      )}
      <p className="offline-map__attribution">
        {renderer === 'svg' ? `${t('map.plainView')} ` : ''}
        {t('map.attribution')}
      </p>
      {points.length > 0 && (
        <details className="offline-map__list">
          <summary>{t('map.list', { count: points.length })}</summary>
          <ul>
            {points.map((point) => (
              <li key={`${point.kind}:${point.id}`}>
                {t(`map.kind.${point.kind}`)}:{' '}
                {point.href === undefined ? point.label : <a href={point.href}>{point.label}</a>}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
