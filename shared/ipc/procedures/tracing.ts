import { z } from 'zod';
import { RecordIdSchema } from '../../domain/ids.ts';
import {
  TraceChannelSchema,
  TracePrioritySchema,
  TraceRequestSchema,
  TraceRequestStatusSchema,
} from '../../domain/trace-request.ts';

/**
 * ITI trace requests (issue 15): made from a weapon, saved with the revision the form was opened
 * on, listed for a weapon or as the overdue list. Who may make them is checked in main
 * (shared/records/record-types.ts, traceRequestType).
 */

const PersonRefSchema = z.object({ id: z.string(), name: z.string() });

/** When the other side owes an answer: `answerDays` (a setting) after the last word on it. */
const dueFields = {
  /** The day an answer is due, while one is awaited; null otherwise. */
  dueOn: z.string().nullable(),
  /** Awaiting an answer and past `dueOn` (today is the laptop's date). */
  overdue: z.boolean(),
};

export const TraceRequestViewSchema = z.object({
  request: TraceRequestSchema,
  status: TraceRequestStatusSchema,
  revision: z.number().int().min(1),
  createdAt: z.string(),
  createdBy: PersonRefSchema,
  updatedAt: z.string(),
  updatedBy: PersonRefSchema.nullable(),
  /** The weapon's intake record, to link back to. */
  recordNumber: z.string().nullable(),
  ...dueFields,
});
export type TraceRequestView = z.infer<typeof TraceRequestViewSchema>;

export const TraceRequestSummarySchema = z.object({
  id: RecordIdSchema,
  itemId: RecordIdSchema,
  intakeEventId: RecordIdSchema,
  serialNumber: z.string().nullable(),
  manufacturer: z.string().nullable(),
  model: z.string().nullable(),
  calibre: z.string().nullable(),
  addresseeCountry: z.string().nullable(),
  channel: TraceChannelSchema.nullable(),
  priority: TracePrioritySchema,
  caseReference: z.string().nullable(),
  status: TraceRequestStatusSchema,
  sentOn: z.string().nullable(),
  lastStepOn: z.string().nullable(),
  ...dueFields,
});
export type TraceRequestSummary = z.infer<typeof TraceRequestSummarySchema>;

export const ListTraceRequestsInputSchema = z.object({
  /** One weapon's requests. */
  itemId: RecordIdSchema.optional(),
  /** Only those overdue for an answer, the longest waiting first. */
  overdueOnly: z.boolean().default(false),
  limit: z.number().int().min(1).max(500).default(100),
});
export type ListTraceRequestsInput = z.input<typeof ListTraceRequestsInputSchema>;

export const tracingProcedures = {
  /**
   * A new request for a weapon on a final record, not stored yet: its markings, type, calibre and
   * photos, the requesting agency of its record and the country of manufacture as addressee
   * filled in. VALIDATION_ERROR for an item that is not a weapon or whose record is a draft.
   */
  newTraceRequest: { input: z.object({ itemId: RecordIdSchema }), output: TraceRequestSchema },
  /**
   * Creates (expectedRevision null) or changes a request. The weapon's description is main's:
   * taken from its record while the request is a draft, then kept as it was when sent.
   */
  saveTraceRequest: {
    input: z.object({
      request: TraceRequestSchema,
      expectedRevision: z.number().int().min(1).nullable(),
    }),
    output: TraceRequestViewSchema,
  },
  getTraceRequest: { input: z.object({ id: RecordIdSchema }), output: TraceRequestViewSchema },
  /** Newest first; or the overdue list. `answerDays` is the setting the list was made with. */
  listTraceRequests: {
    input: ListTraceRequestsInputSchema,
    output: z.object({
      requests: z.array(TraceRequestSummarySchema),
      answerDays: z.number().int(),
    }),
  },
} as const;
