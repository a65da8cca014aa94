import { useTranslation } from 'react-i18next';
import type { RecordSyncState } from '../../../shared/ipc/procedures/sync.ts';
import './sync.css';

const labels = {
  local: 'record.local',
  waiting: 'record.waiting',
  sent: 'record.sent',
  conflict: 'record.conflict',
  rejected: 'record.rejected',
} as const satisfies Record<RecordSyncState, string>;

/**
 * Where a record stands with the server, as a small labelled badge. `local` (never synced, no
 * server) shows nothing unless asked: on a laptop without a server every record is local, and a
 * badge on every row would say nothing.
 */
export function SyncStateBadge({
  state,
  showLocal = false,
}: {
  state: RecordSyncState;
  showLocal?: boolean;
}) {
  const { t } = useTranslation('sync');
  if (state === 'local' && !showLocal) return null;
  return (
    <span className={`badge sync-badge sync-badge--${state}`} data-testid="sync-state">
      <span className="visually-hidden">{t('record.prefix')} </span>
      {t(labels[state])}
    </span>
  );
}
