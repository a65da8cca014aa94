import { useTranslation } from 'react-i18next';

/** The buttons both views share: zoom, and in a picker, placing the point at the centre cross. */
export function MapControls({
  onZoomIn,
  onZoomOut,
  onPlaceAtCentre,
}: {
  onZoomIn: () => void;
  onZoomOut: () => void;
  onPlaceAtCentre?: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="offline-map__controls">
      <button type="button" className="button button--small" onClick={onZoomIn}>
        {t('map.zoomIn')}
      </button>
      <button type="button" className="button button--small" onClick={onZoomOut}>
        {t('map.zoomOut')}
      </button>
      {onPlaceAtCentre !== undefined && (
        <button type="button" className="button button--small" onClick={onPlaceAtCentre}>
          {t('map.placeAtCentre')}
        </button>
      )}
    </div>
  );
}
