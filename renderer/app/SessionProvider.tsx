import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionStatus } from '../../shared/ipc/procedures/session.ts';
import { api, rawApi } from '../api.ts';
import { RecoveryCodeScreen } from '../features/session/RecoveryCodeScreen.tsx';
import { SetupScreen } from '../features/session/SetupScreen.tsx';
import { UnlockScreen } from '../features/session/UnlockScreen.tsx';
import { StartupFailure } from './StartupFailure.tsx';

interface SessionContextValue {
  readonly status: SessionStatus;
  /** True when the app locked while this window was unlocked and nobody here pressed Lock. */
  readonly lockedForInactivity: boolean;
  /** Takes the answer of a session procedure (unlock, setUp…) as the current status. */
  applyStatus(next: SessionStatus): void;
  /** Locks the app now, as the person asked. */
  lock(): Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/** Activity is reported at most this often: the idle lock counts minutes, not keystrokes. */
export const ACTIVITY_REPORT_INTERVAL_MS = 30_000;
const activityEvents = ['keydown', 'pointerdown', 'wheel'] as const;

/**
 * The gate in front of the app: nothing of the app renders until main says the data is unlocked.
 * First run shows the set-up, a locked store the unlock screen, and an administrator whose
 * recovery code waits to be confirmed sees only its sheet (main keeps that state, so a reload or
 * a restart shows it again). Main pushes `sessionChanged` when it locks by itself (idle) or
 * another window changes the session, and the gate follows at once.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<SessionStatus | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [lockedForInactivity, setLockedForInactivity] = useState(false);
  const current = useRef<SessionStatus | null>(null);
  const lockRequestedHere = useRef(false);

  const applyStatus = useCallback((next: SessionStatus) => {
    const before = current.current;
    if (before?.state === 'unlocked' && next.state === 'locked') {
      setLockedForInactivity(!lockRequestedHere.current);
      lockRequestedHere.current = false;
    }
    if (next.state === 'unlocked') {
      setLockedForInactivity(false);
      lockRequestedHere.current = false;
    }
    current.current = next;
    setStatus(next);
  }, []);

  const load = useCallback(() => {
    api()
      .getSession()
      .then(applyStatus, (error: unknown) => setLoadError(error));
  }, [applyStatus]);

  useEffect(() => {
    const unsubscribe = rawApi().onSessionChanged(applyStatus);
    load();
    return unsubscribe;
  }, [applyStatus, load]);

  const retry = () => {
    setLoadError(null);
    load();
  };

  const lock = useCallback(async () => {
    lockRequestedHere.current = true;
    try {
      applyStatus(await api().lock());
    } catch (error) {
      lockRequestedHere.current = false;
      throw error;
    }
  }, [applyStatus]);

  const unlocked = status?.state === 'unlocked';
  useEffect(() => {
    if (!unlocked) return;
    let lastReport = Date.now();
    const report = () => {
      const now = Date.now();
      if (now - lastReport < ACTIVITY_REPORT_INTERVAL_MS) return;
      lastReport = now;
      // A failed report only means the idle lock may come a little early; nothing to show.
      api()
        .reportActivity()
        .catch(() => undefined);
    };
    for (const name of activityEvents)
      window.addEventListener(name, report, { capture: true, passive: true });
    return () => {
      for (const name of activityEvents)
        window.removeEventListener(name, report, { capture: true });
    };
  }, [unlocked]);

  if (status === null) {
    if (loadError !== null) return <StartupFailure error={loadError} onRetry={retry} />;
    return (
      <p className="session-loading" role="status">
        {t('app.loading')}
      </p>
    );
  }
  return (
    <SessionGate
      status={status}
      lockedForInactivity={lockedForInactivity}
      applyStatus={applyStatus}
      lock={lock}
    >
      {children}
    </SessionGate>
  );
}

function SessionGate({
  status,
  lockedForInactivity,
  applyStatus,
  lock,
  children,
}: SessionContextValue & { children: ReactNode }) {
  const value = useMemo(
    () => ({ status, lockedForInactivity, applyStatus, lock }),
    [status, lockedForInactivity, applyStatus, lock],
  );
  let content: ReactNode;
  if (status.state === 'needs_setup') content = <SetupScreen />;
  else if (status.state === 'locked') content = <UnlockScreen />;
  else if (status.recoveryCodePending) content = <RecoveryCodeScreen />;
  else content = children;
  return <SessionContext value={value}>{content}</SessionContext>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (value === null) throw new Error('useSession() needs a SessionProvider above it.');
  return value;
}

/** The signed-in person; only for components the gate renders while unlocked. */
export function useCurrentUser(): NonNullable<SessionStatus['currentUser']> {
  const { status } = useSession();
  if (status.currentUser === null) throw new Error('useCurrentUser() needs an unlocked session.');
  return status.currentUser;
}
