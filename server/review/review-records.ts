import {
  reviewIdFor,
  type ReviewFilter,
  type ReviewState,
} from '../../shared/domain/record-review.ts';
import { isReviewable, recordTypeOf } from '../../shared/records/record-types.ts';
import { recordEntities, type RecordEntity } from '../../shared/records/record-entities.ts';
import {
  ConsoleReviewInputSchema,
  ReviewQueueQuerySchema,
  type ConsoleReviewInput,
  type ReviewQueueQuery,
  type ReviewQueueRow,
} from '../../shared/review/console-review.ts';
import {
  PushResponseSchema,
  type Mutation,
  type MutationOutcome,
  type RejectReason,
} from '../../shared/sync/protocol.ts';
import type { Database, Queryable } from '../db/database.ts';
import { CONSOLE_DEVICE_ID } from '../migrations/0120-record-reviews.ts';
import { applyServerPush } from '../sync/push.ts';
import { isoTime, readRecords } from '../sync/stored-record.ts';

/**
 * The console's side of review (issue 17 item 3). A console review is pushed as the web console's
 * own device (migration 120) through the same decision and storage as a laptop's push: history,
 * versions, conflicts and the role check of the record_review type all apply, the reviewer
 * becomes a person row, and laptops get the review at their next pull. A console review is based
 * on the review's current revision: the reviewer sees the latest state, so it never conflicts
 * with a change it has seen; it only changes what it sets (state, comment, reviewer).
 */

export type ReviewErrorCode = 'VALIDATION_ERROR' | 'NOT_FOUND' | 'NOT_REVIEWABLE';

/** A client's mistake (unknown record, a draft): the route answers 4xx with this code. */
export class ReviewError extends Error {
  readonly code: ReviewErrorCode;
  readonly recordIds: readonly string[];
  constructor(code: ReviewErrorCode, message: string, recordIds: readonly string[] = []) {
    super(message);
    this.code = code;
    this.recordIds = recordIds;
  }
}

export interface ConsoleReviewResult {
  readonly recordId: string;
  readonly reviewId: string;
  readonly outcome: MutationOutcome;
  readonly reason: RejectReason | null;
  readonly message: string | null;
}

/** Who to tell that changes were stored (the event stream's notifier), as a push route does. */
export interface ChangesListener {
  changesStored(byDeviceId: string): void;
}

export async function reviewRecords(
  db: Database,
  input: ConsoleReviewInput,
  options: { now?: Date; notifier?: ChangesListener } = {},
): Promise<ConsoleReviewResult[]> {
  const parsed = ConsoleReviewInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new ReviewError(
      'VALIDATION_ERROR',
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '),
    );
  }
  const { recordIds, state, comment, reviewer } = parsed.data;
  const ids = [...new Set(recordIds)];
  const now = options.now ?? new Date();
  const body = await applyServerPush(
    db,
    CONSOLE_DEVICE_ID,
    async (tx, last) => {
      const records = await readRecords(tx, [...ids, ...ids.map(reviewIdFor)]);
      const missing = ids.filter((id) => {
        const record = records.get(id);
        return record === undefined || record.deleted;
      });
      if (missing.length > 0) {
        throw new ReviewError('NOT_FOUND', 'The server has no such record.', missing);
      }
      const notFinal = ids.filter((id) => {
        const record = records.get(id)!;
        return !isReviewable(recordTypeOf(record.entity)) || record.status !== 'final';
      });
      if (notFinal.length > 0) {
        throw new ReviewError('NOT_REVIEWABLE', 'Only final records are reviewed.', notFinal);
      }
      return ids.map((id, index): Mutation => {
        const record = records.get(id)!;
        const review = records.get(reviewIdFor(id));
        const exists = review !== undefined && !review.deleted;
        return {
          mutationId: last + index + 1,
          entity: 'record_review',
          entityId: reviewIdFor(id),
          op: exists ? 'update' : 'create',
          baseRev: exists ? review.serverRev : 0,
          fields: reviewFields(
            id,
            record.entity,
            record.serverRev,
            state,
            comment,
            reviewer.id,
            now,
          ),
          author: reviewer,
          deviceTime: now.toISOString(),
        };
      });
    },
    now,
  );
  const response = PushResponseSchema.parse(JSON.parse(body));
  if (response.results.some((result) => result.outcome !== 'rejected')) {
    options.notifier?.changesStored(CONSOLE_DEVICE_ID);
  }
  return ids.map((recordId, index) => {
    const result = response.results[index]!;
    return {
      recordId,
      reviewId: reviewIdFor(recordId),
      outcome: result.outcome,
      reason: result.reason,
      message: result.message,
    };
  });
}

function reviewFields(
  recordId: string,
  entity: RecordEntity,
  serverRev: number,
  state: ReviewState,
  comment: string | undefined,
  reviewerId: string,
  now: Date,
): Record<string, unknown> {
  return {
    reviewedRecordId: recordId,
    reviewedEntity: entity,
    state,
    // Null leaves the field: a new state without a comment does not keep the old one.
    comment: comment === undefined || comment === '' ? null : comment,
    reviewerId,
    reviewedAt: now.toISOString(),
    reviewedRevision: serverRev,
  };
}

/** Entities whose final records are reviewed, from the types' definitions (SQL list text). */
const reviewableEntitiesSql = recordEntities
  .filter((entity) => isReviewable(recordTypeOf(entity)))
  .map((entity) => `'${entity}'`)
  .join(', ');

/** Where a record stands with its review, in SQL (reviewStandingOf on the server). */
const standingSql = `CASE
    WHEN v.id IS NULL OR v.deleted THEN 'not_reviewed'
    WHEN v.data->>'state' <> 'has_issues' THEN v.data->>'state'
    WHEN r.server_rev > (v.data->>'reviewedRevision')::int THEN 'answered'
    ELSE 'has_issues' END`;

interface QueueRow {
  id: string;
  entity: RecordEntity;
  record_number: string | null;
  occurred_at: string | null;
  created_by: string;
  author_name: string | null;
  received_at: Date | string;
  server_rev: number;
  standing: ReviewFilter;
  comment: string | null;
  reviewer_id: string | null;
  reviewer_name: string | null;
  total: string | number;
}

/**
 * The console's review queue: final records by where they stand with their review, filtered by
 * type, author and when they arrived, oldest first (the longest waiting at the top), paged.
 */
export async function reviewQueue(
  db: Queryable,
  query: ReviewQueueQuery,
): Promise<{ rows: ReviewQueueRow[]; total: number }> {
  const parsed = ReviewQueueQuerySchema.safeParse(query);
  if (!parsed.success) {
    throw new ReviewError(
      'VALIDATION_ERROR',
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '),
    );
  }
  const filter = parsed.data;
  const { rows } = await db.query<QueueRow>(
    `SELECT q.*, count(*) OVER () AS total FROM (
       SELECT r.id, r.entity, r.data->>'recordNumber' AS record_number,
         coalesce(r.data->>'occurredAt', r.data->>'transferredAt', r.data->>'decidedAt',
           r.data->>'destructionDate', r.data->>'checkedAt') AS occurred_at,
         r.created_by, cp.name AS author_name, r.received_at, r.server_rev,
         ${standingSql} AS standing, v.data->>'comment' AS comment,
         v.data->>'reviewerId' AS reviewer_id, vp.name AS reviewer_name
       FROM records r
       LEFT JOIN records v ON v.entity = 'record_review' AND v.data->>'reviewedRecordId' = r.id
       LEFT JOIN people cp ON cp.id = r.created_by
       LEFT JOIN people vp ON vp.id::text = v.data->>'reviewerId'
       WHERE r.entity IN (${reviewableEntitiesSql}) AND NOT r.deleted AND r.status = 'final'
         AND ($1::text IS NULL OR r.entity = $1)
         AND ($2::uuid IS NULL OR r.created_by = $2::uuid)
         AND ($3::date IS NULL OR r.received_at >= $3::date)
         AND ($4::date IS NULL OR r.received_at < $4::date + 1)
     ) q
     WHERE ($5::text IS NULL OR q.standing = $5)
     ORDER BY q.received_at, q.id
     LIMIT $6 OFFSET $7`,
    [
      filter.entity ?? null,
      filter.authorId ?? null,
      filter.receivedFrom ?? null,
      filter.receivedTo ?? null,
      filter.standing ?? null,
      filter.limit,
      filter.offset,
    ],
  );
  // A page past the end has no row to carry the total: count again without paging.
  const total =
    rows[0] !== undefined
      ? Number(rows[0].total)
      : filter.offset === 0
        ? 0
        : (await reviewQueue(db, { ...filter, offset: 0, limit: 1 })).total;
  return { rows: rows.map(toQueueRow), total };
}

function toQueueRow(row: QueueRow): ReviewQueueRow {
  return {
    recordId: row.id,
    entity: row.entity,
    recordNumber: row.record_number,
    occurredAt: row.occurred_at,
    author: { id: row.created_by, name: row.author_name ?? row.created_by },
    receivedAt: isoTime(row.received_at),
    serverRev: row.server_rev,
    standing: row.standing,
    comment: row.comment,
    reviewer:
      row.reviewer_id === null
        ? null
        : { id: row.reviewer_id, name: row.reviewer_name ?? row.reviewer_id },
  };
}
