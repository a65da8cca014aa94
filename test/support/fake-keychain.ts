import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { OsKeychain } from '../../electron/keys/os-keychain.ts';

/**
 * A stand-in for Electron's safeStorage: it really seals (AES-256-GCM under a per-"machine" key),
 * so a sealed value never carries the secret in clear and a value sealed on one machine does not
 * open on another. Switches make it behave like the failures users hit (sync-and-crypto.md 4.5):
 * - `available = false`: no usable backend (Linux basic_text, a headless session);
 * - `failOpen = true`: the backend answers but cannot decrypt, as after a profile was copied to a
 *   new machine or the Linux desktop changed (Signal-Desktop#7005, #6970);
 * - `moveToAnotherMachine()`: the same, for real: the machine key changes, so open() fails on its own.
 */
export class FakeKeychain implements OsKeychain {
  available = true;
  failOpen = false;
  seals = 0;
  opens = 0;
  #machineKey: Buffer = randomBytes(32);

  isAvailable(): Promise<boolean> {
    return Promise.resolve(this.available);
  }

  seal(secret: string): Promise<Uint8Array> {
    if (!this.available) return Promise.reject(new Error('The system keychain is not available.'));
    this.seals += 1;
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#machineKey, nonce);
    const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return Promise.resolve(
      Buffer.concat([Buffer.from('FAKEv1'), nonce, body, cipher.getAuthTag()]),
    );
  }

  open(sealed: Uint8Array): Promise<string> {
    this.opens += 1;
    if (!this.available) return Promise.reject(new Error('The system keychain is not available.'));
    if (this.failOpen) return Promise.reject(new Error(decryptFailure));
    try {
      const bytes = Buffer.from(sealed);
      const nonce = bytes.subarray(6, 18);
      const decipher = createDecipheriv('aes-256-gcm', this.#machineKey, nonce);
      decipher.setAuthTag(bytes.subarray(bytes.length - 16));
      const plain = Buffer.concat([
        decipher.update(bytes.subarray(18, bytes.length - 16)),
        decipher.final(),
      ]);
      return Promise.resolve(plain.toString('utf8'));
    } catch {
      return Promise.reject(new Error(decryptFailure));
    }
  }

  /** The profile now runs on a machine whose keychain never saw this app's secrets. */
  moveToAnotherMachine(): void {
    this.#machineKey = randomBytes(32);
  }
}

const decryptFailure =
  'Error while decrypting the ciphertext provided to safeStorage.decryptString.';
