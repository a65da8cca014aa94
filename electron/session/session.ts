import { randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { UserRole } from '../../shared/domain/enums.ts';
import { AppError } from '../ipc/app-error.ts';
import { resolveCost, type KdfCost, type KdfCostSource } from '../keys/kdf.ts';
import { createSigningKey, openSigningKey, rewrapSigningKey } from '../keys/signing-keys.ts';
import {
  activeSigningKey,
  replaceWrap,
  retireSigningKeys,
  type StoredSigningKey,
} from '../store/signing-keys-repository.ts';
import {
  addKeychainSlot,
  addPassphraseSlot,
  createKeyring,
  hasKeychainSlot,
  openPendingRecoveryCode,
  passphraseSlotsOf,
  removeSlots,
  replaceRecoverySlot,
  unwrapWithKeychain,
  unwrapWithPassphrase,
  unwrapWithRecoveryCode,
  withoutPendingRecoveryCode,
  withoutPerson,
  type Keyring,
  type PendingRecoveryCode,
} from '../keys/keyring.ts';
import { readKeyringFile, writeKeyringFile } from '../keys/keyring-file.ts';
import type { OsKeychain } from '../keys/os-keychain.ts';
import {
  formatRecoveryCode,
  generateRecoveryCode,
  normaliseRecoveryCode,
} from '../keys/recovery-code.ts';
import { UnlockGuard } from '../keys/unlock-guard.ts';
import type { Logger } from '../logging/logger.ts';
import { requireAdministrator } from '../services/permissions.ts';
import { appendAuditEntry } from '../store/audit-log.ts';
import { centreStandingOf } from '../store/centre-people.ts';
import {
  createDeviceDatabase,
  databasePath,
  openDeviceDatabase,
  setAsideOrphanDatabase,
} from '../store/device-database.ts';
import { closeAtRest, type Db } from '../store/encrypted-database.ts';
import {
  startIntegrityCheck,
  type IntegrityCheck,
  type IntegrityStatus,
} from '../store/integrity-check.ts';
import {
  DEFAULT_AUTOCHECKPOINT_PAGES,
  MAIN_AUTOCHECKPOINT_PAGES,
  startWalCheckpointer,
  type WalCheckpointer,
} from '../store/wal-checkpointer.ts';
import { appendOutbox } from '../store/outbox.ts';
import { StoreError } from '../store/store-error.ts';
import { REMOTE_ROLE } from '../store/sync-repository.ts';
import { findUser, insertUser, type UserRow } from '../store/users-repository.ts';
import {
  countAdministrators,
  findLocalPerson,
  isRemoved,
  listLocalPeople,
  type LocalPerson,
  PERSON_REMOVED,
  updateRole,
} from './people.ts';

export interface SessionOptions {
  readonly dataDir: string;
  readonly keychain: OsKeychain;
  readonly cost: { readonly passphrase: KdfCostSource; readonly recovery: KdfCost };
  readonly log: Logger;
  readonly now?: () => Date;
  /** Hooks for crash tests: throwing here stops an operation between its two durable steps. */
  readonly crashPoints?: {
    readonly afterNewSlotWritten?: () => void;
    /** removePerson: the removal is committed in the database, the keyring not yet written. */
    readonly afterRemovalRecorded?: () => void;
  };
}

/**
 * The first person: always the administrator (nobody else could ever add people), so set-up
 * takes no role.
 */
export interface FirstPerson {
  readonly name: string;
  readonly passphrase: string;
}

export interface NewPerson extends FirstPerson {
  readonly role: UserRole;
}

/** The recovery code sheet: shown to its administrator until they confirm they kept it. */
export interface RecoveryCodeSheet {
  /** Grouped as printed: `ABCD-EFGH-…`. A secret: it leaves main only to be shown. */
  readonly recoveryCode: string;
  readonly reason: PendingRecoveryCode['reason'];
  readonly createdAt: string;
}

export type SessionState =
  | { readonly kind: 'needs_setup' }
  | { readonly kind: 'locked'; readonly keyring: Keyring }
  | {
      readonly kind: 'unlocked';
      keyring: Keyring;
      readonly db: Db;
      readonly dek: Buffer;
      /** Replaced when an administrator changes their own role. */
      user: UserRow;
    };

/** A person's signing key, open for one seal; `created` when it was made just now. */
export interface OpenedSigningKey {
  readonly keyId: string;
  readonly privateKey: KeyObject;
  readonly created: StoredSigningKey | null;
}

export interface Unlocked {
  readonly db: Db;
  readonly dek: Buffer;
  readonly dbId: string;
  readonly user: UserRow;
  readonly dataDir: string;
}

/**
 * Who is using the laptop and whether the data is open. Holds the data key only while unlocked,
 * and wipes it (zero-filled) on lock. Every path that opens the data goes through the keyring's
 * slots; the data key never leaves this object except to open the database and derive blob keys.
 */
export class Session {
  #state: SessionState = { kind: 'needs_setup' };
  readonly #options: SessionOptions;
  readonly #guard: UnlockGuard;
  readonly #listeners = new Set<() => void>();
  /**
   * Everything that changes the session or the keyring runs one at a time: two "Unlock" clicks,
   * eight guesses sent at once or a passphrase change racing a lock must each see the state the
   * previous one left.
   */
  #queue: Promise<unknown> = Promise.resolve();
  /** The connections of the last lock, closing (see lock). */
  #closing: Promise<void> = Promise.resolve();
  /**
   * Why main signed the last person out by itself, for the unlock screen to say; null after a
   * lock the person asked for (or idle), and cleared by the next unlock.
   */
  #signedOutReason: 'deactivated' | null = null;
  /** The background check of the data opened last (store/integrity-check.ts). */
  #integrity: IntegrityCheck | null = null;
  /** Checkpoints of the data opened last, off the main thread (store/wal-checkpointer.ts). */
  #checkpointer: WalCheckpointer | null = null;

  constructor(options: SessionOptions) {
    this.#options = options;
    this.#guard = new UnlockGuard(options.dataDir);
  }

  async load(): Promise<void> {
    const keyring = await readKeyringFile(this.#options.dataDir);
    this.#state = keyring === null ? { kind: 'needs_setup' } : { kind: 'locked', keyring };
  }

  get state(): SessionState {
    return this.#state;
  }

  /** Why main signed the last person out by itself (see #signedOutReason). */
  get signedOutReason(): 'deactivated' | null {
    return this.#state.kind === 'locked' ? this.#signedOutReason : null;
  }

  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The open data, or LOCKED: every data procedure starts here. */
  requireUnlocked(): Unlocked {
    const state = this.#state;
    if (state.kind !== 'unlocked')
      throw new AppError('LOCKED', 'SALW Field is locked. Unlock it to continue.');
    return {
      db: state.db,
      dek: state.dek,
      dbId: state.keyring.dbId,
      user: state.user,
      dataDir: this.#options.dataDir,
    };
  }

  /** The last background integrity check's status, for the integrity screen. */
  get integrity(): IntegrityStatus {
    return this.#integrity?.status ?? { state: 'not_checked' };
  }

  /** Settles when the last check has ended and its thread and connection are gone. */
  integrityCheckEnded(): Promise<IntegrityStatus> {
    return this.#integrity?.finished ?? Promise.resolve(this.integrity);
  }

  /**
   * The integrity screen's "check now": a new background check of the open data, or the one
   * already running (two at once would only read every page twice). Settles when it has ended;
   * damage locks the data as after an unlock.
   */
  checkDatabaseNow(): Promise<IntegrityStatus> {
    const { dek } = this.requireUnlocked();
    if (this.#integrity?.status.state !== 'checking') this.#startIntegrityCheck(dek);
    return this.integrityCheckEnded();
  }

  secondsToWait(): Promise<number> {
    return this.#guard.secondsToWait();
  }

  /**
   * First run: the first person (the administrator), the database and the keyring, with the
   * recovery code pending until they confirm they kept it (recoveryCodeSheet).
   */
  setUp(person: FirstPerson): Promise<void> {
    return this.#serial(() => this.#setUp(person));
  }

  async #setUp(person: FirstPerson): Promise<void> {
    if (this.#state.kind !== 'needs_setup')
      throw new AppError('FORBIDDEN', 'SALW Field is already set up on this computer.');
    const aside = await setAsideOrphanDatabase(this.#options.dataDir, this.#now());
    if (aside !== null)
      this.#options.log.warn('session.orphan_database_set_aside', { file: aside });

    const dek = randomBytes(32);
    const recoveryCode = generateRecoveryCode();
    const user: UserRow = {
      id: randomUUID(),
      name: person.name,
      role: 'administrator',
      createdAt: this.#now().toISOString(),
    };
    let keyring: Keyring;
    let db: Db;
    try {
      keyring = await createKeyring({
        dek,
        user: { userId: user.id, label: user.name },
        passphrase: person.passphrase,
        recoveryCode: normaliseRecoveryCode(recoveryCode) ?? recoveryCode,
        passphraseCost: await resolveCost(this.#options.cost.passphrase),
        recoveryCost: this.#options.cost.recovery,
      });
      db = createDeviceDatabase(this.#options.dataDir, dek, keyring.dbId, user.createdAt);
    } catch (error) {
      dek.fill(0);
      throw error;
    }
    try {
      db.transaction(() => {
        insertUser(db, user, null);
        this.#recordUserChange(db, keyring.dbId, user, null, 'user.created');
      })();
      await writeKeyringFile(this.#options.dataDir, keyring);
    } catch (error) {
      db.close();
      dek.fill(0);
      throw error;
    }
    this.#state = { kind: 'unlocked', keyring, db, dek, user };
    this.#startCheckpointer(db, dek);
    this.#options.log.info('session.set_up', { userId: user.id });
    this.#changed();
  }

  unlockWithPassphrase(userId: string, passphrase: string): Promise<void> {
    return this.#serial(() => this.#unlockWithPassphrase(userId, passphrase));
  }

  async #unlockWithPassphrase(userId: string, passphrase: string): Promise<void> {
    const keyring = await this.#lockedKeyring();
    await this.#throttle();
    const unwrapped = await unwrapWithPassphrase(keyring, userId, passphrase);
    if (unwrapped === null)
      return this.#failedAttempt('WRONG_PASSPHRASE', 'The passphrase is not right.');
    await this.#open(keyring, unwrapped.dek, userId);
  }

  unlockWithKeychain(userId: string): Promise<void> {
    return this.#serial(() => this.#unlockWithKeychain(userId));
  }

  async #unlockWithKeychain(userId: string): Promise<void> {
    const keyring = await this.#lockedKeyring();
    const dek = await unwrapWithKeychain(keyring, userId, this.#options.keychain);
    if (dek === null) {
      throw new AppError(
        'UNAUTHORIZED',
        'The system keychain could not unlock SALW Field. Use your passphrase.',
      );
    }
    await this.#open(keyring, dek, userId);
  }

  /**
   * Opens the signed-in person's signing key for one seal, with the passphrase they type for it
   * (issue 14), or, on their first seal, makes one wrapped by it. `created` is the new key, for the
   * caller to store and sync in the same transaction as the seal. Wrong passphrases count towards
   * the unlock delays, as any guess of a passphrase does.
   */
  openSigningKey(passphrase: string): Promise<OpenedSigningKey> {
    return this.#serial(() => this.#openSigningKey(passphrase));
  }

  async #openSigningKey(passphrase: string): Promise<OpenedSigningKey> {
    const state = this.#state;
    if (state.kind !== 'unlocked')
      throw new AppError('LOCKED', 'SALW Field is locked. Unlock it to continue.');
    const { user } = state;
    await this.#throttle();
    const existing = activeSigningKey(state.db, user.id);
    if (existing?.wrapped) {
      const privateKey = await openSigningKey(
        existing.keyId,
        user.id,
        passphrase,
        existing.wrapped,
      );
      if (privateKey === null)
        return this.#failedAttempt('WRONG_PASSPHRASE', 'The passphrase is not right.');
      await this.#guard.recordSuccess();
      return { keyId: existing.keyId, privateKey, created: null };
    }
    const check = await unwrapWithPassphrase(state.keyring, user.id, passphrase);
    if (check === null)
      return this.#failedAttempt('WRONG_PASSPHRASE', 'The passphrase is not right.');
    check.dek.fill(0);
    await this.#guard.recordSuccess();
    // Time-ordered, and made before the id of the record it first seals: pushed in one batch,
    // the two share a server version and are pulled in id order, so the key arrives first.
    const keyId = uuidv7();
    const made = await createSigningKey(
      keyId,
      user.id,
      passphrase,
      await resolveCost(this.#options.cost.passphrase),
    );
    return {
      keyId,
      privateKey: made.privateKey,
      created: {
        keyId,
        userId: user.id,
        publicKey: made.publicKey,
        createdAt: new Date().toISOString(),
        wrapped: made.wrapped,
      },
    };
  }

  /** A forgotten passphrase: the recovery code opens the data and sets a new passphrase. */
  resetPassphrase(userId: string, recoveryCode: string, newPassphrase: string): Promise<void> {
    return this.#serial(() => this.#resetPassphrase(userId, recoveryCode, newPassphrase));
  }

  async #resetPassphrase(
    userId: string,
    recoveryCode: string,
    newPassphrase: string,
  ): Promise<void> {
    const keyring = await this.#lockedKeyring();
    const label = keyring.users.find((user) => user.userId === userId);
    if (label === undefined)
      throw new AppError('NOT_FOUND', 'There is no such person on this computer.');
    await this.#throttle();
    const code = normaliseRecoveryCode(recoveryCode);
    const dek = code === null ? null : await unwrapWithRecoveryCode(keyring, code);
    if (dek === null)
      return this.#failedAttempt('WRONG_PASSPHRASE', 'The recovery code is not right.');
    let rotated: Keyring;
    try {
      rotated = await this.#replacePassphraseSlots(keyring, dek, label, newPassphrase);
    } catch (error) {
      dek.fill(0);
      throw error;
    }
    await this.#open(rotated, dek, userId);
    const { db } = this.requireUnlocked();
    db.transaction(() => {
      // The forgotten passphrase wrapped their signing key: it can never seal again (its public
      // half still checks their older seals); their next seal makes a new one.
      retireSigningKeys(db, userId, new Date().toISOString());
      this.#audit(db, rotated.dbId, userId, 'user.passphrase_reset_with_recovery_code', userId);
    })();
  }

  #serial<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(operation, operation);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  /**
   * 'damaged': the background integrity check found damage (see #open).
   *
   * The state is locked at once; the connections close after, in an order that leaves the
   * database as one file at rest: the two threads first, then the main connection, which empties
   * the log into the file before it closes. Were the log left with frames in it, a file copied in
   * its place (a restore, another laptop's file) would open with this log's pages laid over it.
   * Settles once every connection is closed (never rejects); the next unlock waits for it.
   */
  lock(reason: 'person' | 'idle' | 'damaged' | 'deactivated'): Promise<void> {
    const state = this.#state;
    if (state.kind !== 'unlocked') return this.#closing;
    this.#signedOutReason = reason === 'deactivated' ? 'deactivated' : null;
    const integrity = this.#integrity;
    const checkpointer = this.#checkpointer;
    this.#checkpointer = null;
    state.dek.fill(0);
    this.#state = { kind: 'locked', keyring: state.keyring };
    this.#closing = Promise.all([integrity?.stop(), checkpointer?.stop()]).then(() =>
      closeAtRest(state.db, this.#options.log),
    );
    this.#options.log.info('session.locked', { reason });
    this.#changed();
    return this.#closing;
  }

  addPerson(person: NewPerson): Promise<UserRow> {
    return this.#serial(() => this.#addPerson(person));
  }

  async #addPerson(person: NewPerson): Promise<UserRow> {
    const { db, dbId } = this.requireUnlocked();
    // Before any key work: a field officer's forged call costs nothing and changes nothing.
    const actor = this.#actor();
    requireAdministrator(actor);
    const { state, dek } = this.#unlockedCopy();
    const user: UserRow = {
      id: randomUUID(),
      name: person.name,
      role: person.role,
      createdAt: this.#now().toISOString(),
    };
    let keyring: Keyring;
    try {
      keyring = await addPassphraseSlot(
        state.keyring,
        dek,
        { userId: user.id, label: user.name },
        person.passphrase,
        await resolveCost(this.#options.cost.passphrase),
      );
    } finally {
      dek.fill(0);
    }
    this.#assertStill(state);
    db.transaction(() => {
      insertUser(db, user, actor.id);
      this.#recordUserChange(db, dbId, user, actor.id, 'user.created');
    })();
    await writeKeyringFile(this.#options.dataDir, keyring);
    state.keyring = keyring;
    this.#changed();
    return user;
  }

  /** Everyone who may use this laptop now, with their roles (Settings → People). */
  listPeople(): LocalPerson[] {
    return listLocalPeople(this.requireUnlocked().db);
  }

  /**
   * An administrator changes someone's role (their own too). The last administrator cannot be
   * demoted: nobody could add, change or remove people any more. The check, the change, its
   * audit entry and its outbox row are one transaction, so two changes cannot both pass it.
   */
  changeRole(userId: string, role: UserRole): Promise<UserRow> {
    return this.#serial(async () => this.#changeRole(userId, role));
  }

  #changeRole(userId: string, role: UserRole): UserRow {
    const { db, dbId } = this.requireUnlocked();
    const actor = this.#actor();
    requireAdministrator(actor);
    const state = this.#state as Extract<SessionState, { kind: 'unlocked' }>;
    const changed = db.transaction((): UserRow | null => {
      const before = this.#localPerson(db, userId);
      if (before.role === role) return null;
      // The centre's decision wins: a role set there is changed there, not on one laptop.
      if (before.roleSetByCentreAt !== null) {
        throw refusal(
          'roleSetByCentre',
          `${before.name}'s role was set at the centre; only an administrator there can change it.`,
        );
      }
      if (before.role === 'administrator' && countAdministrators(db) <= 1)
        throw lastAdministrator(before.name, 'demote');
      const after: UserRow = {
        id: before.id,
        name: before.name,
        role,
        createdAt: before.createdAt,
      };
      updateRole(db, userId, role);
      const at = this.#now().toISOString();
      appendAuditEntry(db, dbId, {
        at,
        userId: actor.id,
        action: 'user.role_changed',
        entity: 'user',
        entityId: userId,
        before: {
          id: before.id,
          name: before.name,
          role: before.role,
          createdAt: before.createdAt,
        },
        after,
      });
      // Queued like the person's creation: the role is part of the person's record.
      appendOutbox(db, {
        entity: 'user',
        entityId: userId,
        op: 'update',
        baseRevision: 0,
        payload: after,
        changedFields: ['role'],
        createdAt: at,
        createdBy: actor.id,
      });
      return after;
    })();
    if (changed === null) return this.#localPerson(db, userId);
    this.#options.log.info('session.role_changed', { userId, by: actor.id });
    // Their own role: what the signed-in person may do changes at once.
    if (userId === state.user.id) state.user = changed;
    this.#changed();
    return changed;
  }

  /**
   * The centre's decisions just arrived by sync (sync/people-sync.ts): a signed-in person the
   * centre deactivated is signed out at once (the data locks; what they recorded stays), and a
   * role the centre changed counts at once for what main lets them do. The people lists follow.
   */
  followCentreDecisions(): Promise<void> {
    return this.#serial(async () => {
      const state = this.#state;
      if (state.kind !== 'unlocked') return;
      const person = findLocalPerson(state.db, state.user.id);
      if (person === null) return;
      if (person.deactivatedAt !== null) {
        this.#options.log.info('session.deactivated_by_centre', { userId: person.id });
        await this.lock('deactivated');
        return;
      }
      // Called after every sync round: only a real change is told to the screens.
      if (person.role === state.user.role && person.name === state.user.name) return;
      state.user = {
        id: person.id,
        name: person.name,
        role: person.role,
        createdAt: person.createdAt,
      };
      this.#changed();
    });
  }

  /**
   * An administrator removes someone from this laptop. Everything they recorded stays, with
   * their name (their user row stays); they can no longer unlock (their slots go) and leave the
   * unlock screen. Never oneself while signed in, never the last administrator.
   *
   * Two durable steps, the database first: the removal and its audit entry commit together, then
   * the keyring loses the person's slots. A crash between them leaves slots that still open the
   * data key, but #open refuses a removed person and removes those slots at the next unlock: the
   * database decides who may use the data, the keyring follows it.
   */
  removePerson(userId: string): Promise<void> {
    return this.#serial(() => this.#removePerson(userId));
  }

  async #removePerson(userId: string): Promise<void> {
    const { db, dbId } = this.requireUnlocked();
    const actor = this.#actor();
    requireAdministrator(actor);
    const state = this.#state as Extract<SessionState, { kind: 'unlocked' }>;
    if (userId === actor.id) {
      throw refusal(
        'cannotRemoveYourself',
        'You cannot remove yourself while you are signed in. Another administrator can remove you.',
      );
    }
    db.transaction(() => {
      const person = this.#localPerson(db, userId);
      if (person.role === 'administrator' && countAdministrators(db) <= 1)
        throw lastAdministrator(person.name, 'remove');
      // Removal describes who may unlock this laptop (its key slots), like the keychain events:
      // audited, not queued for sync.
      appendAuditEntry(db, dbId, {
        at: this.#now().toISOString(),
        userId: actor.id,
        action: PERSON_REMOVED,
        entity: 'user',
        entityId: userId,
        before: person,
        after: null,
      });
    })();
    this.#options.log.info('session.person_removed', { userId, by: actor.id });
    this.#options.crashPoints?.afterRemovalRecorded?.();
    const keyring = withoutPerson(state.keyring, userId);
    await writeKeyringFile(this.#options.dataDir, keyring);
    if (this.#state === state) state.keyring = keyring;
    this.#changed();
  }

  /**
   * Whether the signed-in person has a recovery code waiting for them to confirm they kept it:
   * the app shows nothing but the code sheet until they do.
   */
  recoveryCodePending(): boolean {
    const state = this.#state;
    if (state.kind !== 'unlocked') return false;
    const pending = state.keyring.pendingRecoveryCode;
    return (
      pending?.userId === state.user.id &&
      state.keyring.slots.some((slot) => slot.type === 'recovery' && slot.slotId === pending.slotId)
    );
  }

  /**
   * The pending recovery code in clear, for its sheet, or NOT_FOUND. Only after an unlock, and
   * only for the administrator it was made for. It is a secret that opens all the data: the one
   * reason it leaves main is to be shown on the sheet (the showRecoveryCode procedure); it is
   * never logged.
   */
  recoveryCodeSheet(): RecoveryCodeSheet {
    const state = this.#state;
    if (state.kind !== 'unlocked')
      throw new AppError('LOCKED', 'SALW Field is locked. Unlock it to continue.');
    const opened = this.recoveryCodePending()
      ? openPendingRecoveryCode(state.keyring, state.dek)
      : null;
    if (opened === null)
      throw new AppError('NOT_FOUND', 'No recovery code is waiting for you to confirm it.');
    return {
      recoveryCode: formatRecoveryCode(opened.code),
      reason: opened.reason,
      createdAt: opened.createdAt,
    };
  }

  /**
   * The administrator kept the code (wrote it down or printed it): the sheet is not shown again
   * and its sealed copy leaves the keyring. Audited first: a crash before the keyring is written
   * shows the sheet once more, which is harmless; the other order could hide an unkept code.
   */
  confirmRecoveryCode(): Promise<void> {
    return this.#serial(() => this.#confirmRecoveryCode());
  }

  async #confirmRecoveryCode(): Promise<void> {
    const { db, dbId } = this.requireUnlocked();
    const state = this.#state as Extract<SessionState, { kind: 'unlocked' }>;
    const pending = state.keyring.pendingRecoveryCode;
    if (!this.recoveryCodePending() || pending === undefined)
      throw new AppError('NOT_FOUND', 'No recovery code is waiting for you to confirm it.');
    db.transaction(() =>
      this.#auditRecoveryCode(db, dbId, state.user.id, 'recovery_code.confirmed', pending.slotId),
    )();
    const keyring = withoutPendingRecoveryCode(state.keyring);
    await writeKeyringFile(this.#options.dataDir, keyring);
    if (this.#state === state) state.keyring = keyring;
    this.#changed();
  }

  /**
   * An administrator makes a new recovery code after typing their passphrase (someone who finds
   * the laptop unlocked cannot). The old code stops working at once: one atomic keyring write
   * replaces its slot and adds the new code, pending, so it goes through the same must-confirm
   * sheet. Wrong passphrases count towards the unlock delays.
   */
  replaceRecoveryCode(passphrase: string): Promise<void> {
    return this.#serial(() => this.#replaceRecoveryCode(passphrase));
  }

  async #replaceRecoveryCode(passphrase: string): Promise<void> {
    const actor = this.#actor();
    requireAdministrator(actor);
    const { state, dek } = this.#unlockedCopy();
    try {
      await this.#throttle();
      const check = await unwrapWithPassphrase(state.keyring, actor.id, passphrase);
      if (check === null)
        return await this.#failedAttempt('WRONG_PASSPHRASE', 'The passphrase is not right.');
      check.dek.fill(0);
      await this.#guard.recordSuccess();
      const code = normaliseRecoveryCode(generateRecoveryCode());
      if (code === null) throw new Error('a generated recovery code did not normalise');
      const keyring = await replaceRecoverySlot(state.keyring, dek, {
        code,
        cost: this.#options.cost.recovery,
        shownTo: actor.id,
        reason: 'replaced',
      });
      this.#assertStill(state);
      await writeKeyringFile(this.#options.dataDir, keyring);
      // Locked meanwhile: the file has the new code, and the sheet shows at the next unlock.
      if (this.#state !== state) return;
      state.keyring = keyring;
      const { db, dbId } = this.requireUnlocked();
      const slotId = keyring.pendingRecoveryCode?.slotId ?? '';
      db.transaction(() =>
        this.#auditRecoveryCode(db, dbId, actor.id, 'recovery_code.replaced', slotId),
      )();
      this.#options.log.info('session.recovery_code_replaced', { by: actor.id });
      this.#changed();
    } finally {
      dek.fill(0);
    }
  }

  /**
   * The signed-in person as the database has them now: roles are checked against this, not
   * against the copy taken at unlock, so a role changed meanwhile counts at once.
   */
  #actor(): LocalPerson {
    const { db, user } = this.requireUnlocked();
    const actor = findLocalPerson(db, user.id);
    if (actor === null || actor.deactivatedAt !== null)
      throw new AppError('FORBIDDEN', 'You are no longer one of the people of this computer.');
    return actor;
  }

  #localPerson(db: Db, userId: string): LocalPerson {
    const person = findLocalPerson(db, userId);
    if (person === null)
      throw new AppError('NOT_FOUND', 'There is no such person on this computer.');
    return person;
  }

  /** The LUKS order: the new slot is durable before the old one goes, so a crash loses neither. */
  changePassphrase(currentPassphrase: string, newPassphrase: string): Promise<void> {
    return this.#serial(() => this.#changePassphrase(currentPassphrase, newPassphrase));
  }

  async #changePassphrase(currentPassphrase: string, newPassphrase: string): Promise<void> {
    const { state, dek } = this.#unlockedCopy();
    const { user } = state;
    try {
      await this.#throttle();
      const check = await unwrapWithPassphrase(state.keyring, user.id, currentPassphrase);
      if (check === null)
        return await this.#failedAttempt(
          'WRONG_PASSPHRASE',
          'The current passphrase is not right.',
        );
      check.dek.fill(0);
      await this.#guard.recordSuccess();
      const label = { userId: user.id, label: user.name };
      const keyring = await this.#replacePassphraseSlots(state.keyring, dek, label, newPassphrase);
      // Locked meanwhile: the keyring on disk has the change and is read again at the next unlock.
      if (this.#state !== state) return;
      state.keyring = keyring;
      // Their signing key follows the passphrase: wrapped by the new one from now on.
      const signing = activeSigningKey(state.db, user.id);
      const rewrapped =
        signing === null || signing.wrapped === null
          ? null
          : await rewrapSigningKey(
              signing.keyId,
              user.id,
              signing.wrapped,
              currentPassphrase,
              newPassphrase,
              await resolveCost(this.#options.cost.passphrase),
            );
      if (this.#state !== state) return;
      const { db, dbId } = this.requireUnlocked();
      db.transaction(() => {
        if (signing !== null && rewrapped !== null) replaceWrap(db, signing.keyId, rewrapped);
        this.#audit(db, dbId, user.id, 'user.passphrase_changed', user.id);
      })();
    } finally {
      dek.fill(0);
    }
  }

  setKeychainUnlock(enabled: boolean): Promise<void> {
    return this.#serial(() => this.#setKeychainUnlock(enabled));
  }

  async #setKeychainUnlock(enabled: boolean): Promise<void> {
    const { state, dek } = this.#unlockedCopy();
    const { user } = state;
    let keyring = state.keyring;
    if (enabled) {
      try {
        if (!(await this.#options.keychain.isAvailable())) {
          throw new AppError('FORBIDDEN', 'This computer has no usable system keychain.');
        }
        keyring = await addKeychainSlot(keyring, dek, user.id, this.#options.keychain);
      } finally {
        dek.fill(0);
      }
    } else {
      dek.fill(0);
      const ids = keyring.slots
        .filter((slot) => slot.type === 'keychain' && slot.userId === user.id)
        .map((slot) => slot.slotId);
      keyring = removeSlots(keyring, ids);
    }
    this.#assertStill(state);
    await writeKeyringFile(this.#options.dataDir, keyring);
    if (this.#state !== state) return;
    state.keyring = keyring;
    const { db, dbId } = this.requireUnlocked();
    db.transaction(() =>
      this.#audit(
        db,
        dbId,
        user.id,
        enabled ? 'user.keychain_enabled' : 'user.keychain_disabled',
        user.id,
      ),
    )();
    this.#changed();
  }

  keychainEnabledFor(userId: string): boolean {
    const state = this.#state;
    return state.kind !== 'needs_setup' && hasKeychainSlot(state.keyring, userId);
  }

  async #replacePassphraseSlots(
    keyring: Keyring,
    dek: Buffer,
    label: { userId: string; label: string },
    passphrase: string,
  ): Promise<Keyring> {
    const oldSlots = passphraseSlotsOf(keyring, label.userId).map((slot) => slot.slotId);
    const withNew = await addPassphraseSlot(
      keyring,
      dek,
      label,
      passphrase,
      await resolveCost(this.#options.cost.passphrase),
    );
    await writeKeyringFile(this.#options.dataDir, withNew);
    this.#options.crashPoints?.afterNewSlotWritten?.();
    const withoutOld = removeSlots(withNew, oldSlots);
    await writeKeyringFile(this.#options.dataDir, withoutOld);
    return withoutOld;
  }

  async #open(keyring: Keyring, dek: Buffer, userId: string): Promise<void> {
    let db: Db;
    try {
      await this.#closing;
      // Damage the background check found stays a refusal until the app restarts (then the
      // check runs again): what quick_check at open used to answer, without its cost.
      if (this.#integrity?.status.state === 'damaged') {
        throw new StoreError(
          'DATABASE_DAMAGED',
          'The database failed its integrity check after the last unlock.',
        );
      }
      db = openDeviceDatabase(this.#options.dataDir, dek, keyring.dbId);
    } catch (error) {
      dek.fill(0);
      throw error;
    }
    let user: UserRow | null;
    try {
      keyring = await this.#followRemovals(keyring, db);
      user = findUser(db, userId);
      if (user === null || user.role === REMOTE_ROLE)
        throw new AppError('NOT_FOUND', 'There is no such person on this computer.');
      // Fail closed: a removal whose keyring write was lost (a crash) still keeps them out.
      if (isRemoved(db, userId)) {
        throw refusal(
          'personRemoved',
          'This person was removed from this computer and can no longer unlock SALW Field here.',
        );
      }
      // The centre's decision, learnt at an earlier sync: checked after the passphrase, so the
      // answer says nothing about a person to someone who does not know their passphrase.
      if (centreStandingOf(db, userId).deactivatedAt !== null) {
        throw refusal(
          'personDeactivated',
          'An administrator at the centre deactivated this person: they can no longer unlock SALW Field. What they recorded stays.',
        );
      }
      await this.#guard.recordSuccess();
    } catch (error) {
      // Whatever fails after the database opened, it is closed again and the key wiped.
      db.close();
      dek.fill(0);
      throw error;
    }
    this.#state = { kind: 'unlocked', keyring, db, dek, user };
    this.#signedOutReason = null;
    this.#options.log.info('session.unlocked', { userId });
    this.#startCheckpointer(db, dek);
    this.#startIntegrityCheck(dek);
    this.#changed();
  }

  /**
   * The keyring without the slots of anyone the database says was removed (left there by a
   * crash between removePerson's two steps). Best effort: if the write fails, #open still
   * refuses them, and the next unlock tries again.
   */
  async #followRemovals(keyring: Keyring, db: Db): Promise<Keyring> {
    const removed = keyring.users.filter((person) => isRemoved(db, person.userId));
    if (removed.length === 0) return keyring;
    const cleaned = removed.reduce((ring, person) => withoutPerson(ring, person.userId), keyring);
    try {
      await writeKeyringFile(this.#options.dataDir, cleaned);
      this.#options.log.info('session.removed_slots_cleaned', { people: removed.length });
      return cleaned;
    } catch (error) {
      this.#options.log.warn('session.removed_slots_left', { error: String(error) });
      return keyring;
    }
  }

  /**
   * Saves must not pay for copying the log into the file: a thread does it (wal-checkpointer.ts),
   * and the main connection checkpoints only as a safety net, or as SQLite does by default when
   * the thread cannot run.
   */
  #startCheckpointer(db: Db, dek: Buffer): void {
    db.pragma(`wal_autocheckpoint = ${MAIN_AUTOCHECKPOINT_PAGES}`);
    this.#checkpointer = startWalCheckpointer({
      file: databasePath(this.#options.dataDir),
      dek,
      log: this.#options.log,
      onFailed: () => {
        if (db.open) db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
      },
    });
  }

  /**
   * Opening checked only the header and the schema; every page is checked now, off the main
   * thread, while the person works. Damage locks the data at once: the person must learn of it,
   * and writing on into a damaged file can spread the damage.
   */
  #startIntegrityCheck(dek: Buffer): void {
    const check = startIntegrityCheck({
      file: databasePath(this.#options.dataDir),
      dek,
      log: this.#options.log,
      onDamage: () => {
        if (this.#integrity === check) void this.lock('damaged');
      },
    });
    this.#integrity = check;
  }

  /**
   * The keyring as the disk has it: the file is the authority. An operation that was still
   * running when the app locked may have changed it after the in-memory copy was taken.
   */
  async #lockedKeyring(): Promise<Keyring> {
    const state = this.#state;
    if (state.kind === 'needs_setup')
      throw new AppError('FORBIDDEN', 'SALW Field is not set up yet.');
    if (state.kind === 'unlocked')
      throw new AppError('FORBIDDEN', 'SALW Field is already unlocked.');
    const keyring = (await readKeyringFile(this.#options.dataDir)) ?? state.keyring;
    if (this.#state.kind === 'locked') this.#state = { kind: 'locked', keyring };
    return keyring;
  }

  /**
   * The unlocked state and a private copy of the data key. lock() wipes the session's key at
   * once, even while a key operation is between two awaits; the copy keeps that operation from
   * ever wrapping a zeroed key. The caller zero-fills the copy when done.
   */
  #unlockedCopy(): { state: Extract<SessionState, { kind: 'unlocked' }>; dek: Buffer } {
    this.requireUnlocked();
    const state = this.#state as Extract<SessionState, { kind: 'unlocked' }>;
    return { state, dek: Buffer.from(state.dek) };
  }

  /** After an await: LOCKED if the app locked meanwhile (its database is closed). */
  #assertStill(state: SessionState): void {
    if (this.#state !== state) {
      throw new AppError('LOCKED', 'SALW Field locked before this could finish.');
    }
  }

  async #throttle(): Promise<void> {
    const wait = await this.#guard.secondsToWait();
    if (wait > 0) {
      throw new AppError(
        'TOO_MANY_ATTEMPTS',
        `Too many wrong attempts. Try again in ${wait} seconds.`,
        [],
        wait,
      );
    }
  }

  async #failedAttempt(code: 'WRONG_PASSPHRASE', message: string): Promise<never> {
    const wait = await this.#guard.recordFailure();
    this.#options.log.warn('session.wrong_secret', { nextDelaySeconds: wait });
    throw new AppError(code, message, [], wait > 0 ? wait : undefined);
  }

  #recordUserChange(
    db: Db,
    dbId: string,
    user: UserRow,
    actorId: string | null,
    action: string,
  ): void {
    const at = this.#now().toISOString();
    appendAuditEntry(db, dbId, {
      at,
      userId: actorId ?? user.id,
      action,
      entity: 'user',
      entityId: user.id,
      before: null,
      after: user,
    });
    appendOutbox(db, {
      entity: 'user',
      entityId: user.id,
      op: 'create',
      baseRevision: 0,
      payload: user,
      createdAt: at,
      createdBy: actorId ?? user.id,
    });
  }

  /**
   * Security events of this laptop's keyring (passphrase changed or reset, keychain on or off):
   * audited here, but not queued for sync, because they describe this device's key slots, not
   * shared records.
   */
  #audit(db: Db, dbId: string, actorId: string, action: string, userId: string): void {
    appendAuditEntry(db, dbId, {
      at: this.#now().toISOString(),
      userId: actorId,
      action,
      entity: 'user',
      entityId: userId,
      before: null,
      after: null,
    });
  }

  /** Recovery code events: about this laptop's key slots, so audited and not queued for sync. */
  #auditRecoveryCode(db: Db, dbId: string, actorId: string, action: string, slotId: string): void {
    appendAuditEntry(db, dbId, {
      at: this.#now().toISOString(),
      userId: actorId,
      action,
      entity: 'recovery_code',
      entityId: slotId,
      before: null,
      after: null,
    });
  }

  #now(): Date {
    return this.#options.now?.() ?? new Date();
  }

  #changed(): void {
    for (const listener of this.#listeners) listener();
  }
}

/**
 * A refusal the renderer can put in the person's words: FORBIDDEN with one issue whose message
 * is a key (people.refusals.* in the session locale), beside the plain English for anyone else.
 */
function refusal(key: string, message: string): AppError {
  return new AppError('FORBIDDEN', message, [{ path: '', message: key, code: 'custom' }]);
}

function lastAdministrator(name: string, action: 'demote' | 'remove'): AppError {
  return refusal(
    'lastAdministrator',
    `${name} is the only administrator on this computer, so they cannot be ${action === 'demote' ? 'given another role' : 'removed'}. Make someone else an administrator first: somebody must always be able to add and remove people.`,
  );
}
