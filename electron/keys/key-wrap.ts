import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';

export const WrappedKeySchema = z.object({
  alg: z.literal('A256GCM'),
  nonce: z.base64(),
  ct: z.base64(),
  tag: z.base64(),
});
export type WrappedKey = z.infer<typeof WrappedKeySchema>;

/**
 * AES-256-GCM key wrapping. The AAD binds a wrapped key to its database and slot
 * (dbId|slotId|type), so a slot copied from another laptop's keyring or relabelled fails to open.
 */
export function wrapKey(kek: Uint8Array, key: Uint8Array, aad: string): WrappedKey {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, nonce);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(key), cipher.final()]);
  return {
    alg: 'A256GCM',
    nonce: nonce.toString('base64'),
    ct: ct.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

/** Returns the key, or null when the KEK is wrong or anything was tampered with. */
export function unwrapKey(kek: Uint8Array, wrapped: WrappedKey, aad: string): Buffer | null {
  try {
    // authTagLength pins the full 128-bit tag: by default Node accepts a truncated tag, which
    // would let a forger get away with guessing 4 bytes.
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(wrapped.nonce, 'base64'), {
      authTagLength: 16,
    });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(Buffer.from(wrapped.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(wrapped.ct, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}
