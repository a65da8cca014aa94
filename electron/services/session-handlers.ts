import type { Person, SessionStatus } from '../../shared/ipc/procedures/session.ts';
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
  | 'listPeople'
  | 'addPerson'
  | 'changeRole'
  | 'removePerson'
  | 'showRecoveryCode'
  | 'confirmRecoveryCode'
  | 'replaceRecoveryCode'
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
    recoveryCodePending: session.recoveryCodePending(),
    signedOutReason: session.signedOutReason,
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
      await session.setUp(person);
      idle.touch();
      return status();
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
    // Answers once the data is one file at rest (Session.lock).
    lock: async () => {
      await session.lock('person');
      return status();
    },
    reportActivity: () => {
      idle.touch();
      return null;
    },
    listPeople: () => {
      idle.touch();
      return session.listPeople().map((person) => ({
        ...person,
        role: person.role as Person['role'],
        keychainUnlock: session.keychainEnabledFor(person.id),
      }));
    },
    // Role checks for people happen in the Session (requireAdministrator), so no caller of it,
    // this dispatcher or any other, can skip them.
    addPerson: async (person) => {
      idle.touch();
      const user = await session.addPerson(person);
      return { ...user, role: person.role };
    },
    changeRole: async ({ userId, role }) => {
      idle.touch();
      const user = await session.changeRole(userId, role);
      return { ...user, role };
    },
    removePerson: async ({ userId }) => {
      idle.touch();
      await session.removePerson(userId);
      return null;
    },
    // The one place the recovery code crosses IPC: to be shown on its sheet, to its administrator.
    showRecoveryCode: () => {
      idle.touch();
      return session.recoveryCodeSheet();
    },
    confirmRecoveryCode: async () => {
      idle.touch();
      await session.confirmRecoveryCode();
      return status();
    },
    replaceRecoveryCode: async ({ passphrase }) => {
      idle.touch();
      await session.replaceRecoveryCode(passphrase);
      return status();
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
