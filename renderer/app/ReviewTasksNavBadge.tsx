import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import '../features/sync/sync.css';
import { useSyncGeneration } from './SyncProvider.tsx';

/**
 * Next to "Records" in the navigation: how many of the signed-in person's records review sent
 * back, waiting for their amendment (the tasks at the top of Records), so a task that arrived by
 * sync is seen from any screen. The hidden words make the link read "Records, 1 record of yours
 * needs fixing" to a screen reader. Nothing when there is nothing to do.
 */
export function ReviewTasksNavBadge() {
  const { t } = useTranslation('review');
  const syncGeneration = useSyncGeneration();
  const [open, setOpen] = useState(0);
  useEffect(() => {
    let live = true;
    api()
      .listReviewTasks()
      .then(
        (answer) => live && setOpen(answer.open),
        // A help beside the link: the navigation stays as it is if the tasks cannot be read.
        () => undefined,
      );
    return () => {
      live = false;
    };
  }, [syncGeneration]);
  if (open === 0) return null;
  return (
    <>
      <span className="nav__badge" aria-hidden="true" data-testid="records-nav-badge">
        {open}
      </span>{' '}
      <span className="visually-hidden">{t('tasks.title', { count: open })}</span>
    </>
  );
}
