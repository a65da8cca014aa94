import type { PullQuery, PulledAmendment } from '../../shared/sync/protocol.ts';
import type { AuthenticatedDevice } from '../auth/device-auth.ts';
import type { Database } from '../db/database.ts';
import { everyTeam } from '../teams/team-scope.ts';
import { readServerEpoch } from '../server-meta.ts';
import { isoTime } from './stored-record.ts';

interface PullRow {
  /** False: the record left the team's scope (a removal, no data sent). */
  in_scope: boolean;
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

const recordColumns = `r.entity, r.id, r.server_rev, r.deleted, r.status, r.data::text AS data,
  r.created_by, cp.name AS created_by_name, r.updated_by, up.name AS updated_by_name,
  r.received_at`;

/**
 * Pull (sync-plan "Pull", 7.3): rows after the (version, id) cursor in that order, drafts and
 * tombstones too. The record JSON is spliced in as the text PostgreSQL already has, so a
 * 100k-record first pull never parses and re-serialises record data.
 *
 * A laptop of a national team reads `records` itself: every record. Any other team's laptop reads
 * its team's view (team_scope, migration 100) merged with the reference data every team holds,
 * both on the same cursor: a row's version is when it last changed for that team, allocated
 * under the same lock as the records'. A row that says the record left is sent as a removal.
 */
export async function pullChanges(
  db: Database,
  device: Pick<AuthenticatedDevice, 'id' | 'teamId' | 'national'>,
  query: PullQuery,
): Promise<string> {
  const deviceId = device.id;
  const { rows } = device.national
    ? await db.query<PullRow>(
        `SELECT true AS in_scope, r.version, ${recordColumns}
         FROM records r
         JOIN people cp ON cp.id = r.created_by
         JOIN people up ON up.id = r.updated_by
         WHERE (r.version, r.id) > ($1::bigint, $2::text)
         ORDER BY r.version, r.id
         LIMIT $3`,
        [query.afterVersion, query.afterId, query.limit + 1],
      )
    : await db.query<PullRow>(
        `WITH page AS (
           SELECT * FROM (
             (SELECT record_id, version, in_scope FROM team_scope
              WHERE team_id = $4::uuid AND (version, record_id) > ($1::bigint, $2::text)
              ORDER BY version, record_id LIMIT $3)
             UNION ALL
             (SELECT record_id, version, in_scope FROM team_scope
              WHERE team_id = $5::uuid AND (version, record_id) > ($1::bigint, $2::text)
              ORDER BY version, record_id LIMIT $3)
           ) both_views
           ORDER BY version, record_id LIMIT $3
         )
         SELECT p.in_scope, p.version, ${recordColumns}
         FROM page p
         JOIN records r ON r.id = p.record_id
         JOIN people cp ON cp.id = r.created_by
         JOIN people up ON up.id = r.updated_by
         ORDER BY p.version, p.record_id`,
        [query.afterVersion, query.afterId, query.limit + 1, device.teamId, everyTeam],
      );
  const hasMore = rows.length > query.limit;
  const page = hasMore ? rows.slice(0, query.limit) : rows;
  const seen = await db.query<{ last_mutation_id: string | number }>(
    `UPDATE devices SET last_seen_at = now() WHERE id = $1::uuid RETURNING last_mutation_id`,
    [deviceId],
  );
  const lastMutationId = Number(seen.rows[0]?.last_mutation_id ?? 0);
  const serverEpoch = await readServerEpoch(db);
  const lastRow = page.at(-1);
  const next = lastRow
    ? { afterVersion: Number(lastRow.version), afterId: lastRow.id }
    : { afterVersion: query.afterVersion, afterId: query.afterId };
  const removed = page
    .filter((row) => !row.in_scope)
    .map(
      (row) =>
        `{"entity":${JSON.stringify(row.entity)},"id":${JSON.stringify(row.id)},` +
        `"version":${Number(row.version)}}`,
    );
  const amendments = await amendmentsOf(db, page);
  const changes = page
    .filter((row) => row.in_scope)
    .map(
      (row) =>
        `{"entity":${JSON.stringify(row.entity)},"id":${JSON.stringify(row.id)},` +
        `"version":${Number(row.version)},"serverRev":${row.server_rev},"deleted":${row.deleted},` +
        `"status":${JSON.stringify(row.status)},"data":${row.data ?? 'null'},` +
        `"createdBy":${JSON.stringify({ id: row.created_by, name: row.created_by_name })},` +
        `"updatedBy":${JSON.stringify({ id: row.updated_by, name: row.updated_by_name })},` +
        `"receivedAt":"${isoTime(row.received_at)}"` +
        `${amendments.has(row.id) ? `,"amendments":${JSON.stringify(amendments.get(row.id))}` : ''}}`,
    );
  return (
    `{"changes":[${changes.join(',')}],"removed":[${removed.join(',')}],` +
    `"next":${JSON.stringify(next)},"hasMore":${hasMore},` +
    `"lastMutationId":${lastMutationId},"serverEpoch":${JSON.stringify(serverEpoch)}}`
  );
}

/**
 * The amendments of the page's final records, by record, oldest first: one query a page, on the
 * partial index of amendments (migration 160), only for records past their first revision.
 */
async function amendmentsOf(
  db: Database,
  page: readonly PullRow[],
): Promise<Map<string, PulledAmendment[]>> {
  const ids = page
    .filter((row) => row.in_scope && row.status === 'final' && !row.deleted && row.server_rev > 1)
    .map((row) => row.id);
  const byRecord = new Map<string, PulledAmendment[]>();
  if (ids.length === 0) return byRecord;
  const { rows } = await db.query<{
    record_id: string;
    server_rev: number;
    author_id: string;
    author_name: string | null;
    device_time: Date | string;
    received_at: Date | string;
    reason: string | null;
  }>(
    `SELECT h.record_id, h.server_rev, h.author_id::text, p.name AS author_name, h.device_time,
       h.received_at, h.reason
     FROM record_history h LEFT JOIN people p ON p.id = h.author_id
     WHERE h.op = 'amend'
       AND h.record_id = ANY (ARRAY(SELECT jsonb_array_elements_text($1::jsonb)))
     ORDER BY h.record_id, h.server_rev`,
    [JSON.stringify(ids)],
  );
  for (const row of rows) {
    const list = byRecord.get(row.record_id) ?? [];
    list.push({
      serverRev: row.server_rev,
      author: { id: row.author_id, name: row.author_name ?? row.author_id },
      deviceTime: isoTime(row.device_time),
      receivedAt: isoTime(row.received_at),
      reason: row.reason,
    });
    byRecord.set(row.record_id, list);
  }
  return byRecord;
}
