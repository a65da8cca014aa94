import { randomBytes, randomUUID } from 'node:crypto';
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

export const KeyringSchema = z.object({
  format: z.literal('salw-field-keyring'),
  version: z.literal(1),
  dbId: z.uuid(),
  cipher: z.literal('aegis'),
  users: z.array(KeyringUserSchema),
  slots: z.array(KeySlotSchema),
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
  const slotId = randomUUID();
  const kdf = newKdfParams(options.recoveryCost, randomBytes(16));
  const kek = await deriveKek(options.recoveryCode, kdf);
  const slot = {
    slotId,
    type: 'recovery' as const,
    createdAt: now(),
    kdf,
    wrap: wrapKey(kek, options.dek, aad(keyring, { slotId, type: 'recovery' })),
  };
  kek.fill(0);
  return { ...keyring, slots: [...keyring.slots, slot] };
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
