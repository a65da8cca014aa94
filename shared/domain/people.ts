import { z } from 'zod';
import { UserRoleSchema } from './enums.ts';
import { RecordIdSchema } from './ids.ts';
import { key, keyed, type DomainMessageKey } from './message-keys.ts';
import { objectOf, requiredTextSchema, TimestampSchema } from './primitives.ts';

export const UserSchema = objectOf({
  id: RecordIdSchema,
  name: requiredTextSchema(80),
  role: UserRoleSchema,
  createdAt: TimestampSchema,
});
export type User = z.infer<typeof UserSchema>;

/** Every requirement the passphrase policy can find missing, in the order the UI lists them. */
export const passphraseProblemValues = [
  'passphraseTooShort',
  'passphraseHasSpaces',
  'passphraseNeedsUpper',
  'passphraseNeedsLower',
  'passphraseNeedsDigit',
  'passphraseNeedsSymbol',
] as const satisfies readonly DomainMessageKey[];
export const PassphraseProblemSchema = z.enum(passphraseProblemValues);
export type PassphraseProblem = z.infer<typeof PassphraseProblemSchema>;

export const minPassphraseLength = 12;
/** Argon2id hashes any length; the cap only stops a pasted megabyte from stalling the unlock. */
export const maxPassphraseLength = 1024;

/**
 * The form a passphrase is hashed in. NIST SP 800-63B (5.1.1.2) asks for NFKC or NFKD, so 'é'
 * typed precomposed on one keyboard and decomposed on another unlock the same key slot.
 */
export function normalisePassphrase(text: string): string {
  return text.normalize('NFKC');
}

/**
 * Everything the passphrase still lacks, all at once, so the UI can tick requirements off live.
 * Letters are Unicode-aware (Serbian Cyrillic 'Ж' is an upper-case letter); combining marks count
 * as part of their letter; a symbol is anything that is not a letter, digit or whitespace.
 * Length counts code points of the normalised text, not UTF-16 units.
 */
export function passphraseProblems(text: string): PassphraseProblem[] {
  const normalised = normalisePassphrase(text);
  const problems: PassphraseProblem[] = [];
  if ([...normalised].length < minPassphraseLength) problems.push('passphraseTooShort');
  if (/\s/u.test(normalised)) problems.push('passphraseHasSpaces');
  if (!/\p{Lu}/u.test(normalised)) problems.push('passphraseNeedsUpper');
  if (!/\p{Ll}/u.test(normalised)) problems.push('passphraseNeedsLower');
  if (!/\p{Nd}/u.test(normalised)) problems.push('passphraseNeedsDigit');
  if (!/[^\p{L}\p{M}\p{Nd}\s]/u.test(normalised)) problems.push('passphraseNeedsSymbol');
  return problems;
}

/** Reports EVERY unmet requirement as its own issue, each message a key. */
export const PassphraseSchema = z
  .string(keyed('invalidText'))
  .max(maxPassphraseLength, key('passphraseTooLong'))
  .superRefine((text, ctx) => {
    for (const problem of passphraseProblems(text))
      ctx.addIssue({ code: 'custom', message: problem });
  });
