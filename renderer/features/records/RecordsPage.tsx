import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState.tsx';

export function RecordsPage() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="records-title">
      <h1 id="records-title">{t('records.title')}</h1>
      <EmptyState title={t('records.empty')} hint={t('records.emptyHint')} />
    </section>
  );
}
