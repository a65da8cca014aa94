import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState.tsx';
import { HistoricCountsSection } from './HistoricCountsSection.tsx';

export function DashboardPage() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="dashboard-title" className="stack">
      <h1 id="dashboard-title">{t('dashboard.title')}</h1>
      <EmptyState title={t('dashboard.empty')} hint={t('dashboard.emptyHint')} />
      <HistoricCountsSection />
    </section>
  );
}
