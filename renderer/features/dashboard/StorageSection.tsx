import { useTranslation } from 'react-i18next';
import type { Measures } from '../../../shared/measures/measure-results.ts';
import { useFormatters } from '../records/format.ts';
import { by } from './dimensions.ts';
import { DashboardSection } from './DashboardSection.tsx';
import { CountTable, FigureLink, ProportionFigure, QuantityTable } from './FigureTables.tsx';

/** Storage and losses: K15 (stock checks, discrepancies, losses, items diverted) and K16. */
export function StorageSection({ measures }: { measures: Measures }) {
  const { t } = useTranslation('reports');
  const format = useFormatters();
  const { k15, k16 } = measures;
  return (
    <DashboardSection id="dashboard-storage" title={t('dashboard.storage')}>
      <div className="figure-tiles">
        <section className="figure-tile" aria-labelledby="k15-checks-title">
          <h3 id="k15-checks-title" className="figure-tile__title">
            {t('dashboard.k15.stockChecks')}
          </h3>
          <p>
            <FigureLink drill={k15.stockChecks.drill}>
              <span className="figure-tile__value">{format.number(k15.stockChecks.count)}</span>
            </FigureLink>
          </p>
        </section>
        <section className="figure-tile" aria-labelledby="k16-title">
          <h3 id="k16-title" className="figure-tile__title">
            {t('dashboard.k16.title')}
          </h3>
          <p className="figure-tile__value">
            <ProportionFigure value={k16.share} />
          </p>
        </section>
      </div>
      <CountTable
        caption={t('dashboard.k15.discrepancies')}
        rows={k15.discrepancies}
        dimensions={by.discrepancyKind}
      />
      <CountTable
        caption={t('dashboard.k15.incidents')}
        rows={k15.incidents}
        dimensions={by.incidentKind}
      />
      <QuantityTable
        caption={t('dashboard.k15.diverted')}
        rows={k15.itemsDiverted}
        dimensions={by.incidentKind}
      />
      <CountTable
        caption={t('dashboard.k16.bySite')}
        rows={k16.bySite}
        dimensions={by.meetsStandard}
      />
    </DashboardSection>
  );
}
