import { hash } from 'node:crypto';
import { z } from 'zod';
import type { AuditVerification } from '../../shared/ipc/procedures/integrity.ts';
import type { Db } from './encrypted-database.ts';
import { prepared } from './prepared.ts';

export interface AuditEntryInput {
  readonly at: string;
  readonly userId: string | null;
  readonly action: string;
  readonly entity: string;
  readonly entityId: string;
  readonly before: unknown;
  readonly after: unknown;
}

export interface AuditEntry extends AuditEntryInput {
  readonly seq: number;
}

interface AuditRow {
  seq: number;
  at: string;
  user_id: string | null;
  action: string;
  entity: string;
  entity_id: string;
  before_json: string | null;
  after_json: string | null;
  prev_hash: string;
  hash: string;
}

/** The chain starts from a value bound to this database, so entries cannot be moved between two. */
export function genesisHash(dbId: string): string {
  return sha256(`salw-field:audit:genesis:${dbId}`);
}

function entryHash(row: Omit<AuditRow, 'hash'>): string {
  return sha256(
    JSON.stringify([
      row.seq,
      row.at,
      row.user_id,
      row.action,
      row.entity,
      row.entity_id,
      row.before_json,
      row.after_json,
      row.prev_hash,
    ]),
  );
}

/**
 * Appends one entry; call it inside the transaction that makes the change, so the change and its
 * record of who, when and what (before and after) commit together or not at all.
 */
export function appendAuditEntry(db: Db, dbId: string, entry: AuditEntryInput): number {
  const last = prepared(db, 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
    { seq: number; hash: string } | undefined;
  const row: Omit<AuditRow, 'hash'> = {
    seq: (last?.seq ?? 0) + 1,
    at: entry.at,
    user_id: entry.userId,
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entityId,
    before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
    after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
    prev_hash: last?.hash ?? genesisHash(dbId),
  };
  prepared(
    db,
    `INSERT INTO audit_log (seq, at, user_id, action, entity, entity_id, before_json, after_json, prev_hash, hash)
     VALUES (@seq, @at, @user_id, @action, @entity, @entity_id, @before_json, @after_json, @prev_hash, @hash)`,
  ).run({ ...row, hash: entryHash(row) });
  return row.seq;
}

/**
 * What a first receipt from the server is audited with: the digest of the JSON stored for the
 * record, not a second copy of it (a first pull writes one entry per record, 100k of them).
 * Nothing is lost: the received state is the record as stored, or the `before` of the next entry
 * that changes it, and the digest in the chain proves it is the state that arrived.
 */
export const AuditReceiptSchema = z
  .object({ serverRev: z.number().int(), storedSha256: z.string().regex(/^[0-9a-f]{64}$/) })
  .strict();
export type AuditReceipt = z.infer<typeof AuditReceiptSchema>;

export function receiptOf(storedJson: string, serverRev: number): AuditReceipt {
  return { serverRev, storedSha256: sha256(storedJson) };
}

export function isAuditReceipt(value: unknown): value is AuditReceipt {
  return AuditReceiptSchema.safeParse(value).success;
}

/**
 * Walks the whole chain and reports the first broken link: an entry whose content no longer matches
 * its hash (edited), a gap in the sequence (deleted), or an entry that no longer points at the one
 * before it (deleted and re-linked, or spliced). Deleting entries at the very end is only visible
 * against a copy held elsewhere (the server, once sync runs).
 */
export function verifyAuditChain(db: Db, dbId: string): AuditVerification {
  let expectedSeq = 1;
  let previousHash = genesisHash(dbId);
  let entries = 0;
  for (const row of db
    .prepare('SELECT * FROM audit_log ORDER BY seq')
    .iterate() as IterableIterator<AuditRow>) {
    if (row.seq !== expectedSeq)
      return { ok: false, entries, brokenAt: expectedSeq, reason: 'missing' };
    if (row.prev_hash !== previousHash)
      return { ok: false, entries, brokenAt: row.seq, reason: 'relinked' };
    const { hash, ...rest } = row;
    if (entryHash(rest) !== hash)
      return { ok: false, entries, brokenAt: row.seq, reason: 'edited' };
    previousHash = hash;
    expectedSeq += 1;
    entries += 1;
  }
  return { ok: true, entries };
}

export function auditEntriesFor(db: Db, entity: string, entityId: string): AuditEntry[] {
  const rows = db
    .prepare('SELECT * FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY seq')
    .all(entity, entityId) as AuditRow[];
  return rows.map((row) => ({
    seq: row.seq,
    at: row.at,
    userId: row.user_id,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    before: row.before_json === null ? null : JSON.parse(row.before_json),
    after: row.after_json === null ? null : JSON.parse(row.after_json),
  }));
}

function sha256(text: string): string {
  // One native call: every pulled record is hashed twice (receipt and chain).
  return hash('sha256', text, 'hex');
}
