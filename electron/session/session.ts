import { randomBytes, randomUUID } from 'node:crypto';
import { AppError } from '../ipc/app-error.ts';
import { resolveCost, type KdfCost, type KdfCostSource } from '../keys/kdf.ts';
import {
  addKeychainSlot,
  addPassphraseSlot,
  createKeyring,
  hasKeychainSlot,
  passphraseSlotsOf,
  removeSlots,
  unwrapWithKeychain,
  unwrapWithPassphrase,
  unwrapWithRecoveryCode,
  type Keyring,
} from '../keys/keyring.ts';
import { readKeyringFile, writeKeyringFile } from '../keys/keyring-file.ts';
import type { OsKeychain } from '../keys/os-keychain.ts';
import { generateRecoveryCode, normaliseRecoveryCode } from '../keys/recovery-code.ts';
import { UnlockGuard } from '../keys/unlock-guard.ts';
import type { Logger } from '../logging/logger.ts';
import { appendAuditEntry } from '../store/audit-log.ts';
import {
  createDeviceDatabase,
  databasePath,
  openDeviceDatabase,
  setAsideOrphanDatabase,
} from '../store/device-database.ts';
import type { Db } from '../store/encrypted-database.ts';
import {
  startIntegrityCheck,
  type IntegrityCheck,
  type IntegrityStatus,
} from '../store/integrity-check.ts';
import { appendOutbox } from '../store/outbox.ts';
import { StoreError } from '../store/store-error.ts';
import { findUser, insertUser, type UserRow } from '../store/users-repository.ts';

export interface SessionOptions {
  readonly dataDir: string;
  readonly keychain: OsKeychain;
  readonly cost: { readonly passphrase: KdfCostSource; readonly recovery: KdfCost };
  readonly log: Logger;
  readonly now?: () => Date;
  /** Hooks for crash tests: throwing here stops an operation between its two durable steps. */
  readonly crashPoints?: { readonly afterNewSlotWritten?: () => void };
}

export interface NewPerson {
  readonly name: string;
  readonly role: string;
  readonly passphrase: string;
}

export type SessionState =
  | { readonly kind: 'needs_setup' }
  | { readonly kind: 'locked'; readonly keyring: Keyring }
  | {
      readonly kind: 'unlocked';
      keyring: Keyring;
      readonly db: Db;
      readonly dek: Buffer;
      readonly user: UserRow;
    };

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
  /** The background check of the data opened last (store/integrity-check.ts). */
  #integrity: IntegrityCheck | null = null;

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

  secondsToWait(): Promise<number> {
    return this.#guard.secondsToWait();
  }

  /** First run: the first person, the database and the keyring; returns the one-time recovery code. */
  setUp(person: NewPerson): Promise<string> {
    return this.#serial(() => this.#setUp(person));
  }

  async #setUp(person: NewPerson): Promise<string> {
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
      role: person.role,
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
    this.#options.log.info('session.set_up', { userId: user.id });
    this.#changed();
    return recoveryCode;
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
    db.transaction(() =>
      this.#audit(db, rotated.dbId, userId, 'user.passphrase_reset_with_recovery_code', userId),
    )();
  }

  #serial<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(operation, operation);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  /** 'damaged': the background integrity check found damage (see #open). */
  lock(reason: 'person' | 'idle' | 'damaged'): void {
    const state = this.#state;
    if (state.kind !== 'unlocked') return;
    // Its thread ends at the end of the SQLite call it is in; its result no longer counts.
    void this.#integrity?.stop();
    state.db.close();
    state.dek.fill(0);
    this.#state = { kind: 'locked', keyring: state.keyring };
    this.#options.log.info('session.locked', { reason });
    this.#changed();
  }

  addPerson(person: NewPerson): Promise<UserRow> {
    return this.#serial(() => this.#addPerson(person));
  }

  async #addPerson(person: NewPerson): Promise<UserRow> {
    const { state, dek } = this.#unlockedCopy();
    const { db, dbId, user: actor } = this.requireUnlocked();
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
      const { db, dbId } = this.requireUnlocked();
      db.transaction(() => this.#audit(db, dbId, user.id, 'user.passphrase_changed', user.id))();
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
      user = findUser(db, userId);
      if (user === null)
        throw new AppError('NOT_FOUND', 'There is no such person on this computer.');
      await this.#guard.recordSuccess();
    } catch (error) {
      // Whatever fails after the database opened, it is closed again and the key wiped.
      db.close();
      dek.fill(0);
      throw error;
    }
    this.#state = { kind: 'unlocked', keyring, db, dek, user };
    this.#options.log.info('session.unlocked', { userId });
    this.#startIntegrityCheck(dek);
    this.#changed();
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
        if (this.#integrity === check) this.lock('damaged');
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

  #now(): Date {
    return this.#options.now?.() ?? new Date();
  }

  #changed(): void {
    for (const listener of this.#listeners) listener();
  }
}
