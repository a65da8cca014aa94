import { useTranslation } from 'react-i18next';
import type { Measures } from '../../../shared/measures/measure-results.ts';
import { useFormatters } from '../records/format.ts';
import { weaponPieces } from './chart-bars.ts';
import { by } from './dimensions.ts';
import { DashboardSection } from './DashboardSection.tsx';
import {
  EmptyFigure,
  FigureLink,
  FigureTile,
  QuantityTable,
  useKindText,
} from './FigureTables.tsx';

/** What was destroyed and what waits: K8-K11 (destructions, backlog with its ageing, lead time). */
export function OutflowSection({ measures }: { measures: Measures }) {
  const { t } = useTranslation('reports');
  const format = useFormatters();
  const kindText = useKindText();
  const { k8, k9, k10, k11 } = measures;
  const asOf = format.date(k10.asOf);
  return (
    <DashboardSection id="dashboard-outflow" title={t('dashboard.outflow')}>
      <div className="figure-tiles">
        <FigureTile title={t('dashboard.k8.title')} rows={k8.total} />
        <FigureTile title={t('dashboard.k9.byUnit')} rows={k9.byUnit} />
        <FigureTile title={t('dashboard.k10.title', { date: asOf })} rows={k10.total} />
      </div>
      <QuantityTable
        caption={t('dashboard.k8.byMethod')}
        rows={k8.byMethod}
        dimensions={by.method}
        chart={{ only: weaponPieces }}
      />
      <QuantityTable
        caption={t('dashboard.k8.bySource')}
        rows={k8.bySourceContext}
        dimensions={by.sourceContext}
      />
      <QuantityTable
        caption={t('dashboard.k8.counts')}
        rows={k8.countsWithoutItems}
        dimensions={by.sourceContextAndMethod}
      />
      <QuantityTable
        caption={t('dashboard.k9.byMethod')}
        rows={k9.byMethod}
        dimensions={by.method}
      />
      <QuantityTable
        caption={t('dashboard.k9.counts')}
        rows={k9.countsWithoutItems}
        dimensions={by.sourceContextAndMethod}
      />
      <QuantityTable caption={t('dashboard.k10.total', { date: asOf })} rows={k10.total} />
      <QuantityTable
        caption={t('dashboard.k10.byAge')}
        rows={k10.byAge}
        dimensions={by.age}
        chart={{ only: weaponPieces }}
      />
      {k11.byKind.length === 0 ? (
        <EmptyFigure caption={t('dashboard.k11.caption')} />
      ) : (
        <div className="table-wrap figure-table" data-testid="k11">
          <table className="table table--compact">
            <caption>{t('dashboard.k11.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.column.kind')}</th>
                <th scope="col" className="num">
                  {t('dashboard.column.items')}
                </th>
                <th scope="col" className="num">
                  {t('dashboard.column.medianDays')}
                </th>
              </tr>
            </thead>
            <tbody>
              {k11.byKind.map((row) => (
                <tr key={row.kind}>
                  <td>{kindText(row.kind)}</td>
                  <td className="num">
                    <FigureLink drill={row.drill}>{format.number(row.items)}</FigureLink>
                  </td>
                  <td className="num">
                    {row.medianDays === null
                      ? t('dashboard.k11.noMedian')
                      : format.number(row.medianDays)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </DashboardSection>
  );
}
