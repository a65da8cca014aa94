import { createHash, randomUUID } from 'node:crypto';
import type { ReviewFilter } from '../../shared/domain/record-review.ts';
import { reviewIdFor } from '../../shared/domain/record-review.ts';
import type {
  ReviewQueue,
  ReviewQueueQuerySchema,
  ReviewQueueRow,
  ReviewRecordDetail,
  ReviewRequest,
  ReviewResponse,
} from '../../shared/console/review-api.ts';
import { reviewableEntities } from '../../shared/console/review-api.ts';
import type { RecordEntity } from '../../shared/records/record-entities.ts';
import {
  MutationResultSchema,
  SYNC_PROTOCOL_VERSION,
  type Mutation,
} from '../../shared/sync/protocol.ts';
import type { Database, Queryable } from '../db/database.ts';
import { readServerEpoch } from '../server-meta.ts';
import { applyPush } from '../sync/push.ts';
import { isoTime } from '../sync/stored-record.ts';
import { defaultTeam } from '../teams/teams.ts';
import { ConsoleHttpError } from './console-http-error.ts';
import type { z } from 'zod';

/** The standing SQL derives, as reviewStandingOf does on the laptop (by revision, not clock). */
const standingSql = `CASE
    WHEN v.id IS NULL OR v.deleted THEN 'not_reviewed'
    WHEN v.data->>'state' <> 'has_issues' THEN v.data->>'state'
    WHEN r.server_rev > (v.data->>'reviewedRevision')::int THEN 'answered'
    ELSE 'has_issues' END`;

interface QueueRow {
  id: string;
  entity: RecordEntity;
  label: string | null;
  place_name: string | null;
  received_at: Date | string;
  server_rev: number;
  standing: ReviewFilter;
  comment: string | null;
}

const queueSelect = `SELECT r.id, r.entity,
    COALESCE(r.data->>'recordNumber', r.data->>'agencyCaseRef', r.data->>'name') AS label,
    (SELECT l.data->>'name' FROM records l
      WHERE l.entity = 'location' AND l.id = s.places[1]) AS place_name,
    r.received_at, r.server_rev, ${standingSql} AS standing, v.data->>'comment' AS comment
  FROM records r
  LEFT JOIN record_scope s ON s.record_id = r.id
  LEFT JOIN records v ON v.entity = 'record_review' AND v.data->>'reviewedRecordId' = r.id`;

function rowOf(row: QueueRow): ReviewQueueRow {
  return {
    id: row.id,
    entity: row.entity,
    label: row.label,
    placeName: row.place_name,
    receivedAt: isoTime(row.received_at),
    serverRev: Number(row.server_rev),
    standing: row.standing,
    comment: row.standing === 'not_reviewed' ? null : row.comment,
  };
}

export async function listReviewQueue(
  db: Queryable,
  query: z.output<typeof ReviewQueueQuerySchema>,
): Promise<ReviewQueue> {
  const entities = query.entity === undefined ? reviewableEntities : [query.entity];
  const national =
    query.teamId === undefined
      ? true
      : (
          await db.query<{ national: boolean }>('SELECT national FROM teams WHERE id = $1::uuid', [
            query.teamId,
          ])
        ).rows[0]?.national;
  if (national === undefined) throw new ConsoleHttpError(404, 'NOT_FOUND', 'No such team.');
  const { rows } = await db.query<QueueRow>(
    `SELECT * FROM (${queueSelect}
       WHERE r.entity = ANY($1::text[]) AND r.status = 'final' AND NOT r.deleted
         AND ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM team_scope t
               WHERE t.team_id = $2::uuid AND t.record_id = r.id AND t.in_scope))
         AND ($3::text IS NULL OR $3 = ANY(s.places))
         AND ($4::date IS NULL OR r.received_at >= $4::date)
         AND ($5::date IS NULL OR r.received_at < $5::date + 1)) q
     WHERE q.standing = $6
     ORDER BY q.received_at, q.id LIMIT $7`,
    [
      [...entities],
      national ? null : (query.teamId ?? null),
      query.placeId ?? null,
      query.from ?? null,
      query.to ?? null,
      query.standing,
      query.limit + 1,
    ],
  );
  const teams = await db.query<{ id: string; name: string }>(
    'SELECT id, name FROM teams ORDER BY name',
  );
  return {
    rows: rows.slice(0, query.limit).map(rowOf),
    more: rows.length > query.limit,
    teams: teams.rows,
    places: await listPlaces(db),
  };
}

/** The places the server holds, by name (sites and the place filter choose among them). */
export async function listPlaces(db: Queryable): Promise<Array<{ id: string; name: string }>> {
  const { rows } = await db.query<{ id: string; name: string }>(
    `SELECT id, data->>'name' AS name FROM records
     WHERE entity = 'location' AND NOT deleted AND data->>'name' IS NOT NULL
     ORDER BY data->>'name', id`,
  );
  return rows;
}

export async function reviewRecordDetail(db: Queryable, id: string): Promise<ReviewRecordDetail> {
  const found = await db.query<QueueRow & { data: Record<string, unknown> | string }>(
    `${queueSelect.replace('SELECT r.id,', 'SELECT r.data, r.id,')}
     WHERE r.id = $1 AND r.entity = ANY($2::text[]) AND r.status = 'final' AND NOT r.deleted`,
    [id, [...reviewableEntities]],
  );
  const row = found.rows[0];
  if (row === undefined) throw notReviewable();
  const history = await db.query<{
    server_rev: number;
    fields: Record<string, unknown> | string;
    author_name: string | null;
    received_at: Date | string;
  }>(
    `SELECT h.server_rev, h.fields, p.name AS author_name, h.received_at
     FROM record_history h LEFT JOIN people p ON p.id = h.author_id
     WHERE h.record_id = $1 ORDER BY h.server_rev DESC, h.id DESC`,
    [reviewIdFor(id)],
  );
  const json = (value: Record<string, unknown> | string) =>
    typeof value === 'string' ? (JSON.parse(value) as Record<string, unknown>) : value;
  return {
    row: rowOf(row),
    fields: json(row.data),
    history: history.rows.map((entry) => {
      const fields = json(entry.fields);
      const state = fields.state;
      return {
        serverRev: Number(entry.server_rev),
        state:
          state === 'approved' || state === 'has_issues' || state === 'rejected' ? state : null,
        comment: typeof fields.comment === 'string' ? fields.comment : null,
        reviewerName: entry.author_name,
        receivedAt: isoTime(entry.received_at),
      };
    }),
  };
}

const notReviewable = () =>
  new ConsoleHttpError(404, 'NOT_FOUND', 'No final record to review has that id.');

/** Who reviews in the console: the signed-in account, as the person its changes name. */
export interface ConsoleReviewer {
  readonly accountId: string;
  readonly name: string;
}

/** The one server-held device the console's reviews are pushed as (see consoleDevice). */
export const consoleDeviceName = 'Web console (reviews)';

/**
 * The device row the console's reviews are written under. A review is stored exactly as a
 * laptop's pushed change is (applyPush: revision, history, scope, conflicts), so laptops pull it
 * like any other change and two reviewers' changes meet as a conflict, never silently. The row has
 * a credential nobody holds (the hash of a random value that is thrown away): no laptop can
 * authenticate as it.
 */
async function consoleDevice(db: Database, now: Date): Promise<string> {
  const existing = await db.query<{ id: string }>('SELECT id FROM devices WHERE name = $1', [
    consoleDeviceName,
  ]);
  const found = existing.rows[0];
  if (found !== undefined) return found.id;
  const id = randomUUID();
  const team = await defaultTeam(db);
  await db.query(
    `INSERT INTO devices (id, name, credential_hash, created_at, team_id)
     SELECT $1::uuid, $2, $3, $4, $5::uuid
     WHERE NOT EXISTS (SELECT 1 FROM devices WHERE name = $2)`,
    [
      id,
      consoleDeviceName,
      createHash('sha256').update(randomUUID()).digest('hex'),
      now.toISOString(),
      team.id,
    ],
  );
  const again = await db.query<{ id: string }>('SELECT id FROM devices WHERE name = $1', [
    consoleDeviceName,
  ]);
  return again.rows[0]?.id ?? id;
}

/** The console's pushes go one at a time: each names the device's next mutation id. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Reviews final records (one or many) as the signed-in reviewer: one push of the console device,
 * one mutation per record. Records that are not final (or not a reviewable type) are answered
 * `not_reviewable` and left out.
 */
export function reviewRecords(
  db: Database,
  reviewer: ConsoleReviewer,
  request: ReviewRequest,
  now: Date,
): Promise<ReviewResponse> {
  const run = queue.then(() => reviewRecordsNow(db, reviewer, request, now));
  queue = run.catch(() => undefined);
  return run;
}

async function reviewRecordsNow(
  db: Database,
  reviewer: ConsoleReviewer,
  request: ReviewRequest,
  now: Date,
): Promise<ReviewResponse> {
  const ids = [...new Set(request.recordIds)];
  const records = await db.query<{
    id: string;
    entity: RecordEntity;
    server_rev: number;
  }>(
    `SELECT id, entity, server_rev FROM records
     WHERE id = ANY($1::text[]) AND entity = ANY($2::text[]) AND status = 'final' AND NOT deleted`,
    [ids, [...reviewableEntities]],
  );
  const byId = new Map(records.rows.map((row) => [row.id, row]));
  const reviews = await db.query<{ id: string; server_rev: number }>(
    `SELECT id, server_rev FROM records WHERE entity = 'record_review' AND id = ANY($1::text[])`,
    [ids.map(reviewIdFor)],
  );
  const reviewRev = new Map(reviews.rows.map((row) => [row.id, Number(row.server_rev)]));
  const deviceId = await consoleDevice(db, now);
  const last = await db.query<{ last_mutation_id: string | number }>(
    'SELECT last_mutation_id FROM devices WHERE id = $1::uuid',
    [deviceId],
  );
  let mutationId = Number(last.rows[0]?.last_mutation_id ?? 0);
  const nowIso = now.toISOString();
  const mutations: Mutation[] = [];
  const order: string[] = [];
  for (const id of ids) {
    const record = byId.get(id);
    if (record === undefined) continue;
    const reviewId = reviewIdFor(id);
    const baseRev = reviewRev.get(reviewId);
    mutationId += 1;
    order.push(id);
    mutations.push({
      mutationId,
      entity: 'record_review',
      entityId: reviewId,
      op: baseRev === undefined ? 'create' : 'update',
      baseRev: baseRev ?? 0,
      fields: {
        reviewedRecordId: id,
        reviewedEntity: record.entity,
        state: request.state,
        // Cleared when the new state carries none: an approval keeps no old complaint.
        comment: request.comment === undefined || request.comment === '' ? null : request.comment,
        reviewerId: reviewer.accountId,
        reviewedAt: nowIso,
        reviewedRevision: Number(record.server_rev),
      },
      author: { id: reviewer.accountId, name: reviewer.name, role: 'team_lead' },
      deviceTime: nowIso,
    });
  }
  const outcomes = new Map<string, ReviewResponse['results'][number]>();
  if (mutations.length > 0) {
    const answer = JSON.parse(
      await applyPush(
        db,
        deviceId,
        {
          deviceId,
          protocolVersion: SYNC_PROTOCOL_VERSION,
          serverEpoch: await readServerEpoch(db),
          mutations,
        },
        now,
      ),
    ) as { results: unknown[] };
    answer.results.forEach((raw, index) => {
      const result = MutationResultSchema.parse(raw);
      const recordId = order[index];
      if (recordId === undefined) return;
      outcomes.set(recordId, {
        recordId,
        outcome: result.outcome,
        message: result.outcome === 'applied' ? null : (result.message ?? null),
      });
    });
  }
  return {
    results: ids.map(
      (recordId) =>
        outcomes.get(recordId) ?? {
          recordId,
          outcome: 'not_reviewable',
          message: 'Not a final record to review.',
        },
    ),
  };
}
