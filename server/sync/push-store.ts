import type { RecordEntity } from '../../shared/records/record-entities.ts';
import { jsonEqual, serverOwnedKeys, withoutServerKeys } from '../../shared/sync/fields.ts';
import type { Author } from '../../shared/sync/protocol.ts';
import type { Queryable } from '../db/database.ts';
import type { FieldConflict } from './decide-mutation.ts';
import { writeItemRows, type ItemWrites } from './item-rows.ts';
import type { StoredRecord } from './stored-record.ts';
import { writeItemCustody } from './item-custody.ts';
import { writeMeasureRows } from '../measures/measure-rows.ts';

/**
 * The batch statements of a push: each reads or writes a whole batch in one statement, with the
 * rows as one JSON parameter expanded by jsonb_to_recordset (sync-plan "Throughput goal").
 */

/** record id → [serverRev, changed fields] of changes by other devices after the given baseRev. */
export async function loadOtherDevicesChanges(
  tx: Queryable,
  deviceId: string,
  minBaseRevByRecord: ReadonlyMap<string, number>,
): Promise<Map<string, Array<{ serverRev: number; fields: string[] }>>> {
  const changes = new Map<string, Array<{ serverRev: number; fields: string[] }>>();
  if (minBaseRevByRecord.size === 0) return changes;
  const bases = [...minBaseRevByRecord].map(([id, base]) => ({ id, base }));
  const { rows } = await tx.query<{
    record_id: string;
    server_rev: number;
    changed_fields: string[];
  }>(
    `SELECT h.record_id, h.server_rev, h.changed_fields
     FROM record_history h
     JOIN jsonb_to_recordset($1::jsonb) AS b(id text, base int)
       ON h.record_id = b.id AND h.server_rev > b.base
     WHERE h.device_id <> $2::uuid AND jsonb_array_length(h.changed_fields) > 0`,
    [JSON.stringify(bases), deviceId],
  );
  for (const row of rows) {
    const list = changes.get(row.record_id) ?? [];
    list.push({ serverRev: row.server_rev, fields: row.changed_fields });
    changes.set(row.record_id, list);
  }
  return changes;
}

/** Records others refer to (a finalise's location), as stored: id → entity and data. */
export async function loadReferencedRecords(
  tx: Queryable,
  ids: readonly string[],
): Promise<Map<string, { entity: RecordEntity; data: Record<string, unknown> | null }>> {
  if (ids.length === 0) return new Map();
  const { rows } = await tx.query<{
    id: string;
    entity: RecordEntity;
    data: Record<string, unknown> | null;
  }>(
    `SELECT id, entity, data FROM records
     WHERE id = ANY (ARRAY(SELECT jsonb_array_elements_text($1::jsonb))) AND NOT deleted`,
    [JSON.stringify(ids)],
  );
  return new Map(rows.map((row) => [row.id, { entity: row.entity, data: row.data }]));
}

export interface HistoryRow {
  recordId: string;
  serverRev: number;
  mutationId: number;
  authorId: string;
  op: string;
  changedFields: string[];
  /** The raw fields as sent: every change is stored exactly as the laptop made it. */
  fields: Record<string, unknown>;
  deviceTime: string;
  /** An amendment's reason as the person gave it; null for any other change. */
  reason: string | null;
}

export interface ConflictRow extends FieldConflict {
  recordId: string;
  mutationId: number;
  authorId: string;
  baseRev: number;
  serverRev: number;
}

/**
 * What a batch writes before it has a version: none of it is seen by a pull until the push
 * commits, by which time its records carry their version.
 */
export interface UnversionedWrites {
  people: Author[];
  history: HistoryRow[];
  conflicts: ConflictRow[];
  /** The records' last states, written at version 0 and stamped under the lock (stampVersion). */
  records: StoredRecord[];
  /** Records that did not exist when the batch was read (so no row lock holds them). */
  newRecordIds: ReadonlySet<string>;
  /** Photos records began or stopped referring to (record_photos). */
  photoRefs: { added: PhotoRef[]; removed: PhotoRef[] };
  /** The item rows of the intake events written (items), rebuilt with them. */
  items: ItemWrites;
}

export interface PhotoRef {
  recordId: string;
  sha256: string;
}

/** A mutation's answer, as the exact JSON text sent: a replay is byte-identical. */
export interface StoredResult {
  mutationId: number;
  result: string;
}

/**
 * Everything but the version: written before the version is allocated, so the bulk of a push's
 * work in PostgreSQL (parsing and storing every record and history row) runs beside other
 * laptops' pushes instead of queueing behind the version lock. Returns false, having written
 * nothing else, if one of the new records already exists: another push created it after this
 * batch was read, and the decisions made without it no longer hold.
 */
export async function writeUnversioned(
  tx: Queryable,
  deviceId: string,
  writes: UnversionedWrites,
  now: string,
): Promise<boolean> {
  if (!(await writeRecords(tx, writes.records, writes.newRecordIds, now))) return false;
  await writePhotoRefs(tx, writes.photoRefs);
  // The rows carry their records' measure facts (itemWritesOf): writeMeasureRows leaves them be.
  await writeItemRows(tx, writes.items, 'refuse', { intakeFacts: true });
  await writeItemCustody(
    tx,
    writes.records,
    writes.items.rows.map((row) => row.id),
  );
  await writeMeasureRows(tx, writes.records, { itemFacts: 'written' });
  if (writes.people.length > 0) {
    // Only new or renamed people: an upsert would lock the person's row until commit, and every
    // push by the same person would then wait for the one before it.
    await tx.query(
      `INSERT INTO people (id, name, updated_at)
       SELECT p.id, p.name, $2 FROM jsonb_to_recordset($1::jsonb) AS p(id uuid, name text)
       WHERE NOT EXISTS (SELECT 1 FROM people k WHERE k.id = p.id AND k.name = p.name)
       ORDER BY p.id
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, updated_at = EXCLUDED.updated_at`,
      [JSON.stringify(writes.people), now],
    );
  }
  if (writes.history.length > 0) {
    // WITH ORDINALITY keeps history ids in mutation order. A row sent without fields takes them
    // from the record this batch just wrote (historyParameter).
    await tx.query(
      `INSERT INTO record_history (record_id, server_rev, device_id, mutation_id, author_id, op,
                                   changed_fields, fields, device_time, received_at, reason)
       SELECT h."recordId", h."serverRev", $2::uuid, h."mutationId", h."authorId", h.op,
              h."changedFields", COALESCE(h.fields, r.data - h."serverKeys"), h."deviceTime", $3,
              h.reason
       FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS ("recordId" text, "serverRev" int,
         "mutationId" bigint, "authorId" uuid, op text, "changedFields" jsonb, fields jsonb,
         "serverKeys" text[], "deviceTime" timestamptz, reason text))
         WITH ORDINALITY AS h("recordId", "serverRev", "mutationId", "authorId", op,
           "changedFields", fields, "serverKeys", "deviceTime", reason, n)
       LEFT JOIN records r ON h.fields IS NULL AND r.id = h."recordId"
       ORDER BY h.n`,
      [historyParameter(writes.history, writes.records), deviceId, now],
    );
  }
  if (writes.conflicts.length > 0) {
    await tx.query(
      `INSERT INTO sync_conflicts (record_id, device_id, mutation_id, author_id, field,
                                   device_value, server_value, base_rev, server_rev, kind,
                                   created_at)
       SELECT c."recordId", $2::uuid, c."mutationId", c."authorId", c.field, c."deviceValue",
              c."serverValue", c."baseRev", c."serverRev", c.kind, $3
       FROM jsonb_to_recordset($1::jsonb) AS c("recordId" text, "mutationId" bigint,
         "authorId" uuid, field text, "deviceValue" jsonb, "serverValue" jsonb, "baseRev" int,
         "serverRev" int, kind text)`,
      [JSON.stringify(writes.conflicts), deviceId, now],
    );
  }
  return true;
}

/**
 * The history rows as one JSON parameter. A row whose raw fields are the same JSON value (key
 * order aside, as in jsonb) as the record this batch writes, minus the keys the server owns (a
 * create, mostly), is sent without them: the statement takes them from the record's row, so the
 * same ~1 KB per record is not sent and parsed a second time. Every raw change is still stored
 * exactly as sent.
 */
function historyParameter(
  history: readonly HistoryRow[],
  records: readonly StoredRecord[],
): string {
  const written = new Map(records.map((record) => [record.id, record]));
  return JSON.stringify(
    history.map((row) => {
      const serverKeys = fieldsSharedWith(row.fields, written.get(row.recordId));
      return {
        recordId: row.recordId,
        serverRev: row.serverRev,
        mutationId: row.mutationId,
        authorId: row.authorId,
        op: row.op,
        changedFields: row.changedFields,
        fields: serverKeys === null ? row.fields : null,
        serverKeys,
        deviceTime: row.deviceTime,
        reason: row.reason,
      };
    }),
  );
}

/**
 * The keys to drop from the record's data to get exactly these raw fields, or null when no keys
 * do (the fields were normalised, emptied a field, carry a server key, or are a partial change).
 */
export function fieldsSharedWith(
  fields: Readonly<Record<string, unknown>>,
  record: Pick<StoredRecord, 'entity' | 'data'> | undefined,
): readonly string[] | null {
  if (record?.data === undefined || record.data === null) return null;
  // A raw change that carries a server key differs from this, and is stored as sent.
  return jsonEqual(fields, withoutServerKeys(record.entity, record.data))
    ? serverOwnedKeys(record.entity)
    : null;
}

/** Most pushes change no photo reference and send no statement here. */
async function writePhotoRefs(tx: Queryable, refs: UnversionedWrites['photoRefs']): Promise<void> {
  if (refs.removed.length > 0) {
    await tx.query(
      `DELETE FROM record_photos p USING jsonb_to_recordset($1::jsonb) AS r("recordId" text, sha256 text)
       WHERE p.record_id = r."recordId" AND p.sha256 = r.sha256`,
      [JSON.stringify(refs.removed)],
    );
  }
  if (refs.added.length > 0) {
    await tx.query(
      `INSERT INTO record_photos (sha256, record_id)
       SELECT r.sha256, r."recordId" FROM jsonb_to_recordset($1::jsonb) AS r("recordId" text, sha256 text)
       ORDER BY r.sha256, r."recordId"
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(refs.added)],
    );
  }
}

function recordRows(records: readonly StoredRecord[]) {
  return records.map((record) => ({
    id: record.id,
    entity: record.entity,
    server_rev: record.serverRev,
    deleted: record.deleted,
    status: record.status,
    data: record.data,
    created_by: record.createdBy.id,
    updated_by: record.updatedBy.id,
  }));
}

const recordsetColumns = `r(id text, entity text, server_rev int, deleted boolean, status text,
  data jsonb, created_by uuid, updated_by uuid)`;

/**
 * A new record is only inserted, never upserted: if it exists, another push created it after
 * this batch was read (its insert waits for that push to end), and false is returned. New rows go
 * in id order, as people's do: two pushes inserting the same ids wait for each other in one
 * order, never in a cycle. Changed records are held by this push's row locks.
 */
async function writeRecords(
  tx: Queryable,
  records: readonly StoredRecord[],
  newIds: ReadonlySet<string>,
  now: string,
): Promise<boolean> {
  const created = recordRows(records.filter((record) => newIds.has(record.id)));
  const changed = recordRows(records.filter((record) => !newIds.has(record.id)));
  if (created.length > 0) {
    const { rows } = await tx.query(
      `INSERT INTO records (id, entity, version, server_rev, deleted, status, data,
                            created_by, updated_by, received_at)
       SELECT r.id, r.entity, 0, r.server_rev, r.deleted, r.status, r.data,
              r.created_by, r.updated_by, $2
       FROM jsonb_to_recordset($1::jsonb) AS ${recordsetColumns}
       ORDER BY r.id
       ON CONFLICT (id) DO NOTHING
       RETURNING 1`,
      [JSON.stringify(created), now],
    );
    if (rows.length !== created.length) return false;
  }
  if (changed.length > 0) {
    await tx.query(
      `UPDATE records AS t SET server_rev = r.server_rev, deleted = r.deleted,
         status = r.status, data = r.data, updated_by = r.updated_by, received_at = $2
       FROM jsonb_to_recordset($1::jsonb) AS ${recordsetColumns}
       WHERE t.id = r.id`,
      [JSON.stringify(changed), now],
    );
  }
  return true;
}

/**
 * Under the version lock: the records written before it get the version just allocated. Each
 * new record's row is thus written twice (autovacuum reclaims the first); measured, that is
 * faster than holding every push's queue while the records' JSON is parsed and stored.
 */
export async function stampVersion(
  tx: Queryable,
  recordIds: readonly string[],
  version: number,
): Promise<void> {
  if (recordIds.length === 0) return;
  await tx.query('UPDATE records SET version = $2 WHERE id = ANY ($1::text[])', [
    recordIds,
    version,
  ]);
}

export async function writeResults(
  tx: Queryable,
  deviceId: string,
  results: readonly StoredResult[],
): Promise<void> {
  if (results.length === 0) return;
  await tx.query(
    `INSERT INTO mutation_results (device_id, mutation_id, result)
     SELECT $2::uuid, r."mutationId", r.result
     FROM jsonb_to_recordset($1::jsonb) AS r("mutationId" bigint, result text)`,
    [JSON.stringify(results), deviceId],
  );
}

/** Stored results of already-processed mutations, as the exact JSON text first sent. */
export async function loadStoredResults(
  tx: Queryable,
  deviceId: string,
  mutationIds: readonly number[],
): Promise<Map<number, string>> {
  if (mutationIds.length === 0) return new Map();
  const { rows } = await tx.query<{ mutation_id: string | number; result: string }>(
    `SELECT mutation_id, result FROM mutation_results
     WHERE device_id = $1::uuid
       AND mutation_id = ANY (ARRAY(SELECT jsonb_array_elements_text($2::jsonb)::bigint))`,
    [deviceId, JSON.stringify(mutationIds)],
  );
  return new Map(rows.map((row) => [Number(row.mutation_id), row.result]));
}
