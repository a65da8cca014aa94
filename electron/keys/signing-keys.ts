import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { z } from 'zod';
import { deriveKek, KdfParamsSchema, newKdfParams, type KdfCost } from './kdf.ts';
import { unwrapKey, wrapKey, WrappedKeySchema } from './key-wrap.ts';

/**
 * A person's Ed25519 signing key (issue 14): the private half is wrapped by a key derived from
 * THAT person's passphrase (Argon2id, a salt of its own), so nobody else signed in on the laptop,
 * and nobody holding only the data key, can seal a record as them. It is opened only for the
 * moment of sealing, with the passphrase typed then, and never kept.
 */
export const WrappedSigningKeySchema = z.object({ kdf: KdfParamsSchema, wrap: WrappedKeySchema });
export type WrappedSigningKey = z.infer<typeof WrappedSigningKeySchema>;

export interface NewSigningKey {
  readonly keyId: string;
  /** Raw 32-byte public key, base64 (SigningKeySchema). */
  readonly publicKey: string;
  readonly wrapped: WrappedSigningKey;
  readonly privateKey: KeyObject;
}

/** The wrap is bound to its key and person: a wrapped key copied to another row fails to open. */
function aadOf(keyId: string, userId: string): string {
  return `signing-key|${keyId}|${userId}`;
}

export async function createSigningKey(
  keyId: string,
  userId: string,
  passphrase: string,
  cost: KdfCost,
): Promise<NewSigningKey> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const kdf = newKdfParams(cost, randomBytes(16));
  const kek = await deriveKek(passphrase, kdf);
  const pkcs8 = privateKey.export({ format: 'der', type: 'pkcs8' });
  try {
    return {
      keyId,
      publicKey: rawPublicKeyOf(publicKey),
      wrapped: { kdf, wrap: wrapKey(kek, pkcs8, aadOf(keyId, userId)) },
      privateKey,
    };
  } finally {
    kek.fill(0);
    pkcs8.fill(0);
  }
}

/** The private key, or null when the passphrase is not the one it was wrapped with. */
export async function openSigningKey(
  keyId: string,
  userId: string,
  passphrase: string,
  wrapped: WrappedSigningKey,
): Promise<KeyObject | null> {
  const kek = await deriveKek(passphrase, wrapped.kdf);
  const pkcs8 = unwrapKey(kek, wrapped.wrap, aadOf(keyId, userId));
  kek.fill(0);
  if (pkcs8 === null) return null;
  try {
    return createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  } finally {
    pkcs8.fill(0);
  }
}

/** The same private key wrapped by a new passphrase (a passphrase change), or null. */
export async function rewrapSigningKey(
  keyId: string,
  userId: string,
  wrapped: WrappedSigningKey,
  oldPassphrase: string,
  newPassphrase: string,
  cost: KdfCost,
): Promise<WrappedSigningKey | null> {
  const kek = await deriveKek(oldPassphrase, wrapped.kdf);
  const pkcs8 = unwrapKey(kek, wrapped.wrap, aadOf(keyId, userId));
  kek.fill(0);
  if (pkcs8 === null) return null;
  const kdf = newKdfParams(cost, randomBytes(16));
  const newKek = await deriveKek(newPassphrase, kdf);
  try {
    return { kdf, wrap: wrapKey(newKek, pkcs8, aadOf(keyId, userId)) };
  } finally {
    newKek.fill(0);
    pkcs8.fill(0);
  }
}

function rawPublicKeyOf(publicKey: KeyObject): string {
  const jwk = publicKey.export({ format: 'jwk' });
  return Buffer.from(String(jwk.x), 'base64url').toString('base64');
}

export function signText(privateKey: KeyObject, text: string): string {
  return sign(null, Buffer.from(text, 'utf8'), privateKey).toString('base64');
}

/** Whether `signature` is the key's Ed25519 signature of `text`; false for any malformed input. */
export function verifyText(publicKey: string, text: string, signature: string): boolean {
  try {
    const key = createPublicKey({
      key: {
        kty: 'OKP',
        crv: 'Ed25519',
        x: Buffer.from(publicKey, 'base64').toString('base64url'),
      },
      format: 'jwk',
    });
    return verify(null, Buffer.from(text, 'utf8'), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
