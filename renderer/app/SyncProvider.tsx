import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import type { SyncStatus } from '../../shared/ipc/procedures/sync.ts';
import { api, rawApi } from '../api.ts';

interface SyncContextValue {
  /** Null until main first answers (or when it cannot: see `loadError`). */
  readonly status: SyncStatus | null;
  readonly loadError: unknown;
  /** Takes a procedure's answer (syncNow, enrollDevice) as the current status. */
  applyStatus(next: SyncStatus): void;
  reload(): void;
}

const SyncContext = createContext<SyncContextValue | null>(null);

/**
 * One sync status for the whole app: the navigation badge, the Sync screen, Settings and the
 * record badges all read it. Main pushes `syncChanged` whenever a round starts, progresses, ends
 * or fails, so every view follows live without polling.
 */
export function SyncProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);

  const applyStatus = useCallback((next: SyncStatus) => {
    setLoadError(null);
    setStatus(next);
  }, []);

  const reload = useCallback(() => {
    api()
      .getSyncStatus()
      .then(applyStatus, (error: unknown) => setLoadError(error));
  }, [applyStatus]);

  useEffect(() => {
    const unsubscribe = rawApi().onSyncChanged(applyStatus);
    reload();
    return unsubscribe;
  }, [applyStatus, reload]);

  const value = useMemo(
    () => ({ status, loadError, applyStatus, reload }),
    [status, loadError, applyStatus, reload],
  );
  return <SyncContext value={value}>{children}</SyncContext>;
}

export function useSync(): SyncContextValue {
  const value = useContext(SyncContext);
  if (value === null) throw new Error('useSync() needs a SyncProvider above it.');
  return value;
}

/**
 * Changes whenever the server may have changed what a record shows (a round ended, a change was
 * acknowledged, an issue appeared or was settled): views that list records reload on it.
 */
export function useSyncGeneration(): string {
  const { status } = useSync();
  if (status === null) return '';
  return [
    status.lastSuccessAt,
    status.pendingChanges,
    status.openConflicts,
    status.openRejections,
  ].join('|');
}
