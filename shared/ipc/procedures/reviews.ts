import { z } from 'zod';
import { RecordIdSchema } from '../../domain/ids.ts';
import { noInput } from './app.ts';
import {
  maxReviewCommentLength,
  RecordReviewSchema,
  ReviewFilterSchema,
  ReviewStateSchema,
} from '../../domain/record-review.ts';

/**
 * Review of final records (issue 17 item 3). Team leads and administrators review (checked in
 * main and again by the server); everyone reads a record's review and their own tasks.
 */

const PersonRefSchema = z.object({ id: z.string(), name: z.string() });

/** A bulk review touches at most this many records (a page of the records list, and more). */
export const maxReviewBatch = 200;

export const ReviewRecordsInputSchema = z
  .object({
    recordIds: z.array(RecordIdSchema).min(1).max(maxReviewBatch),
    state: ReviewStateSchema,
    comment: z.string().trim().max(maxReviewCommentLength).optional(),
  })
  .refine((input) => input.state !== 'has_issues' || (input.comment ?? '') !== '', {
    path: ['comment'],
    message: 'reviewCommentRequired',
  });
export type ReviewRecordsInput = z.input<typeof ReviewRecordsInputSchema>;

export const ReviewHistoryEntrySchema = z.object({
  state: ReviewStateSchema,
  comment: z.string().nullable(),
  reviewer: PersonRefSchema,
  reviewedAt: z.string(),
  /** Arrived by sync (set on another laptop or in the console). */
  received: z.boolean(),
});
export type ReviewHistoryEntry = z.infer<typeof ReviewHistoryEntrySchema>;

export const RecordReviewViewSchema = z.object({
  recordId: RecordIdSchema,
  /** Where the record stands: not reviewed, approved, has issues, answered, rejected. */
  standing: ReviewFilterSchema,
  review: RecordReviewSchema.nullable(),
  reviewer: PersonRefSchema.nullable(),
  /** The review's local revision (null: never reviewed here or received). */
  revision: z.number().int().min(1).nullable(),
  history: z.array(ReviewHistoryEntrySchema),
});
export type RecordReviewView = z.infer<typeof RecordReviewViewSchema>;

export const ReviewTaskSchema = z.object({
  recordId: RecordIdSchema,
  recordNumber: z.string().nullable(),
  occurredAt: z.string().nullable(),
  /** has_issues: to answer; answered: amended, awaiting the reviewer. */
  standing: z.enum(['has_issues', 'answered']),
  comment: z.string().nullable(),
  reviewerName: z.string(),
  reviewedAt: z.string(),
});
export type ReviewTask = z.infer<typeof ReviewTaskSchema>;

export const reviewProcedures = {
  /** Sets one state (and comment) on each named final record: one transaction for them all. */
  reviewRecords: {
    input: ReviewRecordsInputSchema,
    output: z.object({ reviews: z.array(RecordReviewViewSchema) }),
  },
  /** A record's review with every state it had. */
  getRecordReview: {
    input: z.object({ recordId: RecordIdSchema }),
    output: RecordReviewViewSchema,
  },
  /** The signed-in person's records marked "has issues" (and those they answered). */
  listReviewTasks: {
    input: noInput,
    output: z.object({ tasks: z.array(ReviewTaskSchema), open: z.number().int().min(0) }),
  },
} as const;
