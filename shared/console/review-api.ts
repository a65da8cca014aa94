import { z } from 'zod';
import {
  maxReviewCommentLength,
  ReviewFilterSchema,
  ReviewStateSchema,
} from '../domain/record-review.ts';
import { recordEntities, type RecordEntity } from '../records/record-entities.ts';
import { isReviewable, recordTypeOf } from '../records/record-types.ts';

/**
 * The console's review queue (issue 17 item 3): final records by review standing, a record's
 * fields with its review history, and reviews written one by one or in bulk. A review written here
 * is stored like a change a laptop pushed, so laptops receive it at their next sync.
 */
export const reviewRoutes = {
  queue: '/reviews',
  record: (id: string) => `/reviews/records/${encodeURIComponent(id)}`,
  review: '/reviews/review',
} as const;

/** Final records a reviewer judges: evidence (finalised or sealed types), nothing else. */
export const reviewableEntities: readonly RecordEntity[] = recordEntities.filter((entity) =>
  isReviewable(recordTypeOf(entity)),
);

const IsoTimeSchema = z.iso.datetime({ offset: true });
const RecordIdSchema = z.uuid();
const DateSchema = z.iso.date();

export const ReviewQueueQuerySchema = z.object({
  standing: ReviewFilterSchema.default('not_reviewed'),
  entity: z.enum(recordEntities).optional(),
  teamId: z.uuid().optional(),
  /** A place (location record id): records at or naming it. */
  placeId: RecordIdSchema.optional(),
  /** Received by the server on or after / on or before these days (UTC). */
  from: DateSchema.optional(),
  to: DateSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export type ReviewQueueQuery = z.input<typeof ReviewQueueQuerySchema>;

export const ReviewQueueRowSchema = z.object({
  id: z.string(),
  entity: z.enum(recordEntities),
  /** The record's own title field when it has one (a record number, a name), else null. */
  label: z.string().nullable(),
  placeName: z.string().nullable(),
  receivedAt: IsoTimeSchema,
  serverRev: z.number().int(),
  standing: ReviewFilterSchema,
  comment: z.string().nullable(),
});
export type ReviewQueueRow = z.infer<typeof ReviewQueueRowSchema>;

export const ReviewQueueSchema = z.object({
  rows: z.array(ReviewQueueRowSchema),
  /** Whether more rows matched than the limit. */
  more: z.boolean(),
  /** What the filters offer: the teams and the places the server holds. */
  teams: z.array(z.object({ id: z.string(), name: z.string() })),
  places: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type ReviewQueue = z.infer<typeof ReviewQueueSchema>;

export const ReviewHistoryEntrySchema = z.object({
  serverRev: z.number().int(),
  state: ReviewStateSchema.nullable(),
  comment: z.string().nullable(),
  reviewerName: z.string().nullable(),
  receivedAt: IsoTimeSchema,
});

export const ReviewRecordDetailSchema = z.object({
  row: ReviewQueueRowSchema,
  fields: z.record(z.string(), z.unknown()),
  /** Newest first. */
  history: z.array(ReviewHistoryEntrySchema),
});
export type ReviewRecordDetail = z.infer<typeof ReviewRecordDetailSchema>;

export const ReviewRequestSchema = z
  .object({
    recordIds: z.array(RecordIdSchema).min(1).max(200),
    state: ReviewStateSchema,
    comment: z.string().trim().max(maxReviewCommentLength).optional(),
  })
  .superRefine((request, context) => {
    // The author is told what the issue is: a has-issues review without words is no task.
    if (request.state === 'has_issues' && (request.comment ?? '') === '') {
      context.addIssue({ code: 'custom', path: ['comment'], message: 'reviewCommentRequired' });
    }
  });
export type ReviewRequest = z.infer<typeof ReviewRequestSchema>;

export const ReviewResponseSchema = z.object({
  results: z.array(
    z.object({
      recordId: z.string(),
      outcome: z.enum(['applied', 'conflict', 'rejected']),
      message: z.string().nullable(),
    }),
  ),
});
export type ReviewResponse = z.infer<typeof ReviewResponseSchema>;
