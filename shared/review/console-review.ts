import { z } from 'zod';
import { RecordIdSchema } from '../domain/ids.ts';
import { UserRoleSchema } from '../domain/enums.ts';
import {
  maxReviewCommentLength,
  ReviewFilterSchema,
  ReviewStateSchema,
} from '../domain/record-review.ts';
import { recordEntities } from '../records/record-entities.ts';

/**
 * What the web console sends to review records and to read its review queue (issue 17 item 3):
 * defined here once, so the console's routes parse with the same schemas the server functions
 * are typed by.
 */

/** A bulk review in the console: a page of the queue, and more. */
export const maxConsoleReviewBatch = 500;

/** The console account reviewing: a person of the server (people row), with their role. */
export const ConsoleReviewerSchema = z.object({
  id: z.uuid(),
  name: z.string().trim().min(1).max(200),
  role: UserRoleSchema,
});
export type ConsoleReviewer = z.infer<typeof ConsoleReviewerSchema>;

export const ConsoleReviewInputSchema = z
  .object({
    recordIds: z.array(RecordIdSchema).min(1).max(maxConsoleReviewBatch),
    state: ReviewStateSchema,
    comment: z.string().trim().max(maxReviewCommentLength).optional(),
    reviewer: ConsoleReviewerSchema,
  })
  .refine((input) => input.state !== 'has_issues' || (input.comment ?? '') !== '', {
    path: ['comment'],
    message: 'reviewCommentRequired',
  });
export type ConsoleReviewInput = z.input<typeof ConsoleReviewInputSchema>;

export const ReviewQueueQuerySchema = z.object({
  /** Where records stand; all final records when not given. */
  standing: ReviewFilterSchema.optional(),
  entity: z.enum(recordEntities).optional(),
  /** The record's author. */
  authorId: z.uuid().optional(),
  /** When the record reached the server (YYYY-MM-DD, inclusive). */
  receivedFrom: z.iso.date().optional(),
  receivedTo: z.iso.date().optional(),
  limit: z.number().int().min(1).max(500).default(50),
  offset: z.number().int().min(0).default(0),
});
export type ReviewQueueQuery = z.input<typeof ReviewQueueQuerySchema>;

const PersonSchema = z.object({ id: z.string(), name: z.string() });

export const ReviewQueueRowSchema = z.object({
  recordId: z.string(),
  entity: z.enum(recordEntities),
  recordNumber: z.string().nullable(),
  occurredAt: z.string().nullable(),
  author: PersonSchema,
  receivedAt: z.string(),
  serverRev: z.number().int(),
  standing: ReviewFilterSchema,
  comment: z.string().nullable(),
  reviewer: PersonSchema.nullable(),
});
export type ReviewQueueRow = z.infer<typeof ReviewQueueRowSchema>;
