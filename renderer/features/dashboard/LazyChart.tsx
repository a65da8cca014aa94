import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../records/format.ts';
import type { ChartBar } from './MeasureChart.tsx';

// Recharts (with its state library) loads only when the Dashboard draws its first chart.
const MeasureChart = lazy(() =>
  import('./MeasureChart.tsx').then((module) => ({ default: module.MeasureChart })),
);

/**
 * A chart of a breakdown, named for assistive technology as a picture of the table beside it
 * (which holds the same figures, each a link); nothing is drawn when there is nothing to show.
 */
export function LazyChart({ name, bars }: { name: string; bars: readonly ChartBar[] }) {
  const { t } = useTranslation('reports');
  const format = useFormatters();
  if (bars.length === 0) return null;
  return (
    <figure className="figure-chart" role="img" aria-label={t('dashboard.chart.label', { name })}>
      <Suspense fallback={<p className="field__hint">{t('dashboard.chart.loading')}</p>}>
        <MeasureChart bars={bars} formatNumber={format.number} />
      </Suspense>
    </figure>
  );
}
