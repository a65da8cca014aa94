import type { RecordEntity } from '../../shared/records/record-entities.ts';
import type { RecordReview, ReviewFilter } from '../../shared/domain/record-review.ts';
import type { Db } from './encrypted-database.ts';
import type { ReferenceRowMeta } from './locations-repository.ts';
import { prepared } from './prepared.ts';

/**
 * Reviews of final records (migration 190): one row per reviewed record, and every state it had
 * in record_review_history, written by writeRecordReview in the caller's transaction whether the
 * review was saved here or pulled.
 */

export function readRecordReview(db: Db, id: string): RecordReview | null {
  const row = prepared(db, 'SELECT data_json FROM record_reviews WHERE id = ?').get(id) as
    { data_json: string } | undefined;
  return row === undefined ? null : (JSON.parse(row.data_json) as RecordReview);
}

export function readRecordReviewMeta(db: Db, id: string): ReferenceRowMeta | null {
  return (
    (prepared(
      db,
      `SELECT revision, server_rev AS serverRev, created_at AS createdAt, created_by AS createdBy
       FROM record_reviews WHERE id = ?`,
    ).get(id) as ReferenceRowMeta | undefined) ?? null
  );
}

/** Revisions as in writeLocation: `serverRev` only from sync; a local save keeps it. */
export function writeRecordReview(
  db: Db,
  review: RecordReview,
  at: string,
  by: string,
  revision: number,
  options: { serverRev?: number | null; received: boolean },
): void {
  const row = {
    id: review.id,
    recordId: review.reviewedRecordId,
    entity: review.reviewedEntity,
    state: review.state,
    comment: review.comment ?? null,
    reviewer: review.reviewerId,
    reviewedAt: review.reviewedAt,
    reviewedRevision: review.reviewedRevision,
  };
  prepared(
    db,
    `INSERT INTO record_reviews (id, reviewed_record_id, reviewed_entity, state, comment,
       reviewer_id, reviewed_at, reviewed_revision, data_json, created_at, created_by, revision,
       server_rev)
     VALUES (@id, @recordId, @entity, @state, @comment, @reviewer, @reviewedAt, @reviewedRevision,
       @data, @at, @by, @revision, coalesce(@serverRev, 0))
     ON CONFLICT (id) DO UPDATE SET state = excluded.state, comment = excluded.comment,
       reviewer_id = excluded.reviewer_id, reviewed_at = excluded.reviewed_at,
       reviewed_revision = excluded.reviewed_revision, data_json = excluded.data_json,
       revision = excluded.revision,
       server_rev = coalesce(@serverRev, record_reviews.server_rev)`,
  ).run({
    ...row,
    data: JSON.stringify(review),
    at,
    by,
    revision,
    serverRev: options.serverRev ?? null,
  });
  prepared(
    db,
    `INSERT INTO record_review_history (reviewed_record_id, state, comment, reviewer_id,
       reviewed_at, reviewed_revision, received)
     VALUES (@recordId, @state, @comment, @reviewer, @reviewedAt, @reviewedRevision, @received)`,
  ).run({
    recordId: row.recordId,
    state: row.state,
    comment: row.comment,
    reviewer: row.reviewer,
    reviewedAt: row.reviewedAt,
    reviewedRevision: row.reviewedRevision,
    received: options.received ? 1 : 0,
  });
}

export interface ReviewHistoryRow {
  readonly state: RecordReview['state'];
  readonly comment: string | null;
  readonly reviewerId: string;
  readonly reviewerName: string;
  readonly reviewedAt: string;
  readonly received: boolean;
}

/** Every state a record's review had, oldest first. */
export function reviewHistoryOf(db: Db, reviewedRecordId: string): ReviewHistoryRow[] {
  const rows = prepared(
    db,
    `SELECT h.state, h.comment, h.reviewer_id AS reviewerId,
       coalesce(u.name, h.reviewer_id) AS reviewerName, h.reviewed_at AS reviewedAt, h.received
     FROM record_review_history h LEFT JOIN users u ON u.id = h.reviewer_id
     WHERE h.reviewed_record_id = ? ORDER BY h.seq`,
  ).all(reviewedRecordId) as Array<Omit<ReviewHistoryRow, 'received'> & { received: number }>;
  return rows.map((row) => ({ ...row, received: row.received === 1 }));
}

/**
 * SQL for where a record stands with its review (reviewStandingOf in SQL), given the expressions
 * for the record's id and server revision: answered when it has issues and the record moved past
 * the reviewed revision, or an amendment of it waits to be sent.
 */
export function reviewStandingSql(idExpr: string, serverRevExpr: string): string {
  return `coalesce((SELECT CASE
      WHEN r.state <> 'has_issues' THEN r.state
      WHEN ${serverRevExpr} > r.reviewed_revision
        OR EXISTS (SELECT 1 FROM outbox o WHERE o.entity_id = ${idExpr} AND o.state = 'pending'
          AND o.op = 'amend') THEN 'answered'
      ELSE 'has_issues' END
    FROM record_reviews r WHERE r.reviewed_record_id = ${idExpr}), 'not_reviewed')`;
}

export interface ReviewTaskRow {
  readonly recordId: string;
  readonly recordNumber: string | null;
  readonly occurredAt: string | null;
  readonly standing: Extract<ReviewFilter, 'has_issues' | 'answered'>;
  readonly comment: string | null;
  readonly reviewerName: string;
  readonly reviewedAt: string;
}

/**
 * The author's tasks: their final records whose review says "has issues", with the comment; an
 * amendment turns one into "answered" (still listed, awaiting the reviewer).
 */
export function reviewTasksOf(db: Db, authorId: string): ReviewTaskRow[] {
  return prepared(
    db,
    `SELECT * FROM (
       SELECT e.id AS recordId, e.record_number AS recordNumber, e.occurred_on AS occurredAt,
         ${reviewStandingSql('e.id', 'e.server_rev')} AS standing, r.comment,
         coalesce(u.name, r.reviewer_id) AS reviewerName, r.reviewed_at AS reviewedAt
       FROM record_reviews r
       JOIN intake_events e ON e.id = r.reviewed_record_id
       LEFT JOIN users u ON u.id = r.reviewer_id
       WHERE r.state = 'has_issues' AND e.created_by = ?)
     ORDER BY standing DESC, reviewedAt, recordId`,
  ).all(authorId) as ReviewTaskRow[];
}

export interface ReviewableRow {
  readonly entity: RecordEntity;
  readonly final: boolean;
  readonly serverRev: number;
}

/** A record that may be reviewed, as this laptop holds it: an intake event or sealed custody. */
export function findReviewableRecord(db: Db, id: string): ReviewableRow | null {
  const intake = prepared(db, 'SELECT status, server_rev FROM intake_events WHERE id = ?').get(
    id,
  ) as { status: string; server_rev: number } | undefined;
  if (intake !== undefined) {
    return {
      entity: 'intake_event',
      final: intake.status === 'final',
      serverRev: intake.server_rev,
    };
  }
  const custody = prepared(db, 'SELECT entity, server_rev FROM custody_records WHERE id = ?').get(
    id,
  ) as { entity: RecordEntity; server_rev: number } | undefined;
  if (custody !== undefined) {
    return { entity: custody.entity, final: true, serverRev: custody.server_rev };
  }
  return null;
}

/** Whether an amendment of the record waits to be sent (it answers a review already). */
export function amendmentWaiting(db: Db, id: string): boolean {
  return (
    prepared(
      db,
      "SELECT 1 FROM outbox WHERE entity_id = ? AND state = 'pending' AND op = 'amend' LIMIT 1",
    ).get(id) !== undefined
  );
}
