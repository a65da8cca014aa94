import type { HandlerTable } from '../ipc/handler-table.ts';
import type { IdleLock } from '../session/idle-lock.ts';
import type { Session } from '../session/session.ts';
import type { UnsavedTypingStore } from './unsaved-typing-store.ts';

type UnsavedTypingHandlers = Pick<
  HandlerTable,
  | 'getUnsavedBackup'
  | 'getUnsavedNewRecord'
  | 'putUnsavedBackup'
  | 'clearUnsavedBackup'
  | 'getListFilters'
  | 'putListFilters'
>;

/**
 * The unsaved-typing procedures over the in-memory store, scoped to a person.
 *
 * Reads answer only the signed-in person, and only while unlocked (LOCKED otherwise): whoever
 * stands at a locked laptop reads nothing, and the next person to sign in reads their own.
 * Writes are also taken while locked, filed under the person who held the session when it
 * locked: the editor writes its backup on every change, and a change sent as the app locked, or
 * typed before the window heard of the lock, must survive for that person to get back after
 * unlocking (their saves are refused LOCKED meanwhile). Before anyone has unlocked there is no
 * such person, and writes are refused LOCKED too.
 */
export function unsavedTypingHandlers(
  session: Session,
  idle: IdleLock,
  store: UnsavedTypingStore,
): { readonly handlers: UnsavedTypingHandlers; dispose(): void } {
  let holder: string | null = null;
  const noteHolder = () => {
    const state = session.state;
    if (state.kind === 'unlocked') holder = state.user.id;
  };
  noteHolder();
  const stopWatching = session.onChange(noteHolder);

  const reader = (): string => {
    idle.touch();
    return session.requireUnlocked().user.id;
  };
  const writer = (): string =>
    session.state.kind === 'unlocked' || holder === null ? reader() : holder;

  return {
    handlers: {
      getUnsavedBackup: ({ id }) => store.getBackup(reader(), id),
      getUnsavedNewRecord: () => store.newestNeverSaved(reader()),
      putUnsavedBackup: ({ backup, order }) => {
        store.putBackup(writer(), backup, order);
        return null;
      },
      clearUnsavedBackup: ({ id, order }) => {
        store.clearBackup(writer(), id, order);
        return null;
      },
      getListFilters: () => store.getFilters(reader()),
      putListFilters: ({ filters, order }) => {
        store.putFilters(writer(), filters, order);
        return null;
      },
    },
    dispose: stopWatching,
  };
}
