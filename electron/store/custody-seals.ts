import { createHash, type KeyObject } from 'node:crypto';
import { sealPayloadOf } from '../../shared/custody/seal-payload.ts';
import type { Seal } from '../../shared/domain/seal.ts';
import { signText, verifyText } from '../keys/signing-keys.ts';
import type { Db } from './encrypted-database.ts';
import { prepared } from './prepared.ts';
import { readSigningKey } from './signing-keys-repository.ts';

/**
 * Sealing a custody record and checking a seal (issue 14). A seal is the signer's Ed25519
 * signature over the record's canonical form (shared/custody/seal-payload.ts); checking needs only
 * the signer's public key, which every side holds once it is synced.
 */

export function sealRecord(
  entity: string,
  record: Record<string, unknown>,
  key: { readonly keyId: string; readonly privateKey: KeyObject },
  signerId: string,
  sealedAt: string,
): Record<string, unknown> {
  const header = { keyId: key.keyId, signerId, sealedAt };
  const payload = sealPayloadOf(entity, record, header);
  const seal: Seal = {
    ...header,
    digest: createHash('sha256').update(payload, 'utf8').digest('hex'),
    signature: signText(key.privateKey, payload),
  };
  return { ...record, seal };
}

export type SealCheck = 'ok' | 'missing' | 'unknown_key' | 'wrong_signer' | 'invalid';

/**
 * Whether a record's seal holds: present, made with a key this laptop knows, by the person the
 * key belongs to (and, given, the record's author), over exactly this content.
 */
export function checkSeal(
  db: Db,
  entity: string,
  record: Record<string, unknown>,
  authorId?: string,
): SealCheck {
  const seal = record.seal as Seal | undefined;
  if (seal === undefined || typeof seal !== 'object' || seal === null) return 'missing';
  const key = readSigningKey(db, seal.keyId);
  if (key === null) return 'unknown_key';
  if (key.userId !== seal.signerId || (authorId !== undefined && authorId !== seal.signerId)) {
    return 'wrong_signer';
  }
  const payload = sealPayloadOf(entity, record, seal);
  const digest = createHash('sha256').update(payload, 'utf8').digest('hex');
  if (digest !== seal.digest) return 'invalid';
  return verifyText(key.publicKey, payload, seal.signature) ? 'ok' : 'invalid';
}

export interface BrokenSeal {
  readonly id: string;
  readonly entity: string;
  readonly problem: Exclude<SealCheck, 'ok'>;
}

/** Every custody record's seal, as stored: those that do not hold (changed behind the app). */
export function verifyCustodySeals(db: Db): { checked: number; broken: BrokenSeal[] } {
  const broken: BrokenSeal[] = [];
  let checked = 0;
  for (const row of prepared(
    db,
    'SELECT id, entity, data_json, created_by FROM custody_records ORDER BY occurred_at, id',
  ).iterate() as IterableIterator<{
    id: string;
    entity: string;
    data_json: string;
    created_by: string;
  }>) {
    checked += 1;
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(row.data_json) as Record<string, unknown>;
    } catch {
      broken.push({ id: row.id, entity: row.entity, problem: 'invalid' });
      continue;
    }
    // The id is part of what was sealed: a row whose id and content disagree was moved.
    const problem =
      record.id === row.id ? checkSeal(db, row.entity, record, row.created_by) : 'invalid';
    if (problem !== 'ok') broken.push({ id: row.id, entity: row.entity, problem });
  }
  return { checked, broken };
}
