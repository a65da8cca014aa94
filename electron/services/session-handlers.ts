import type { SessionStatus } from '../../shared/ipc/procedures/session.ts';
import type { HandlerTable } from '../ipc/handler-table.ts';
import type { OsKeychain } from '../keys/os-keychain.ts';
import type { IdleLock } from '../session/idle-lock.ts';
import type { Session } from '../session/session.ts';

type SessionHandlers = Pick<
  HandlerTable,
  | 'getSession'
  | 'setUp'
  | 'unlock'
  | 'unlockWithKeychain'
  | 'resetPassphrase'
  | 'lock'
  | 'reportActivity'
  | 'addPerson'
  | 'changePassphrase'
  | 'setKeychainUnlock'
>;

/** What the renderer may know about the session: never a key, never a slot. */
export async function sessionStatus(
  session: Session,
  keychain: OsKeychain,
): Promise<SessionStatus> {
  const state = session.state;
  const people =
    state.kind === 'needs_setup'
      ? []
      : state.keyring.users.map((person) => ({
          id: person.userId,
          label: person.label,
          keychainUnlock: session.keychainEnabledFor(person.userId),
        }));
  return {
    state: state.kind,
    people,
    currentUser:
      state.kind === 'unlocked'
        ? {
            id: state.user.id,
            name: state.user.name,
            role: state.user.role as NonNullable<SessionStatus['currentUser']>['role'],
            createdAt: state.user.createdAt,
          }
        : null,
    keychainAvailable: await keychain.isAvailable().catch(() => false),
    retryAfterSeconds: await session.secondsToWait(),
  };
}

export function sessionHandlers(
  session: Session,
  keychain: OsKeychain,
  idle: IdleLock,
): SessionHandlers {
  const status = () => sessionStatus(session, keychain);
  return {
    getSession: status,
    setUp: async (person) => {
      const recoveryCode = await session.setUp(person);
      idle.touch();
      return { recoveryCode, session: await status() };
    },
    unlock: async ({ userId, passphrase }) => {
      await session.unlockWithPassphrase(userId, passphrase);
      idle.touch();
      return status();
    },
    unlockWithKeychain: async ({ userId }) => {
      await session.unlockWithKeychain(userId);
      idle.touch();
      return status();
    },
    resetPassphrase: async ({ userId, recoveryCode, newPassphrase }) => {
      await session.resetPassphrase(userId, recoveryCode, newPassphrase);
      idle.touch();
      return status();
    },
    lock: () => {
      session.lock('person');
      return status();
    },
    reportActivity: () => {
      idle.touch();
      return null;
    },
    addPerson: async (person) => {
      idle.touch();
      const user = await session.addPerson(person);
      return { ...user, role: person.role };
    },
    changePassphrase: async ({ currentPassphrase, newPassphrase }) => {
      idle.touch();
      await session.changePassphrase(currentPassphrase, newPassphrase);
      return null;
    },
    setKeychainUnlock: async ({ enabled }) => {
      idle.touch();
      await session.setKeychainUnlock(enabled);
      return status();
    },
  };
}
