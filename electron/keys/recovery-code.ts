import { randomBytes } from 'node:crypto';

/** RFC 4648 base32: no 0/1/8/9, so a code read off paper is never ambiguous with O/I/B/g. */
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * The printable recovery code: 160 random bits as 32 base32 characters in groups of four
 * (`ABCD-EFGH-…`). Shown once, kept on paper by the team lead (sync-and-crypto.md 7.6).
 */
export function generateRecoveryCode(): string {
  return formatRecoveryCode(toBase32(randomBytes(20)));
}

export function formatRecoveryCode(characters: string): string {
  return characters.match(/.{1,4}/g)?.join('-') ?? '';
}

/**
 * What a person typed, reduced to the 32 code characters: case, spaces and dashes do not matter,
 * and the digits 0, 1 and 8 (never in the alphabet) are read as the letters O, I and B.
 * Returns null when it cannot be a recovery code.
 */
export function normaliseRecoveryCode(typed: string): string | null {
  const characters = typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/0/g, 'O')
    .replace(/1/g, 'I')
    .replace(/8/g, 'B');
  if (characters.length !== 32) return null;
  for (const character of characters) if (!alphabet.includes(character)) return null;
  return characters;
}

function toBase32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}
