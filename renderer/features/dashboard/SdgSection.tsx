import { useTranslation } from 'react-i18next';
import type { Measures } from '../../../shared/measures/measure-results.ts';
import { by } from './dimensions.ts';
import { DashboardSection } from './DashboardSection.tsx';
import { useFigureContext } from './figure-context.ts';
import { CountTable, ProportionFigure } from './FigureTables.tsx';

/**
 * SDG 16.4.2: weapons seized (criminal offences), found and surrendered whose illicit origin was
 * established, with the metadata's disaggregations: by context, by trace outcome, by how the
 * origin was established, and uniquely identifiable weapons only.
 */
export function SdgSection({ measures }: { measures: Measures }) {
  const { t } = useTranslation('reports');
  const { dimensionText } = useFigureContext();
  const sdg = measures.sdg16_4_2;
  const contextText = (value: string) => dimensionText(by.context[0], value);
  return (
    <DashboardSection id="dashboard-sdg" title={t('dashboard.sdg')}>
      <div className="figure-tiles">
        <section className="figure-tile figure-tile--wide" aria-labelledby="sdg-total-title">
          <h3 id="sdg-total-title" className="figure-tile__title">
            {t('dashboard.sdgText.total')}
          </h3>
          <p className="figure-tile__value" data-testid="sdg-total">
            <ProportionFigure value={sdg.total} />
          </p>
        </section>
        <section className="figure-tile" aria-labelledby="sdg-unique-title">
          <h3 id="sdg-unique-title" className="figure-tile__title">
            {t('dashboard.sdgText.unique')}
          </h3>
          <p className="figure-tile__value">
            <ProportionFigure value={sdg.uniquelyIdentifiable} />
          </p>
        </section>
      </div>
      <div className="table-wrap figure-table">
        <table className="table table--compact">
          <caption>{t('dashboard.sdgText.byContext')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dashboard.dimension.context')}</th>
              <th scope="col" className="num">
                {t('dashboard.column.share')}
              </th>
            </tr>
          </thead>
          <tbody>
            {sdg.byContext.map((row) => (
              <tr key={row.context}>
                <td>{contextText(row.context)}</td>
                <td className="num">
                  <ProportionFigure value={row.value} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <CountTable
        caption={t('dashboard.sdgText.byOutcome')}
        rows={sdg.byTraceOutcome}
        dimensions={by.outcome}
        chart
      />
      <CountTable
        caption={t('dashboard.sdgText.byHow')}
        rows={sdg.byEstablishedHow}
        dimensions={by.how}
      />
    </DashboardSection>
  );
}
