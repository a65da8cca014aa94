import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReviewTask } from '../../../shared/ipc/procedures/reviews.ts';
import { api } from '../../api.ts';
import { useSyncGeneration } from '../../app/SyncProvider.tsx';
import { useFormatters } from '../records/format.ts';
import './review.css';

/**
 * The signed-in person's tasks from review, above their records: records a reviewer marked as
 * having issues, each with the comment and a link to the record (amending it is the answer);
 * answered ones stay listed, awaiting the reviewer. Nothing shows when there is nothing to do.
 */
export function ReviewTasks() {
  const { t } = useTranslation('review');
  const format = useFormatters();
  const syncGeneration = useSyncGeneration();
  const [tasks, setTasks] = useState<readonly ReviewTask[]>([]);
  const ids = { open: useId(), answered: useId() };

  useEffect(() => {
    let live = true;
    api()
      .listReviewTasks()
      .then(
        (answer) => live && setTasks(answer.tasks),
        // Tasks are a help beside the list: the list still shows if they cannot be read.
        () => undefined,
      );
    return () => {
      live = false;
    };
  }, [syncGeneration]);

  const open = tasks.filter((task) => task.standing === 'has_issues');
  const answered = tasks.filter((task) => task.standing === 'answered');
  if (tasks.length === 0) return null;
  const item = (task: ReviewTask) => (
    <li key={task.recordId}>
      <a href={`#/records/${encodeURIComponent(task.recordId)}`} className="mono">
        {t('tasks.open', { number: task.recordNumber ?? t('tasks.noNumber') })}
      </a>
      {task.occurredAt !== null && <span className="muted"> · {format.date(task.occurredAt)}</span>}
      {task.comment !== null && (
        <p className="review-tasks__comment">
          {t('tasks.comment', { reviewer: task.reviewerName, comment: task.comment })}
        </p>
      )}
    </li>
  );
  return (
    <section className="card review-tasks" data-testid="review-tasks">
      {open.length > 0 && (
        <>
          <h2 id={ids.open}>{t('tasks.title', { count: open.length })}</h2>
          <p className="field__hint">{t('tasks.hint')}</p>
          <ul aria-labelledby={ids.open}>{open.map(item)}</ul>
        </>
      )}
      {answered.length > 0 && (
        <>
          <h2 id={ids.answered}>{t('tasks.titleAnswered')}</h2>
          <ul aria-labelledby={ids.answered}>{answered.map(item)}</ul>
        </>
      )}
    </section>
  );
}
