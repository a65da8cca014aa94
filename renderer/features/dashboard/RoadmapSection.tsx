import { useTranslation } from 'react-i18next';
import { DashboardSection } from './DashboardSection.tsx';
import { roadmapGoals } from './roadmap-goals.ts';

type LooseT = (key: string, options?: Record<string, unknown>) => string;

/**
 * The Western Balkans Roadmap view: its seven goals, how sure their wording is, and the measures
 * on this page that feed each (confirmed by the sources, or only our reading). No KPI is named.
 */
export function RoadmapSection() {
  const { t } = useTranslation('reports');
  const loose = t as unknown as LooseT;
  return (
    <DashboardSection id="dashboard-roadmap" title={t('dashboard.roadmap')}>
      <p>{t('dashboard.roadmapText.intro')}</p>
      <div className="table-wrap">
        <table className="table table--compact roadmap-table" data-testid="roadmap">
          <thead>
            <tr>
              <th scope="col">{t('dashboard.roadmapText.goal')}</th>
              <th scope="col">{t('dashboard.roadmapText.wording')}</th>
              <th scope="col">{t('dashboard.roadmapText.measures')}</th>
            </tr>
          </thead>
          <tbody>
            {roadmapGoals.map((goal) => (
              <tr key={goal.id}>
                <th scope="row">{goal.id.toUpperCase()}</th>
                <td>
                  {loose(`dashboard.roadmapText.${goal.id}`)}{' '}
                  <span className="roadmap-tag">
                    ({loose(`dashboard.roadmapText.${goal.wording}`)})
                  </span>
                </td>
                <td>
                  {goal.measures.length === 0 ? (
                    <span className="muted">{t('dashboard.roadmapText.noMeasure')}</span>
                  ) : (
                    <ul className="roadmap-measures">
                      {goal.measures.map(({ measure, link }) => (
                        <li key={measure}>
                          {loose(`dashboard.roadmapText.measure.${measure}`)}{' '}
                          <span className="roadmap-tag">
                            (
                            {link === 'confirmed'
                              ? t('dashboard.roadmapText.linkConfirmed')
                              : t('dashboard.roadmapText.linkInferred')}
                            )
                          </span>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{t('dashboard.roadmapText.kpis')}</h3>
      <p>{t('dashboard.roadmapText.kpisText')}</p>
    </DashboardSection>
  );
}
