import { createHash, createPublicKey, verify } from 'node:crypto';
import { sealPayloadOf } from '../../shared/custody/seal-payload.ts';
import { SealSchema } from '../../shared/domain/seal.ts';

export type SealProblem = 'missing' | 'unknown_key' | 'wrong_signer' | 'invalid';

/**
 * The server's check of a custody record's seal on receipt (issue 14): present, made with the
 * public key the signer registered, by the person pushing it, over exactly this content. The same
 * canonical form as the laptops (shared/custody/seal-payload.ts).
 */
export function sealProblemOf(
  entity: string,
  record: Record<string, unknown>,
  authorId: string,
  keyOf: (keyId: string) => Record<string, unknown> | undefined,
): SealProblem | null {
  const parsed = SealSchema.safeParse(record.seal);
  if (!parsed.success) return 'missing';
  const seal = parsed.data;
  const key = keyOf(seal.keyId);
  if (key === undefined || typeof key.publicKey !== 'string') return 'unknown_key';
  if (key.personId !== seal.signerId || seal.signerId !== authorId) return 'wrong_signer';
  const payload = sealPayloadOf(entity, record, seal);
  if (createHash('sha256').update(payload, 'utf8').digest('hex') !== seal.digest) return 'invalid';
  try {
    const publicKey = createPublicKey({
      key: {
        kty: 'OKP',
        crv: 'Ed25519',
        x: Buffer.from(key.publicKey, 'base64').toString('base64url'),
      },
      format: 'jwk',
    });
    const ok = verify(
      null,
      Buffer.from(payload, 'utf8'),
      publicKey,
      Buffer.from(seal.signature, 'base64'),
    );
    return ok ? null : 'invalid';
  } catch {
    return 'invalid';
  }
}
