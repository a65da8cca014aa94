import { v5 as uuidv5 } from 'uuid';
import { z } from 'zod';
import { recordEntities } from '../records/record-entities.ts';
import { RecordIdSchema } from './ids.ts';
import { key, keyed } from './message-keys.ts';
import { objectOf, textSchema, TimestampSchema } from './primitives.ts';

/**
 * The review of a final record (issue 17 item 3): approved, has issues (with a comment) or
 * rejected, by a team lead on a laptop or a reviewer in the console. ONE editable review record
 * per reviewed record, its id derived from the reviewed record's id, so two reviewers reviewing
 * the same record change the same review: their changes to the same fields meet on the server as
 * a conflict a person settles (by revision, never by clock), and every change is a revision kept
 * in the record's history on both sides.
 */

export const reviewStateValues = ['approved', 'has_issues', 'rejected'] as const;
export const ReviewStateSchema = z.enum(reviewStateValues, keyed('invalidOption'));
export type ReviewState = z.infer<typeof ReviewStateSchema>;

/**
 * What lists and filters show: a review state, "answered" (has issues, and the author amended
 * the record since), or "not reviewed".
 */
export const reviewFilterValues = [
  'not_reviewed',
  'approved',
  'has_issues',
  'answered',
  'rejected',
] as const;
export const ReviewFilterSchema = z.enum(reviewFilterValues);
export type ReviewFilter = z.infer<typeof ReviewFilterSchema>;

export const maxReviewCommentLength = 2000;

export const RecordReviewSchema = objectOf({
  id: RecordIdSchema,
  /** The one field that names the reviewed record: the review follows its scope. */
  reviewedRecordId: RecordIdSchema,
  reviewedEntity: z.enum(recordEntities, keyed('invalidOption')),
  state: ReviewStateSchema,
  comment: textSchema(maxReviewCommentLength).optional(),
  /** The person who set this state (the server refuses a change naming anyone else). */
  reviewerId: RecordIdSchema,
  /** The reviewer's clock: shown, never compared. */
  reviewedAt: TimestampSchema,
  /**
   * The reviewed record's server revision the reviewer saw. An amendment moves the record past
   * it: that is how "answered, awaiting review" is derived, by revision and not by clock.
   */
  reviewedRevision: z.int(keyed('invalidNumber')).min(1, key('invalidNumber')),
  /** The revision the server issued (id and revision are the server's keys). */
  revision: z.int().min(0).optional(),
}).superRefine((review, context) => {
  if (review.state === 'has_issues' && (review.comment ?? '') === '') {
    context.addIssue({ code: 'custom', path: ['comment'], message: key('reviewCommentRequired') });
  }
});
export type RecordReview = z.infer<typeof RecordReviewSchema>;

/** A fixed namespace: every laptop and the server derive the same review id for a record. */
const reviewNamespace = '8d0f6c1e-5b7a-4f0e-9a57-2c1a4e6b9d30';

/** The id of a record's review: the same wherever it is computed. */
export function reviewIdFor(reviewedRecordId: string): string {
  return uuidv5(reviewedRecordId, reviewNamespace);
}

/**
 * Where a reviewed record stands: its review's state, or "answered" when it has issues and the
 * record's server revision moved past the reviewed one (or an amendment waits to be sent).
 */
export function reviewStandingOf(
  review: Pick<RecordReview, 'state' | 'reviewedRevision'> | null,
  record: { readonly serverRev: number; readonly amendmentWaiting: boolean },
): ReviewFilter {
  if (review === null) return 'not_reviewed';
  if (review.state !== 'has_issues') return review.state;
  return record.amendmentWaiting || record.serverRev > review.reviewedRevision
    ? 'answered'
    : 'has_issues';
}
