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
import type { Database, Queryable } from '../db/database.ts';
import { reviewRecords, ReviewError, type ChangesListener } from '../review/review-records.ts';
import { isoTime } from '../sync/stored-record.ts';
import { scopeTeamOf } from '../console-data/scope-team.ts';
import { inTeamScopeSql, teamViewIds } from '../teams/team-scope.ts';
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
  // The same team scope as the pull's, reports' and exports' (team-scope.ts); an unknown team
  // is refused as they refuse it, never answered with every record.
  const team = await scopeTeamOf(db, query.teamId);
  const scoped = team !== undefined && !team.national;
  const { rows } = await db.query<QueueRow>(
    `SELECT * FROM (${queueSelect}
       WHERE r.entity = ANY($1::text[]) AND r.status = 'final' AND NOT r.deleted
         AND ($2::uuid[] IS NULL OR ${inTeamScopeSql('r.id', '$2')})
         AND ($3::text IS NULL OR $3 = ANY(s.places))
         AND ($4::date IS NULL OR r.received_at >= $4::date)
         AND ($5::date IS NULL OR r.received_at < $5::date + 1)) q
     WHERE q.standing = $6
     ORDER BY q.received_at, q.id LIMIT $7`,
    [
      [...entities],
      scoped ? teamViewIds(team.id) : null,
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

/**
 * Reviews final records (one or many) as the signed-in reviewer, through the review engineer's
 * server function (server/review): pushed as the web console's own device (migration 120), so it
 * is stored, versioned and pulled by laptops like a laptop's change. A record that is not final
 * (or unknown) refuses the whole request with a 4xx, before anything is written.
 */
export async function reviewFromConsole(
  db: Database,
  reviewer: ConsoleReviewer,
  request: ReviewRequest,
  now: Date,
  notifier?: ChangesListener,
): Promise<ReviewResponse> {
  try {
    const results = await reviewRecords(
      db,
      {
        recordIds: request.recordIds,
        state: request.state,
        comment: request.comment,
        // A console reviewer reviews as a team lead would on a laptop (record_review's roles).
        reviewer: { id: reviewer.accountId, name: reviewer.name, role: 'team_lead' },
      },
      { now, notifier },
    );
    return {
      results: results.map((result) => ({
        recordId: result.recordId,
        outcome: result.outcome,
        message: result.outcome === 'applied' ? null : result.message,
      })),
    };
  } catch (error) {
    if (!(error instanceof ReviewError)) throw error;
    if (error.code === 'NOT_FOUND') throw notReviewable();
    throw new ConsoleHttpError(400, 'VALIDATION_ERROR', error.message, {
      issues: error.recordIds.map((id) => ({ path: 'recordIds', message: `notReviewable:${id}` })),
    });
  }
}
