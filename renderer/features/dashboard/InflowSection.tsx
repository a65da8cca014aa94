import { useTranslation } from 'react-i18next';
import type { Measures } from '../../../shared/measures/measure-results.ts';
import { weaponPieces } from './chart-bars.ts';
import { by } from './dimensions.ts';
import { DashboardSection } from './DashboardSection.tsx';
import { CountTable, FigureTile, QuantityTable } from './FigureTables.tsx';

/** What came in: K1-K7, K12, K13 and K14. */
export function InflowSection({ measures }: { measures: Measures }) {
  const { t } = useTranslation('reports');
  const { k1, k2, k3, k4, k5, k6, k7, k12, k13, k14 } = measures;
  return (
    <DashboardSection id="dashboard-inflow" title={t('dashboard.inflow')}>
      <div className="figure-tiles">
        <FigureTile title={t('dashboard.k1.title')} rows={k1.total} />
        <FigureTile title={t('dashboard.k2.title')} rows={k2.total} />
        <FigureTile title={t('dashboard.k6.byUnit')} rows={k6.byUnit} />
        <FigureTile title={t('dashboard.k7.byUnit')} rows={k7.byUnit} />
      </div>
      <QuantityTable
        caption={t('dashboard.k1.byContext')}
        rows={k1.byContext}
        dimensions={by.context}
        chart={{ only: weaponPieces }}
      />
      <QuantityTable
        caption={t('dashboard.k2.byJustification')}
        rows={k2.byJustification}
        dimensions={by.legalJustification}
      />
      <QuantityTable
        caption={t('dashboard.k3.byCategory')}
        rows={k3.byCategory}
        dimensions={by.category}
      />
      <QuantityTable
        caption={t('dashboard.k3.byType')}
        rows={k3.byType}
        dimensions={by.categoryAndType}
        chart={{ only: weaponPieces, by: by.weaponType }}
      />
      <QuantityTable
        caption={t('dashboard.k3.byUnodcType')}
        rows={k3.byUnodcType}
        dimensions={by.unodcType}
      />
      <QuantityTable
        caption={t('dashboard.k3.byRegisterCategory')}
        rows={k3.byRegisterCategory}
        dimensions={by.registerCategory}
      />
      <QuantityTable
        caption={t('dashboard.k3.byBarrel')}
        rows={k3.byBarrel}
        dimensions={by.barrel}
        chart={{ only: weaponPieces, by: by.barrel }}
      />
      <QuantityTable
        caption={t('dashboard.k4.byIdentifiable')}
        rows={k4.byIdentifiable}
        dimensions={by.identifiable}
      />
      <QuantityTable
        caption={t('dashboard.k4.byMarking')}
        rows={k4.byIdentifiableAndMarking}
        dimensions={by.identifiableAndMarking}
      />
      <QuantityTable
        caption={t('dashboard.k5.byPartType')}
        rows={k5.byPartType}
        dimensions={by.partType}
      />
      <QuantityTable caption={t('dashboard.k6.byUnit')} rows={k6.byUnit} />
      <QuantityTable
        caption={t('dashboard.k6.byClass')}
        rows={k6.byClass}
        dimensions={by.ammoClass}
      />
      <QuantityTable caption={t('dashboard.k7.byUnit')} rows={k7.byUnit} />
      <QuantityTable caption={t('dashboard.k7.byType')} rows={k7.byType} dimensions={by.eoType} />
      <QuantityTable
        caption={t('dashboard.k12.byCampaign')}
        rows={k12.byCampaign}
        dimensions={by.campaignAndDisposition}
      />
      <QuantityTable
        caption={t('dashboard.k13.byLocationType')}
        rows={k13.byLocationType}
        dimensions={by.locationType}
      />
      <QuantityTable
        caption={t('dashboard.k13.byDirection')}
        rows={k13.byDirection}
        dimensions={by.direction}
      />
      <QuantityTable
        caption={t('dashboard.k13.byConveyance')}
        rows={k13.byConveyance}
        dimensions={by.conveyance}
      />
      <QuantityTable
        caption={t('dashboard.k13.byRoute')}
        rows={k13.byRoute}
        dimensions={by.route}
      />
      <CountTable
        caption={t('dashboard.k14.bySex')}
        rows={k14.bySex}
        dimensions={by.roleAndSex}
        chart
      />
      <CountTable
        caption={t('dashboard.k14.byAgeBand')}
        rows={k14.byAgeBand}
        dimensions={by.roleAndAgeBand}
      />
    </DashboardSection>
  );
}
