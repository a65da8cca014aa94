import { hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { deriveKek, KdfParamsSchema, newKdfParams, type KdfCost } from './kdf.ts';
import { unwrapKey, WrappedKeySchema, wrapKey } from './key-wrap.ts';
import type { OsKeychain } from './os-keychain.ts';

/**
 * The key slots of one device database (sync-and-crypto.md 7.6). One random data key (DEK) opens
 * the database; each slot wraps it under a different secret. Changing a passphrase rewraps one slot
 * and never re-encrypts the database. The keyring file is plaintext JSON next to the database: it
 * holds only wrapped keys, KDF parameters and the labels the unlock screen shows.
 */
const base = {
  slotId: z.uuid(),
  createdAt: z.iso.datetime({ offset: true }),
  wrap: WrappedKeySchema,
};

export const PassphraseSlotSchema = z.object({
  ...base,
  type: z.literal('passphrase'),
  userId: z.uuid(),
  kdf: KdfParamsSchema,
});
export const RecoverySlotSchema = z.object({
  ...base,
  type: z.literal('recovery'),
  kdf: KdfParamsSchema,
});
export const KeychainSlotSchema = z.object({
  ...base,
  type: z.literal('keychain'),
  userId: z.uuid(),
  /** A random device KEK, sealed by the OS keychain; the KEK wraps the DEK. */
  sealedKek: z.base64(),
});
export const KeySlotSchema = z.discriminatedUnion('type', [
  PassphraseSlotSchema,
  RecoverySlotSchema,
  KeychainSlotSchema,
]);
export type KeySlot = z.infer<typeof KeySlotSchema>;

/** What the unlock screen lists before anything is decrypted: an id and the name to click on. */
export const KeyringUserSchema = z.object({ userId: z.uuid(), label: z.string().min(1).max(80) });
export type KeyringUser = z.infer<typeof KeyringUserSchema>;

/**
 * A recovery code its administrator has not yet confirmed they kept (written down or printed).
 * Until then every unlock by that administrator shows the sheet again with the same code, so a
 * closed window, a reload or a crash cannot lose the only copy. The code is a secret that opens
 * all the data: it is sealed here under a key derived from the data key (AES-256-GCM), never
 * stored in clear, and only someone who has unlocked can read it back. The AAD binds it to this
 * database, to the recovery slot it opens and to the person it is shown to, so it cannot be moved
 * to another slot, keyring or person. Confirming removes it.
 */
export const PendingRecoveryCodeSchema = z.object({
  /** The recovery slot this code opens. */
  slotId: z.uuid(),
  /** The administrator who made it, the only one it is shown to. */
  userId: z.uuid(),
  /** 'set_up': the first code of this computer; 'replaced': made anew, the old one dead. */
  reason: z.enum(['set_up', 'replaced']),
  createdAt: z.iso.datetime({ offset: true }),
  sealed: WrappedKeySchema,
});
export type PendingRecoveryCode = z.infer<typeof PendingRecoveryCodeSchema>;

export const KeyringSchema = z.object({
  format: z.literal('salw-field-keyring'),
  version: z.literal(1),
  dbId: z.uuid(),
  cipher: z.literal('aegis'),
  users: z.array(KeyringUserSchema),
  slots: z.array(KeySlotSchema),
  pendingRecoveryCode: PendingRecoveryCodeSchema.optional(),
});
export type Keyring = z.infer<typeof KeyringSchema>;

const aad = (keyring: Pick<Keyring, 'dbId'>, slot: Pick<KeySlot, 'slotId' | 'type'>) =>
  `${keyring.dbId}|${slot.slotId}|${slot.type}`;

const now = () => new Date().toISOString();

export async function createKeyring(options: {
  dek: Uint8Array;
  user: KeyringUser;
  passphrase: string;
  recoveryCode: string;
  passphraseCost: KdfCost;
  recoveryCost: KdfCost;
}): Promise<Keyring> {
  let keyring: Keyring = {
    format: 'salw-field-keyring',
    version: 1,
    dbId: randomUUID(),
    cipher: 'aegis',
    users: [],
    slots: [],
  };
  keyring = await addPassphraseSlot(
    keyring,
    options.dek,
    options.user,
    options.passphrase,
    options.passphraseCost,
  );
  // The first person is the administrator: the code waits for them to confirm they kept it.
  return replaceRecoverySlot(keyring, options.dek, {
    code: options.recoveryCode,
    cost: options.recoveryCost,
    shownTo: options.user.userId,
    reason: 'set_up',
  });
}

/**
 * A new recovery slot for `code`, replacing every recovery slot there was, with the code sealed
 * as pending for `shownTo`. The caller writes the result in ONE atomic keyring write, so the old
 * code stops working at the same moment the new one starts, and the new code can never be in
 * effect without its pending sheet (a crash leaves either the old keyring or the new one).
 * `code` is the normalised form (normaliseRecoveryCode): what the person types is reduced to it.
 */
export async function replaceRecoverySlot(
  keyring: Keyring,
  dek: Uint8Array,
  options: {
    code: string;
    cost: KdfCost;
    shownTo: string;
    reason: PendingRecoveryCode['reason'];
  },
): Promise<Keyring> {
  const slotId = randomUUID();
  const kdf = newKdfParams(options.cost, randomBytes(16));
  const kek = await deriveKek(options.code, kdf);
  const slot: KeySlot = {
    slotId,
    type: 'recovery',
    createdAt: now(),
    kdf,
    wrap: wrapKey(kek, dek, aad(keyring, { slotId, type: 'recovery' })),
  };
  kek.fill(0);
  const pending = sealPendingCode(keyring, dek, {
    slotId,
    userId: options.shownTo,
    reason: options.reason,
    createdAt: slot.createdAt,
    code: options.code,
  });
  return {
    ...keyring,
    slots: [...keyring.slots.filter((other) => other.type !== 'recovery'), slot],
    pendingRecoveryCode: pending,
  };
}

/** Only for sealing the pending code: a key of its own, so the data key is used for nothing else. */
function pendingCodeKey(keyring: Pick<Keyring, 'dbId'>, dek: Uint8Array): Buffer {
  return Buffer.from(
    hkdfSync('sha256', dek, Buffer.from(keyring.dbId), 'salw-field:pending-recovery-code', 32),
  );
}

const pendingAad = (keyring: Pick<Keyring, 'dbId'>, pending: { slotId: string; userId: string }) =>
  `${keyring.dbId}|${pending.slotId}|pending-recovery-code|${pending.userId}`;

function sealPendingCode(
  keyring: Pick<Keyring, 'dbId'>,
  dek: Uint8Array,
  pending: Omit<PendingRecoveryCode, 'sealed'> & { code: string },
): PendingRecoveryCode {
  const key = pendingCodeKey(keyring, dek);
  const sealed = wrapKey(key, Buffer.from(pending.code, 'utf8'), pendingAad(keyring, pending));
  key.fill(0);
  const { code: _code, ...rest } = pending;
  return { ...rest, sealed };
}

/**
 * The pending recovery code in clear, for the sheet; null when none is pending, when it belongs
 * to a slot that no longer exists, or when it does not open (tampered with, another database).
 */
export function openPendingRecoveryCode(
  keyring: Keyring,
  dek: Uint8Array,
): (Omit<PendingRecoveryCode, 'sealed'> & { code: string }) | null {
  const pending = keyring.pendingRecoveryCode;
  if (pending === undefined) return null;
  if (!keyring.slots.some((slot) => slot.type === 'recovery' && slot.slotId === pending.slotId))
    return null;
  const key = pendingCodeKey(keyring, dek);
  const opened = unwrapKey(key, pending.sealed, pendingAad(keyring, pending));
  key.fill(0);
  if (opened === null) return null;
  const code = opened.toString('utf8');
  opened.fill(0);
  const { sealed: _sealed, ...rest } = pending;
  return { ...rest, code };
}

/** The keyring once the code is confirmed as kept: nothing of it is left but its slot. */
export function withoutPendingRecoveryCode(keyring: Keyring): Keyring {
  const { pendingRecoveryCode: _pending, ...rest } = keyring;
  return rest;
}

/**
 * A removed person: their passphrase and keychain slots go, so nothing of theirs opens the data
 * key any more, and their name leaves the unlock screen. Their user row in the database stays.
 */
export function withoutPerson(keyring: Keyring, userId: string): Keyring {
  return {
    ...keyring,
    users: keyring.users.filter((user) => user.userId !== userId),
    slots: keyring.slots.filter((slot) => slot.type === 'recovery' || slot.userId !== userId),
  };
}

export async function addPassphraseSlot(
  keyring: Keyring,
  dek: Uint8Array,
  user: KeyringUser,
  passphrase: string,
  cost: KdfCost,
): Promise<Keyring> {
  const slotId = randomUUID();
  const kdf = newKdfParams(cost, randomBytes(16));
  const kek = await deriveKek(passphrase, kdf);
  const slot: KeySlot = {
    slotId,
    type: 'passphrase',
    userId: user.userId,
    createdAt: now(),
    kdf,
    wrap: wrapKey(kek, dek, aad(keyring, { slotId, type: 'passphrase' })),
  };
  kek.fill(0);
  const users = keyring.users.some((known) => known.userId === user.userId)
    ? keyring.users
    : [...keyring.users, user];
  return { ...keyring, users, slots: [...keyring.slots, slot] };
}

export async function addKeychainSlot(
  keyring: Keyring,
  dek: Uint8Array,
  userId: string,
  keychain: OsKeychain,
): Promise<Keyring> {
  const slotId = randomUUID();
  const kek = randomBytes(32);
  const sealed = await keychain.seal(kek.toString('base64'));
  const slot: KeySlot = {
    slotId,
    type: 'keychain',
    userId,
    createdAt: now(),
    sealedKek: Buffer.from(sealed).toString('base64'),
    wrap: wrapKey(kek, dek, aad(keyring, { slotId, type: 'keychain' })),
  };
  kek.fill(0);
  // One keychain slot per person: enabling again replaces the old one.
  const others = keyring.slots.filter(
    (other) => !(other.type === 'keychain' && other.userId === userId),
  );
  return { ...keyring, slots: [...others, slot] };
}

export function removeSlots(keyring: Keyring, slotIds: readonly string[]): Keyring {
  return { ...keyring, slots: keyring.slots.filter((slot) => !slotIds.includes(slot.slotId)) };
}

export function passphraseSlotsOf(keyring: Keyring, userId: string) {
  return keyring.slots.filter(
    (slot): slot is z.infer<typeof PassphraseSlotSchema> =>
      slot.type === 'passphrase' && slot.userId === userId,
  );
}

/** Tries every passphrase slot of the person (two exist briefly while a passphrase changes). */
export async function unwrapWithPassphrase(
  keyring: Keyring,
  userId: string,
  passphrase: string,
): Promise<{ dek: Buffer; slotId: string } | null> {
  for (const slot of passphraseSlotsOf(keyring, userId)) {
    const kek = await deriveKek(passphrase, slot.kdf);
    const dek = unwrapKey(kek, slot.wrap, aad(keyring, slot));
    kek.fill(0);
    if (dek !== null) return { dek, slotId: slot.slotId };
  }
  return null;
}

export async function unwrapWithRecoveryCode(
  keyring: Keyring,
  code: string,
): Promise<Buffer | null> {
  for (const slot of keyring.slots) {
    if (slot.type !== 'recovery') continue;
    const kek = await deriveKek(code, slot.kdf);
    const dek = unwrapKey(kek, slot.wrap, aad(keyring, slot));
    kek.fill(0);
    if (dek !== null) return dek;
  }
  return null;
}

/**
 * Null when there is no keychain slot for the person or the keychain cannot open it any more (a
 * profile copied to another machine, a changed Linux desktop): the caller falls back to the
 * passphrase, never to a dead end.
 */
export async function unwrapWithKeychain(
  keyring: Keyring,
  userId: string,
  keychain: OsKeychain,
): Promise<Buffer | null> {
  const slot = keyring.slots.find(
    (candidate) => candidate.type === 'keychain' && candidate.userId === userId,
  );
  if (slot === undefined || slot.type !== 'keychain') return null;
  try {
    if (!(await keychain.isAvailable())) return null;
    const kek = Buffer.from(await keychain.open(Buffer.from(slot.sealedKek, 'base64')), 'base64');
    const dek = unwrapKey(kek, slot.wrap, aad(keyring, slot));
    kek.fill(0);
    return dek;
  } catch {
    return null;
  }
}

export function hasKeychainSlot(keyring: Keyring, userId: string): boolean {
  return keyring.slots.some((slot) => slot.type === 'keychain' && slot.userId === userId);
}
