import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { formatEnrollmentCode, newEnrollmentCode, sha256Hex } from '../auth/secrets.ts';
import { normalisePassphrase } from '../../shared/domain/people.ts';

/** Argon2id at OWASP's first recommended setting (19 MiB, 2 passes): ~50 ms per sign-in. */
const argon2Options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(normalisePassphrase(password), argon2Options);
}

// A real hash of nothing anyone knows: an unknown e-mail takes as long to refuse as a known one.
const decoyHash = hashPassword(randomBytes(24).toString('base64url'));

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  const normalised = normalisePassphrase(password);
  if (stored === null) {
    await verify(await decoyHash, normalised).catch(() => false);
    return false;
  }
  return verify(stored, normalised).catch(() => false);
}

/** A one-time code for mail: 12 base32 letters (60 bits), XXXX-XXXX-XXXX; only its hash is kept. */
export function newConsoleCode(): { code: string; hash: string } {
  const code = newEnrollmentCode();
  return { code: formatEnrollmentCode(code), hash: sha256Hex(code) };
}

/** The stored form of a code as ConsoleCodeSchema normalised it (12 letters, no dashes). */
export function codeHash(normalisedCode: string): string {
  return sha256Hex(normalisedCode);
}

/** Session cookie tokens and CSRF tokens: 32 random bytes. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export { sha256Hex };
