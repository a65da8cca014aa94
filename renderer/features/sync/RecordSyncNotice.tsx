import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProcedureOutput } from '../../../shared/ipc/contract.ts';
import { api } from '../../api.ts';
import { useSyncGeneration } from '../../app/SyncProvider.tsx';
import { SyncStateBadge } from './SyncStateBadge.tsx';
import { rejectReasonKey } from './sync-words.ts';

type RecordSync = ProcedureOutput<'getRecordSyncState'>;

/**
 * On a record's page: where it stands with the server, and for a conflict or a rejection what
 * happened and where to settle it. Reloads when a sync round changes anything.
 */
export function RecordSyncNotice({ id }: { id: string }) {
  const { t } = useTranslation('sync');
  const generation = useSyncGeneration();
  const [state, setState] = useState<RecordSync | null>(null);

  useEffect(() => {
    let live = true;
    // Sync state is extra information on this page: if it cannot be read, the record still shows.
    api()
      .getRecordSyncState({ id })
      .then(
        (next) => live && setState(next),
        () => live && setState(null),
      );
    return () => {
      live = false;
    };
  }, [id, generation]);

  if (state === null) return null;
  return (
    <section className="sync-record-notice" aria-label={t('record.sectionLabel')}>
      <p>
        <SyncStateBadge state={state.state} showLocal />{' '}
        <span className="field__hint">{t(`record.explain.${state.state}`)}</span>
      </p>
      {state.state === 'rejected' && (
        <div className="notice notice--error">
          <p data-testid="record-reject-reason">
            {state.reason === null ? t('reason.unknown') : t(rejectReasonKey[state.reason])}
          </p>
          <p>
            <a href="#/sync">{t('record.openSync')}</a>
          </p>
        </div>
      )}
      {state.state === 'conflict' && (
        <div className="notice notice--warning">
          <p>{t('record.conflictHint')}</p>
          <p>
            <a href="#/sync">{t('record.resolveInSync')}</a>
          </p>
        </div>
      )}
    </section>
  );
}
