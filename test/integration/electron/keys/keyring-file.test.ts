import { randomBytes, randomUUID } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fastTestCost } from '../../../../electron/keys/kdf.ts';
import {
  addKeychainSlot,
  createKeyring,
  unwrapWithPassphrase,
  type Keyring,
} from '../../../../electron/keys/keyring.ts';
import {
  KEYRING_FILE,
  KEYRING_BACKUP_FILE,
  KeyringFileError,
  readKeyringFile,
  writeKeyringFile,
} from '../../../../electron/keys/keyring-file.ts';
import {
  generateRecoveryCode,
  normaliseRecoveryCode,
} from '../../../../electron/keys/recovery-code.ts';
import { FakeKeychain } from '../../../support/fake-keychain.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

describe('keyring file', () => {
  let dir: string;
  let remove: () => Promise<void>;
  let keyring: Keyring;
  const dek = randomBytes(32);
  const userId = randomUUID();
  const passphrase = `kesten ${randomUUID()}`;
  const code = normaliseRecoveryCode(generateRecoveryCode()) ?? '';
  const file = () => path.join(dir, KEYRING_FILE);

  beforeEach(async () => {
    ({ dir, remove } = await makeTempDir('keyring'));
    keyring = await createKeyring({
      dek,
      user: { userId, label: 'Marko Petrović' },
      passphrase,
      recoveryCode: code,
      passphraseCost: fastTestCost,
      recoveryCost: fastTestCost,
    });
  });
  afterEach(() => remove());

  it('reads null from a data folder that was never set up', async () => {
    expect(await readKeyringFile(dir)).toBeNull();
  });

  it('writes atomically: valid JSON, owner-only (0600), no temp file left, and reads back equal', async () => {
    await writeKeyringFile(dir, keyring);
    expect((await readdir(dir)).sort()).toEqual([KEYRING_BACKUP_FILE, KEYRING_FILE]);
    expect((await stat(file())).mode & 0o777).toBe(0o600);
    const json = JSON.parse(await readFile(file(), 'utf8')) as unknown;
    expect(json).toMatchObject({ format: 'salw-field-keyring', version: 1, dbId: keyring.dbId });
    const read = await readKeyringFile(dir);
    expect(read).toEqual(keyring);
    expect((await unwrapWithPassphrase(read as Keyring, userId, passphrase))?.dek.equals(dek)).toBe(
      true,
    );
  });

  it('replaces an older keyring in place, still leaving no temp file', async () => {
    await writeKeyringFile(dir, keyring);
    const keychain = new FakeKeychain();
    const updated = await addKeychainSlot(keyring, dek, userId, keychain);
    await writeKeyringFile(dir, updated);
    expect((await readdir(dir)).sort()).toEqual([KEYRING_BACKUP_FILE, KEYRING_FILE]);
    expect(await readKeyringFile(dir)).toEqual(updated);
    expect((await stat(file())).mode & 0o777).toBe(0o600);
  });

  it('never writes the data key, in hex or base64, nor the secrets that wrap it', async () => {
    await writeKeyringFile(dir, await addKeychainSlot(keyring, dek, userId, new FakeKeychain()));
    const text = await readFile(file(), 'utf8');
    const bytes = await readFile(file());
    for (const form of [
      dek.toString('hex'),
      dek.toString('hex').toUpperCase(),
      dek.toString('base64'),
      dek.toString('base64url'),
      // The DEK inside a longer base64 value, at each of the three byte alignments.
      dek.subarray(0, 30).toString('base64'),
      dek.subarray(1, 31).toString('base64'),
      dek.subarray(2, 32).toString('base64'),
      passphrase,
      code,
    ]) {
      expect(text.includes(form), form).toBe(false);
    }
    expect(bytes.includes(dek)).toBe(false);
  });

  it('falls back to keyring.backup.json when keyring.json is damaged, so nobody is locked out', async () => {
    await writeKeyringFile(dir, keyring);
    const text = await readFile(file(), 'utf8');
    await writeFile(file(), text.slice(0, text.length / 2));
    expect(await readKeyringFile(dir)).toEqual(keyring);
  });

  it('refuses a keyring that is not JSON, e.g. cut short, with KeyringFileError when both copies are damaged', async () => {
    await writeKeyringFile(dir, keyring);
    const text = await readFile(file(), 'utf8');
    for (const damaged of [text.slice(0, text.length / 2), '', '\0\0\0\0', '{"format":']) {
      await writeFile(file(), damaged);
      await writeFile(path.join(dir, KEYRING_BACKUP_FILE), damaged);
      await expect(readKeyringFile(dir)).rejects.toBeInstanceOf(KeyringFileError);
      await expect(readKeyringFile(dir)).rejects.toThrow(/not valid JSON/);
    }
  });

  it('refuses JSON that is not a keyring with KeyringFileError', async () => {
    const damaged: unknown[] = [
      null,
      [],
      { ...keyring, format: 'something-else' },
      { ...keyring, version: 2 },
      { ...keyring, cipher: 'chacha20' },
      { ...keyring, dbId: 'not-a-uuid' },
      { ...keyring, slots: [{ ...keyring.slots[0], type: 'unknown' }] },
      { ...keyring, slots: [{ ...keyring.slots[0], wrap: { alg: 'A256GCM', nonce: '!!' } }] },
      {
        ...keyring,
        slots: keyring.slots.map((slot) =>
          slot.type === 'keychain' ? slot : { ...slot, kdf: { ...slot.kdf, m: 8 } },
        ),
      },
    ];
    for (const value of damaged) {
      await writeFile(file(), JSON.stringify(value));
      await writeFile(path.join(dir, KEYRING_BACKUP_FILE), JSON.stringify(value));
      await expect(readKeyringFile(dir), JSON.stringify(value).slice(0, 60)).rejects.toThrow(
        KeyringFileError,
      );
    }
  });

  it('ignores a stray keyring.json.<pid>.tmp left by a crash, and writes over one', async () => {
    await writeKeyringFile(dir, keyring);
    const strayOther = path.join(dir, `${KEYRING_FILE}.99999.tmp`);
    const strayOwn = path.join(dir, `${KEYRING_FILE}.${process.pid}.tmp`);
    await writeFile(strayOther, '{"format":"salw-field-keyring","half": tr');
    await writeFile(strayOwn, 'garbage from a crash of a process with our pid');
    expect(await readKeyringFile(dir)).toEqual(keyring);

    const updated = await addKeychainSlot(keyring, dek, userId, new FakeKeychain());
    await writeKeyringFile(dir, updated);
    expect(await readKeyringFile(dir)).toEqual(updated);
    // The leftover of the other process is left alone (never read, never trusted).
    expect((await readdir(dir)).sort()).toEqual([
      KEYRING_BACKUP_FILE,
      KEYRING_FILE,
      `${KEYRING_FILE}.99999.tmp`,
    ]);
  });

  // Regression (a bug found by this test, since fixed in the working tree): writeFile's mode
  // applies only when it creates the file, so a stale keyring.json.<pid>.tmp with looser
  // permissions (pids repeat after a reboot) used to be reused and renamed into place as a
  // world-readable keyring.json.
  it('keeps keyring.json owner-only even when a stale temp file with looser permissions was in the way', async () => {
    const strayOwn = path.join(dir, `${KEYRING_FILE}.${process.pid}.tmp`);
    await writeFile(strayOwn, 'left over', { mode: 0o644 });
    await writeKeyringFile(dir, keyring);
    expect(await readKeyringFile(dir)).toEqual(keyring);
    expect((await stat(file())).mode & 0o777).toBe(0o600);
  });

  it('refuses to write a keyring that does not pass its schema, leaving the old file intact', async () => {
    await writeKeyringFile(dir, keyring);
    const before = await readFile(file());
    const broken = { ...keyring, dbId: 'nope' } as Keyring;
    await expect(writeKeyringFile(dir, broken)).rejects.toThrow();
    expect((await readFile(file())).equals(before)).toBe(true);
    expect((await readdir(dir)).sort()).toEqual([KEYRING_BACKUP_FILE, KEYRING_FILE]);
  });
});
