import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Location } from '../../../shared/domain/location.ts';
import { OfflineMap } from '../../components/map/OfflineMap.tsx';
import { DashboardSection } from './DashboardSection.tsx';
import { placePoints } from './map-points.ts';

/**
 * The places on the offline map, in its three layers: storage sites and evidence rooms,
 * destruction sites, and the places where items come in (stations, border points, collection
 * points). Each point opens its place, which lists what happened there.
 */
export function DashboardMap({
  locations,
  jurisdiction,
}: {
  locations: readonly Location[];
  jurisdiction?: string | undefined;
}) {
  const { t } = useTranslation('reports');
  const points = useMemo(() => placePoints(locations, jurisdiction), [locations, jurisdiction]);
  return (
    <DashboardSection id="dashboard-map" title={t('dashboard.map')}>
      <p className="field__hint">{t('dashboard.mapText.hint')}</p>
      {points.length === 0 ? (
        <p>{t('dashboard.mapText.none')}</p>
      ) : (
        <OfflineMap label={t('dashboard.mapText.label')} points={points} />
      )}
    </DashboardSection>
  );
}
