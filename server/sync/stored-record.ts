import type { Author, PulledRecord, SyncEntity } from '../../shared/sync/protocol.ts';
import type { Queryable } from '../db/database.ts';
import type { RecordState } from './decide-mutation.ts';
import type { RecordData } from './record-schemas.ts';

/** A records row with its authors' names, as push works on it. */
export interface StoredRecord extends RecordState {
  version: number;
  createdBy: Author;
  updatedBy: Author;
  receivedAt: string;
}

interface RecordRow {
  id: string;
  entity: SyncEntity;
  version: string | number | bigint;
  server_rev: number;
  deleted: boolean;
  status: 'draft' | 'final';
  data: RecordData | null;
  created_by: string;
  created_by_name: string;
  updated_by: string;
  updated_by_name: string;
  received_at: Date;
}

/** Postgres timestamps as ISO strings; PGlite and pg both hand back Date objects. */
export function isoTime(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

/**
 * Loads the given records and locks them for this push (FOR UPDATE): one statement for a whole
 * batch. The id list travels as one JSON parameter, the same on pg and PGlite.
 */
export function loadRecordsForUpdate(
  tx: Queryable,
  ids: readonly string[],
): Promise<Map<string, StoredRecord>> {
  return loadRecords(tx, ids, 'FOR UPDATE OF r');
}

/** The records as this transaction sees them, taking no lock: to show a state in an answer. */
export function readRecords(
  tx: Queryable,
  ids: readonly string[],
): Promise<Map<string, StoredRecord>> {
  return loadRecords(tx, ids, '');
}

async function loadRecords(
  tx: Queryable,
  ids: readonly string[],
  lock: 'FOR UPDATE OF r' | '',
): Promise<Map<string, StoredRecord>> {
  if (lock !== '') {
    // The rows are locked first, on their own: a SELECT ... FOR UPDATE that joins people and
    // waits for another push to commit re-checks only the record's new row against the people
    // rows it read before, so a record whose last author changed meanwhile (two reviewers of one
    // record) dropped out of the result and its change was refused as "no such record".
    // Once locked, the read below sees every row as committed.
    await tx.query(
      `SELECT r.id FROM records r
       WHERE r.id = ANY (ARRAY(SELECT jsonb_array_elements_text($1::jsonb)))
       ORDER BY r.id FOR UPDATE`,
      [JSON.stringify(ids)],
    );
  }
  const { rows } = await tx.query<RecordRow>(
    `SELECT r.id, r.entity, r.version, r.server_rev, r.deleted, r.status, r.data,
            r.created_by, cp.name AS created_by_name, r.updated_by, up.name AS updated_by_name,
            r.received_at
     FROM records r
     JOIN people cp ON cp.id = r.created_by
     JOIN people up ON up.id = r.updated_by
     WHERE r.id = ANY (ARRAY(SELECT jsonb_array_elements_text($1::jsonb)))
     ORDER BY r.id`,
    [JSON.stringify(ids)],
  );
  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        entity: row.entity,
        version: Number(row.version),
        serverRev: row.server_rev,
        deleted: row.deleted,
        status: row.status,
        data: row.data,
        createdBy: { id: row.created_by, name: row.created_by_name },
        updatedBy: { id: row.updated_by, name: row.updated_by_name },
        receivedAt: isoTime(row.received_at),
      },
    ]),
  );
}

/** The wire form of a record (PulledRecordSchema); also the `serverState` of a push result. */
export function toPulledRecord(record: StoredRecord): PulledRecord {
  return {
    entity: record.entity,
    id: record.id,
    version: record.version,
    serverRev: record.serverRev,
    deleted: record.deleted,
    status: record.status,
    data: record.data,
    createdBy: record.createdBy,
    updatedBy: record.updatedBy,
    receivedAt: record.receivedAt,
  };
}
