import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MapPoints } from '../../../shared/ipc/procedures/measures.ts';
import type { MeasureFilterInput } from '../../../shared/measures/measure-filter.ts';
import { api } from '../../api.ts';
import { useErrorText } from '../../components/ErrorMessage.tsx';
import { OfflineMap } from '../../components/map/OfflineMap.tsx';
import { DashboardSection } from './DashboardSection.tsx';
import { mapPointsOf } from './map-points.ts';

/**
 * The period on the offline map, in its three layers: the intake records (where they happened,
 * or their place), the storage sites and evidence rooms, and the destructions at their site;
 * under the Dashboard's filter. Each point opens its record.
 */
export function DashboardMap({ filter }: { filter: MeasureFilterInput }) {
  const { t } = useTranslation('reports');
  const errorText = useErrorText();
  const key = JSON.stringify(filter);
  const [loaded, setLoaded] = useState<{
    key: string;
    points?: MapPoints;
    error?: unknown;
  } | null>(null);
  useEffect(() => {
    let current = true;
    api()
      .listMapPoints(JSON.parse(key) as MeasureFilterInput)
      .then(
        (points) => current && setLoaded({ key, points }),
        (error: unknown) => current && setLoaded({ key, error }),
      );
    return () => {
      current = false;
    };
  }, [key]);
  const points = useMemo(() => mapPointsOf(loaded?.points?.points ?? []), [loaded]);
  return (
    <DashboardSection id="dashboard-map" title={t('dashboard.map')}>
      <p className="field__hint">{t('dashboard.mapText.hint')}</p>
      {loaded?.error !== undefined && (
        <p className="notice notice--error" role="alert">
          {errorText(loaded.error)}
        </p>
      )}
      {loaded?.points?.truncated === true && (
        <p className="notice">{t('dashboard.mapText.truncated')}</p>
      )}
      {loaded?.points !== undefined &&
        (points.length === 0 ? (
          <p>{t('dashboard.mapText.none')}</p>
        ) : (
          <OfflineMap label={t('dashboard.mapText.label')} points={points} />
        ))}
    </DashboardSection>
  );
}
