import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { unwrapKey, wrapKey, type WrappedKey } from '../../../../electron/keys/key-wrap.ts';

const aad = 'db-id|slot-id|passphrase';

/** Flips one bit of one base64 field, the way a tampered keyring would carry it. */
function flip(wrapped: WrappedKey, field: 'nonce' | 'ct' | 'tag', byte = 0): WrappedKey {
  const bytes = Buffer.from(wrapped[field], 'base64');
  bytes[byte] = (bytes[byte] ?? 0) ^ 0x01;
  return { ...wrapped, [field]: bytes.toString('base64') };
}

describe('wrapKey / unwrapKey (AES-256-GCM)', () => {
  const kek = randomBytes(32);
  const dek = randomBytes(32);
  const wrapped = wrapKey(kek, dek, aad);

  it('round-trips the key', () => {
    expect(unwrapKey(kek, wrapped, aad)?.equals(dek)).toBe(true);
  });

  it('never carries the key in clear, and uses a fresh nonce each time', () => {
    expect(Buffer.from(wrapped.ct, 'base64').equals(dek)).toBe(false);
    expect(Buffer.from(wrapped.nonce, 'base64')).toHaveLength(12);
    expect(Buffer.from(wrapped.tag, 'base64')).toHaveLength(16);
    const again = wrapKey(kek, dek, aad);
    expect(again.nonce).not.toBe(wrapped.nonce);
    expect(again.ct).not.toBe(wrapped.ct);
  });

  it('returns null for a wrong KEK', () => {
    expect(unwrapKey(randomBytes(32), wrapped, aad)).toBeNull();
  });

  it('returns null when the ciphertext, the tag or the nonce was tampered with', () => {
    expect(unwrapKey(kek, flip(wrapped, 'ct'), aad)).toBeNull();
    expect(unwrapKey(kek, flip(wrapped, 'ct', 31), aad)).toBeNull();
    expect(unwrapKey(kek, flip(wrapped, 'tag'), aad)).toBeNull();
    expect(unwrapKey(kek, flip(wrapped, 'tag', 15), aad)).toBeNull();
    expect(unwrapKey(kek, flip(wrapped, 'nonce'), aad)).toBeNull();
  });

  it('returns null for an empty ciphertext, a missing tag or a bad nonce instead of throwing', () => {
    expect(unwrapKey(kek, { ...wrapped, ct: '' }, aad)).toBeNull();
    expect(unwrapKey(kek, { ...wrapped, tag: '' }, aad)).toBeNull();
    expect(unwrapKey(kek, { ...wrapped, nonce: '' }, aad)).toBeNull();
  });

  // Regression (a bug found by this test, since fixed in the working tree): without
  // { authTagLength: 16 } Node's createDecipheriv accepts a tag cut to its first 4 or 8 bytes
  // (DEP0182), so anyone who could edit keyring.json could shrink a slot's 128-bit integrity
  // check to 32 bits.
  it('rejects a tag truncated to 4 or 8 bytes (a full 128-bit tag is required)', () => {
    const tag = Buffer.from(wrapped.tag, 'base64');
    for (const length of [4, 8, 12]) {
      const truncated = { ...wrapped, tag: tag.subarray(0, length).toString('base64') };
      expect(unwrapKey(kek, truncated, aad), `${length}-byte tag`).toBeNull();
    }
  });

  it('returns null under a different AAD (another database, slot or slot type)', () => {
    expect(unwrapKey(kek, wrapped, 'other-db|slot-id|passphrase')).toBeNull();
    expect(unwrapKey(kek, wrapped, 'db-id|other-slot|passphrase')).toBeNull();
    expect(unwrapKey(kek, wrapped, 'db-id|slot-id|recovery')).toBeNull();
    expect(unwrapKey(kek, wrapped, '')).toBeNull();
  });
});
