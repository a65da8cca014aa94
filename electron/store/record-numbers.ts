import { randomBytes } from 'node:crypto';
import {
  formatRecordNumber,
  recordNumberPrefixFrom,
  type RecordNumber,
} from '../../shared/domain/record-number.ts';
import type { Db } from './encrypted-database.ts';
import { prepared } from './prepared.ts';

/**
 * This database's record numbers (shared/domain/record-number.ts): its prefix, drawn once when
 * the numbering began (migration 50), and the next number of its sequence, both in `meta`. A
 * number is taken inside the transaction that first saves the record: a save that fails gives
 * its number back, and no two records of this laptop ever share one.
 */
const PREFIX = 'record_number_prefix';
const NEXT = 'record_number_next';

/** Draws this database's prefix and starts its sequence at 1; nothing when it has one already. */
export function startRecordNumbering(db: Db): void {
  const insert = prepared(db, 'INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)');
  insert.run(PREFIX, recordNumberPrefixFrom(randomBytes(16)));
  insert.run(NEXT, '1');
}

export function recordNumberPrefix(db: Db): string {
  const row = prepared(db, 'SELECT value FROM meta WHERE key = ?').get(PREFIX) as
    { value: string } | undefined;
  if (row === undefined) throw new Error('This database has no record number prefix.');
  return row.value;
}

/** Takes the next number of this laptop's sequence. Call it inside the saving transaction. */
export function takeRecordNumber(db: Db): RecordNumber {
  const prefix = recordNumberPrefix(db);
  const row = prepared(db, 'SELECT value FROM meta WHERE key = ?').get(NEXT) as
    { value: string } | undefined;
  const sequence = Number(row?.value ?? '1');
  prepared(db, 'UPDATE meta SET value = ? WHERE key = ?').run(String(sequence + 1), NEXT);
  return formatRecordNumber(prefix, sequence);
}
