import type { PullQuery } from '../../shared/sync/protocol.ts';
import type { Database } from '../db/database.ts';
import { readServerEpoch } from '../server-meta.ts';
import { isoTime } from './stored-record.ts';

interface PullRow {
  entity: string;
  id: string;
  version: string | number;
  server_rev: number;
  deleted: boolean;
  status: string;
  data: string | null;
  created_by: string;
  created_by_name: string;
  updated_by: string;
  updated_by_name: string;
  received_at: Date;
}

/**
 * Pull (sync-plan "Pull", 7.3): rows after the (version, id) cursor in that order, every entity,
 * drafts and tombstones too. The record JSON is spliced in as the text PostgreSQL already has,
 * so a 100k-record first pull never parses and re-serialises record data.
 */
export async function pullChanges(
  db: Database,
  deviceId: string,
  query: PullQuery,
): Promise<string> {
  const { rows } = await db.query<PullRow>(
    `SELECT r.entity, r.id, r.version, r.server_rev, r.deleted, r.status, r.data::text AS data,
            r.created_by, cp.name AS created_by_name, r.updated_by, up.name AS updated_by_name,
            r.received_at
     FROM records r
     JOIN people cp ON cp.id = r.created_by
     JOIN people up ON up.id = r.updated_by
     WHERE (r.version, r.id) > ($1::bigint, $2::text)
     ORDER BY r.version, r.id
     LIMIT $3`,
    [query.afterVersion, query.afterId, query.limit + 1],
  );
  const hasMore = rows.length > query.limit;
  const page = hasMore ? rows.slice(0, query.limit) : rows;
  const device = await db.query<{ last_mutation_id: string | number }>(
    `UPDATE devices SET last_seen_at = now() WHERE id = $1::uuid RETURNING last_mutation_id`,
    [deviceId],
  );
  const lastMutationId = Number(device.rows[0]?.last_mutation_id ?? 0);
  const serverEpoch = await readServerEpoch(db);
  const lastRow = page.at(-1);
  const next = lastRow
    ? { afterVersion: Number(lastRow.version), afterId: lastRow.id }
    : { afterVersion: query.afterVersion, afterId: query.afterId };
  const changes = page.map(
    (row) =>
      `{"entity":${JSON.stringify(row.entity)},"id":${JSON.stringify(row.id)},` +
      `"version":${Number(row.version)},"serverRev":${row.server_rev},"deleted":${row.deleted},` +
      `"status":${JSON.stringify(row.status)},"data":${row.data ?? 'null'},` +
      `"createdBy":${JSON.stringify({ id: row.created_by, name: row.created_by_name })},` +
      `"updatedBy":${JSON.stringify({ id: row.updated_by, name: row.updated_by_name })},` +
      `"receivedAt":"${isoTime(row.received_at)}"}`,
  );
  return (
    `{"changes":[${changes.join(',')}],"next":${JSON.stringify(next)},"hasMore":${hasMore},` +
    `"lastMutationId":${lastMutationId},"serverEpoch":${JSON.stringify(serverEpoch)}}`
  );
}
