import canonicalize from 'canonicalize';
import type { Seal } from '../domain/seal.ts';

/**
 * What a seal signs: the record's canonical JSON (RFC 8785: sorted keys, one number form), with
 * its kind, the key and signer and the moment of sealing, and WITHOUT the seal itself or the keys
 * the store owns (id stays: it is part of what was sealed). The same text on every side.
 */
export function sealPayloadOf(
  entity: string,
  record: Record<string, unknown>,
  seal: Pick<Seal, 'keyId' | 'signerId' | 'sealedAt'>,
): string {
  const { seal: _seal, revision: _revision, status: _status, ...sealed } = record;
  const text = canonicalize({
    entity,
    record: sealed,
    keyId: seal.keyId,
    signerId: seal.signerId,
    sealedAt: seal.sealedAt,
  });
  if (text === undefined) throw new Error('A record must be JSON to be sealed.');
  return text;
}
