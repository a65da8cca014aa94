import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fastTestCost, KdfParamsSchema } from '../../../../electron/keys/kdf.ts';
import {
  addKeychainSlot,
  addPassphraseSlot,
  createKeyring,
  hasKeychainSlot,
  KeyringSchema,
  passphraseSlotsOf,
  removeSlots,
  unwrapWithKeychain,
  unwrapWithPassphrase,
  unwrapWithRecoveryCode,
  type Keyring,
  type KeySlot,
} from '../../../../electron/keys/keyring.ts';
import {
  generateRecoveryCode,
  normaliseRecoveryCode,
} from '../../../../electron/keys/recovery-code.ts';
import { FakeKeychain } from '../../../support/fake-keychain.ts';

interface Made {
  keyring: Keyring;
  dek: Buffer;
  userId: string;
  passphrase: string;
  code: string;
}

async function makeKeyring(): Promise<Made> {
  const dek = randomBytes(32);
  const userId = randomUUID();
  const passphrase = `correct horse ${randomUUID()}`;
  const code = normaliseRecoveryCode(generateRecoveryCode()) ?? '';
  const keyring = await createKeyring({
    dek,
    user: { userId, label: 'Amina Hadžić' },
    passphrase,
    recoveryCode: code,
    passphraseCost: fastTestCost,
    recoveryCost: fastTestCost,
  });
  return { keyring, dek, userId, passphrase, code };
}

describe('keyring', () => {
  it('creates one passphrase slot and one recovery slot for a new database id', async () => {
    const { keyring, userId } = await makeKeyring();
    expect(KeyringSchema.parse(keyring)).toEqual(keyring);
    expect(keyring.cipher).toBe('aegis');
    expect(keyring.users).toEqual([{ userId, label: 'Amina Hadžić' }]);
    expect(keyring.slots.map((slot) => slot.type).sort()).toEqual(['passphrase', 'recovery']);
    const salts = keyring.slots.map((slot) => (slot.type === 'keychain' ? '' : slot.kdf.salt));
    expect(new Set(salts).size).toBe(2);
    for (const slot of keyring.slots) {
      if (slot.type === 'keychain') continue;
      // Parameters are stored per slot (LUKS2-style), so they can rise later.
      expect(KdfParamsSchema.parse(slot.kdf)).toMatchObject({ alg: 'argon2id', ...fastTestCost });
    }
    expect((await makeKeyring()).keyring.dbId).not.toBe(keyring.dbId);
  });

  it('unwraps the data key with the passphrase and with the recovery code', async () => {
    const { keyring, dek, userId, passphrase, code } = await makeKeyring();
    const byPassphrase = await unwrapWithPassphrase(keyring, userId, passphrase);
    expect(byPassphrase?.dek.equals(dek)).toBe(true);
    expect(byPassphrase?.slotId).toBe(passphraseSlotsOf(keyring, userId)[0]?.slotId);
    expect((await unwrapWithRecoveryCode(keyring, code))?.equals(dek)).toBe(true);
  });

  it('returns null for a wrong passphrase, a near-miss, the wrong person or a wrong code', async () => {
    const { keyring, userId, passphrase, code } = await makeKeyring();
    expect(await unwrapWithPassphrase(keyring, userId, 'wrong')).toBeNull();
    expect(await unwrapWithPassphrase(keyring, userId, `${passphrase} `)).toBeNull();
    expect(await unwrapWithPassphrase(keyring, userId, passphrase.toUpperCase())).toBeNull();
    expect(await unwrapWithPassphrase(keyring, randomUUID(), passphrase)).toBeNull();
    const otherCode = normaliseRecoveryCode(generateRecoveryCode()) ?? '';
    expect(await unwrapWithRecoveryCode(keyring, otherCode)).toBeNull();
    // The recovery code is not a passphrase, and the passphrase is not a recovery code.
    expect(await unwrapWithPassphrase(keyring, userId, code)).toBeNull();
    expect(await unwrapWithRecoveryCode(keyring, passphrase)).toBeNull();
  });

  it('treats a passphrase typed in another Unicode normal form as the same passphrase', async () => {
    const dek = randomBytes(32);
    const userId = randomUUID();
    const composed = 'Šarić čuva ključ';
    const keyring = await addPassphraseSlot(
      { ...(await makeKeyring()).keyring, slots: [], users: [] },
      dek,
      { userId, label: 'Š' },
      composed,
      fastTestCost,
    );
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    expect((await unwrapWithPassphrase(keyring, userId, decomposed))?.dek.equals(dek)).toBe(true);
  });

  it('refuses a slot moved into another keyring (its AAD names the original database)', async () => {
    const a = await makeKeyring();
    const b = await makeKeyring();
    const slotOfA = passphraseSlotsOf(a.keyring, a.userId)[0] as KeySlot;
    const recoveryOfA = a.keyring.slots.find((slot) => slot.type === 'recovery') as KeySlot;
    const grafted: Keyring = {
      ...b.keyring,
      users: [...b.keyring.users, ...a.keyring.users],
      slots: [...b.keyring.slots, slotOfA, recoveryOfA],
    };
    expect(await unwrapWithPassphrase(grafted, a.userId, a.passphrase)).toBeNull();
    expect(await unwrapWithRecoveryCode(grafted, a.code)).toBeNull();
    // The same slot still opens in its own keyring, and B's own slots are unaffected.
    expect((await unwrapWithPassphrase(a.keyring, a.userId, a.passphrase))?.dek.equals(a.dek)).toBe(
      true,
    );
    expect((await unwrapWithPassphrase(grafted, b.userId, b.passphrase))?.dek.equals(b.dek)).toBe(
      true,
    );
  });

  it('refuses a slot whose id or type was relabelled', async () => {
    const { keyring, userId, passphrase, code } = await makeKeyring();
    const relabelled: Keyring = {
      ...keyring,
      slots: keyring.slots.map((slot) => ({ ...slot, slotId: randomUUID() })),
    };
    expect(await unwrapWithPassphrase(relabelled, userId, passphrase)).toBeNull();
    // The recovery slot presented as the person's passphrase slot.
    const recovery = keyring.slots.find((slot) => slot.type === 'recovery');
    if (recovery?.type !== 'recovery') throw new Error('no recovery slot');
    const retyped: Keyring = {
      ...keyring,
      slots: [{ ...recovery, type: 'passphrase', userId }],
    };
    expect(await unwrapWithPassphrase(retyped, userId, code)).toBeNull();
  });

  it('keeps both slots of a person working until the old one is removed', async () => {
    const { keyring, dek, userId, passphrase } = await makeKeyring();
    const label = keyring.users[0] ?? { userId, label: 'x' };
    const oldIds = passphraseSlotsOf(keyring, userId).map((slot) => slot.slotId);
    const withNew = await addPassphraseSlot(keyring, dek, label, 'the new one', fastTestCost);
    expect(withNew.users).toHaveLength(1);
    expect((await unwrapWithPassphrase(withNew, userId, passphrase))?.dek.equals(dek)).toBe(true);
    expect((await unwrapWithPassphrase(withNew, userId, 'the new one'))?.dek.equals(dek)).toBe(
      true,
    );
    const rotated = removeSlots(withNew, oldIds);
    expect(await unwrapWithPassphrase(rotated, userId, passphrase)).toBeNull();
    expect((await unwrapWithPassphrase(rotated, userId, 'the new one'))?.dek.equals(dek)).toBe(
      true,
    );
  });

  describe('keychain slot', () => {
    it('unlocks through the OS keychain, which holds a device KEK and never the data key', async () => {
      const { keyring, dek, userId } = await makeKeyring();
      const keychain = new FakeKeychain();
      const withKeychain = await addKeychainSlot(keyring, dek, userId, keychain);
      expect(hasKeychainSlot(withKeychain, userId)).toBe(true);
      expect((await unwrapWithKeychain(withKeychain, userId, keychain))?.equals(dek)).toBe(true);
      const slot = withKeychain.slots.find((candidate) => candidate.type === 'keychain');
      if (slot?.type !== 'keychain') throw new Error('no keychain slot');
      const sealedKek = await keychain.open(Buffer.from(slot.sealedKek, 'base64'));
      expect(Buffer.from(sealedKek, 'base64')).toHaveLength(32);
      expect(Buffer.from(sealedKek, 'base64').equals(dek)).toBe(false);
    });

    it('keeps one keychain slot per person: enabling again replaces it', async () => {
      const { keyring, dek, userId } = await makeKeyring();
      const keychain = new FakeKeychain();
      const once = await addKeychainSlot(keyring, dek, userId, keychain);
      const twice = await addKeychainSlot(once, dek, userId, keychain);
      expect(twice.slots.filter((slot) => slot.type === 'keychain')).toHaveLength(1);
      expect((await unwrapWithKeychain(twice, userId, keychain))?.equals(dek)).toBe(true);
    });

    it('returns null, not an exception, when the keychain is unavailable', async () => {
      const { keyring, dek, userId } = await makeKeyring();
      const keychain = new FakeKeychain();
      const withKeychain = await addKeychainSlot(keyring, dek, userId, keychain);
      keychain.available = false;
      await expect(unwrapWithKeychain(withKeychain, userId, keychain)).resolves.toBeNull();
    });

    it('returns null when the keychain cannot open its seal (profile on another machine)', async () => {
      const { keyring, dek, userId } = await makeKeyring();
      const keychain = new FakeKeychain();
      const withKeychain = await addKeychainSlot(keyring, dek, userId, keychain);
      keychain.failOpen = true;
      await expect(unwrapWithKeychain(withKeychain, userId, keychain)).resolves.toBeNull();
      keychain.failOpen = false;
      keychain.moveToAnotherMachine();
      await expect(unwrapWithKeychain(withKeychain, userId, keychain)).resolves.toBeNull();
      // The passphrase slot is still there: no dead end.
      expect(passphraseSlotsOf(withKeychain, userId)).toHaveLength(1);
    });

    it('returns null for a person without a keychain slot, and for a slot moved to another keyring', async () => {
      const a = await makeKeyring();
      const b = await makeKeyring();
      const keychain = new FakeKeychain();
      const withKeychain = await addKeychainSlot(a.keyring, a.dek, a.userId, keychain);
      expect(await unwrapWithKeychain(withKeychain, randomUUID(), keychain)).toBeNull();
      const slot = withKeychain.slots.find((candidate) => candidate.type === 'keychain') as KeySlot;
      const grafted: Keyring = { ...b.keyring, slots: [...b.keyring.slots, slot] };
      expect(await unwrapWithKeychain(grafted, a.userId, keychain)).toBeNull();
    });
  });
});
