import { useTranslation } from 'react-i18next';

/**
 * The buttons both views share: zoom, and in a picker, placing the point at the centre cross.
 * Disabled while the map loads: they take their room before the map is there (OfflineMap).
 */
export function MapControls({
  onZoomIn,
  onZoomOut,
  onPlaceAtCentre,
  disabled = false,
}: {
  onZoomIn: () => void;
  onZoomOut: () => void;
  onPlaceAtCentre?: () => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className="offline-map__controls">
      <button type="button" className="button button--small" disabled={disabled} onClick={onZoomIn}>
        {t('map.zoomIn')}
      </button>
      <button
        type="button"
        className="button button--small"
        disabled={disabled}
        onClick={onZoomOut}
      >
        {t('map.zoomOut')}
      </button>
      {onPlaceAtCentre !== undefined && (
        <button
          type="button"
          className="button button--small"
          disabled={disabled}
          onClick={onPlaceAtCentre}
        >
          {t('map.placeAtCentre')}
        </button>
      )}
    </div>
  );
}
