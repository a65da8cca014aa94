import { z } from 'zod';
import { RecordIdSchema, Sha256Schema } from './ids.ts';
import { keyed } from './message-keys.ts';
import { TimestampSchema } from './primitives.ts';

/**
 * The seal of a custody record (issue 14, ui-libraries.md section 5): an Ed25519 signature by the
 * person who sealed it, over the record's canonical form (shared/custody/seal-payload.ts), which
 * includes the hashes of its drawn signatures and photos and of the record it corrects. Made only
 * with that person's passphrase (their private key is wrapped by it); checked on the server and on
 * every laptop that receives the record, and by the integrity check.
 */
export const SealSchema = z.object(
  {
    keyId: RecordIdSchema,
    signerId: RecordIdSchema,
    sealedAt: TimestampSchema,
    /** SHA-256 of the canonical form signed: what the audit chain and a correction refer to. */
    digest: Sha256Schema,
    /** Ed25519 signature of the canonical form, base64. */
    signature: z.base64(keyed('invalidText')).length(88, keyed('invalidText')),
  },
  keyed('invalidObject'),
);
export type Seal = z.infer<typeof SealSchema>;

/**
 * A person's public signing key, synced so that every side can check their seals. The private
 * half never leaves the laptop and is wrapped by the person's own passphrase there.
 */
export const SigningKeySchema = z.object(
  {
    id: RecordIdSchema,
    personId: RecordIdSchema,
    algorithm: z.literal('ed25519', keyed('invalidOption')),
    /** The raw 32-byte Ed25519 public key, base64. */
    publicKey: z.base64(keyed('invalidText')).length(44, keyed('invalidText')),
    createdAt: TimestampSchema,
  },
  keyed('invalidObject'),
);
export type SigningKey = z.infer<typeof SigningKeySchema>;
