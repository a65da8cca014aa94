import { useTranslation } from 'react-i18next';
import type { TraceRequestStatus } from '../../../shared/domain/trace-request.ts';

/** A request's status as a badge; an overdue one says so in words beside it, not by colour. */
export function TraceStatusBadge({
  status,
  overdue = false,
}: {
  status: TraceRequestStatus;
  overdue?: boolean;
}) {
  const { t } = useTranslation('tracing');
  return (
    <>
      <span className={`badge badge--trace badge--trace-${status}`}>{t(`status.${status}`)}</span>
      {overdue && <OverdueMark />}
    </>
  );
}

/** "Overdue", with a warning sign for the eye; the word is what a screen reader reads. */
export function OverdueMark() {
  const { t } = useTranslation('tracing');
  return (
    <span className="badge badge--overdue">
      <span aria-hidden="true">⚠ </span>
      {t('common.overdue')}
    </span>
  );
}
