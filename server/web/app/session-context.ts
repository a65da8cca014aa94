import { createContext, useContext } from 'react';
import type { ConsoleSession } from '../../../shared/console/api.ts';
import type { ConsolePermission } from '../../../shared/console/roles.ts';

export type SignedInSession = Extract<ConsoleSession, { signedIn: true }>;

export interface SessionContextValue {
  readonly session: SignedInSession;
  /** Reads the session again (after a change that may alter it). */
  refresh(): Promise<void>;
  signOut(): Promise<void>;
}

export const SessionContext = createContext<SessionContextValue | null>(null);

/** The signed-in session; only pages inside the session guard use it. */
export function useConsoleSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (value === null) throw new Error('useConsoleSession outside the signed-in console');
  return value;
}

export function useMay(permission: ConsolePermission): boolean {
  return useConsoleSession().session.permissions.includes(permission);
}
