import { z } from 'zod';
import {
  AttachmentKindSchema,
  IntakeContextSchema,
  RecordStatusSchema,
} from '../../domain/enums.ts';
import {
  AttachmentMimeSchema,
  AttachmentRefSchema,
  maxAttachmentBytes,
} from '../../domain/attachment.ts';
import { RecordIdSchema, Sha256Schema } from '../../domain/ids.ts';
import {
  IntakeEventDraftSchema,
  IntakeEventFinalSchema,
  IntakeTotalsSchema,
} from '../../domain/intake-event.ts';
import { LocationSchema } from '../../domain/location.ts';
import { CampaignSchema } from '../../domain/campaign.ts';
import { AMENDMENT_REASON_MAX } from '../../sync/protocol.ts';
import { IsoDateSchema } from '../../domain/primitives.ts';
import { ReviewFilterSchema } from '../../domain/record-review.ts';
import { IpcIssueSchema } from '../errors.ts';
import { noInput } from './app.ts';
import { AuditVerificationSchema } from './integrity.ts';
import { RecordSyncStateSchema } from './sync.ts';

/** A person as a record shows them: who created, changed or finalised it. */
const PersonRefSchema = z.object({ id: RecordIdSchema, name: z.string() });

/** An intake event with what the store knows about it (revision, who and when). */
export const IntakeRecordViewSchema = z.object({
  event: z.union([IntakeEventDraftSchema, IntakeEventFinalSchema]),
  revision: z.number().int().min(0),
  status: RecordStatusSchema,
  createdAt: z.string(),
  createdBy: PersonRefSchema,
  updatedAt: z.string(),
  updatedBy: PersonRefSchema,
  finalisedAt: z.string().nullable(),
  finalisedBy: PersonRefSchema.nullable(),
  totals: IntakeTotalsSchema,
});
export type IntakeRecordView = z.infer<typeof IntakeRecordViewSchema>;

/** The list's sortable columns: the event's date, the record number, the place, how many items, the last change. */
export const intakeSortValues = ['date', 'number', 'place', 'items', 'updated'] as const;
export const IntakeSortSchema = z.enum(intakeSortValues);
export type IntakeSort = z.infer<typeof IntakeSortSchema>;

export const IntakeFilterSchema = z.object({
  context: IntakeContextSchema.optional(),
  status: RecordStatusSchema.optional(),
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.optional(),
  locationId: RecordIdSchema.optional(),
  /** A serial number or marking text, matched after normalisation, anywhere in the text. */
  serial: z.string().trim().min(1).max(100).optional(),
  /**
   * Text found anywhere in a record number, case reference, receipt number, make or model
   * (ignoring case), or in a serial number or marking (after normalisation).
   */
  search: z.string().trim().min(1).max(100).optional(),
  /** Where records stand with their review (not reviewed, approved, has issues, answered...). */
  reviewState: ReviewFilterSchema.optional(),
  /** The column the list is sorted by; newest date first when not given. */
  sort: IntakeSortSchema.optional(),
  direction: z.enum(['asc', 'desc']).optional(),
  limit: z.number().int().min(1).max(200).default(50),
  offset: z.number().int().min(0).default(0),
});
export type IntakeFilter = z.input<typeof IntakeFilterSchema>;

export const IntakeSummarySchema = z.object({
  id: RecordIdSchema,
  status: RecordStatusSchema,
  context: IntakeContextSchema.nullable(),
  occurredAt: z.string().nullable(),
  locationName: z.string().nullable(),
  weaponCount: z.number().int().min(0),
  /** The human-readable number (none on a record pulled from a laptop that has not numbered it). */
  recordNumber: z.string().nullable(),
  /**
   * How many entries of each kind the record lists: weapons, parts lines, ammunition lots,
   * explosive entries. Counts of entries, never quantities: 500 rounds are one lot.
   */
  entryCounts: z.object({
    weapon: z.number().int().min(0),
    part: z.number().int().min(0),
    ammunition: z.number().int().min(0),
    explosive: z.number().int().min(0),
  }),
  /** Serial numbers as read, the first few. */
  serials: z.array(z.string()),
  updatedAt: z.string(),
  updatedByName: z.string(),
  revision: z.number().int().min(0),
  /** Where the record stands with the server (waiting, sent, conflict, rejected). */
  syncState: RecordSyncStateSchema,
  /** Where the record stands with its review. */
  reviewStanding: ReviewFilterSchema,
});
export type IntakeSummary = z.infer<typeof IntakeSummarySchema>;

export const HistoryEntrySchema = z.object({
  /**
   * The laptop's audit entry; null for an amendment known only from the server's list (made on
   * another laptop between two pulls: no entry here records it).
   */
  seq: z.number().int().min(1).nullable(),
  at: z.string(),
  userName: z.string(),
  action: z.string(),
  /** Top-level fields whose value differs between before and after. */
  changedFields: z.array(z.string()),
  /** An amendment's reason, as the person gave it. */
  reason: z.string().optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

/** Base64 of at most 25 MiB of image bytes. */
const maxBase64Length = Math.ceil(maxAttachmentBytes / 3) * 4;

export const recordProcedures = {
  listLocations: { input: noInput, output: z.array(LocationSchema) },
  /** Creates or updates a location; the renderer gives a new one a random id. */
  saveLocation: { input: LocationSchema, output: LocationSchema },
  listCampaigns: { input: noInput, output: z.array(CampaignSchema) },
  /** Creates or updates a collection campaign; the renderer gives a new one a random id. */
  saveCampaign: { input: CampaignSchema, output: CampaignSchema },
  /** A fresh, unsaved intake event with a device-generated time-ordered (v7) id. */
  newIntakeDraft: { input: noInput, output: IntakeEventDraftSchema },
  /**
   * Saves whatever is typed, complete or not. `expectedRevision` is the revision the form was
   * based on (null for a record never saved): if the record moved on since, CONFLICT.
   */
  saveIntakeDraft: {
    input: z.object({
      draft: IntakeEventDraftSchema,
      expectedRevision: z.number().int().min(0).nullable(),
    }),
    output: IntakeRecordViewSchema,
  },
  /** Checks the record against the standard; VALIDATION_ERROR lists every missing field by path. */
  finaliseIntake: {
    input: z.object({ id: RecordIdSchema, expectedRevision: z.number().int().min(0) }),
    output: IntakeRecordViewSchema,
  },
  /**
   * Whether the stored draft could be finalised now, without finalising it: every field that
   * still needs attention, by path (none when it is complete). The editor asks this before it
   * asks "finalise?", so the missing fields never come after the question.
   */
  checkIntakeFinalisation: {
    input: z.object({ id: RecordIdSchema }),
    output: z.object({ issues: z.array(IpcIssueSchema) }),
  },
  getIntake: { input: z.object({ id: RecordIdSchema }), output: IntakeRecordViewSchema },
  listIntakes: {
    input: IntakeFilterSchema,
    output: z.object({ items: z.array(IntakeSummarySchema), total: z.number().int().min(0) }),
  },
  getIntakeHistory: {
    input: z.object({ id: RecordIdSchema }),
    output: z.array(HistoryEntrySchema),
  },
  /**
   * Amends a FINAL record: a new revision that stays final, checked in full against the final
   * form, with the reason kept in its history; synced as an 'amend'. The record comes as the
   * editor holds it (a draft's shape); the store keeps its id, number and finalisation.
   */
  amendIntake: {
    input: z.object({
      draft: IntakeEventDraftSchema,
      expectedRevision: z.number().int().min(0),
      reason: z.string().trim().min(1).max(AMENDMENT_REASON_MAX),
    }),
    output: IntakeRecordViewSchema,
  },
  /**
   * Deletes a DRAFT (never a final record) with its items; synced as a 'delete' when the server
   * may hold it. Its history stays in the audit log.
   */
  deleteIntakeDraft: {
    input: z.object({ id: RecordIdSchema, expectedRevision: z.number().int().min(0) }),
    output: z.object({ ok: z.literal(true) }),
  },
  /** Stores a photo encrypted; the type is read from the bytes, not taken from the renderer. */
  addPhoto: {
    input: z.object({
      dataBase64: z.base64().min(4).max(maxBase64Length),
      kind: AttachmentKindSchema,
      caption: z.string().trim().max(200).optional(),
    }),
    output: AttachmentRefSchema,
  },
  getPhoto: {
    input: z.object({ sha256: Sha256Schema }),
    output: z.object({ mime: AttachmentMimeSchema, dataBase64: z.string() }),
  },
  /** Walks the audit chain; reports the first broken link if history was edited or deleted. */
  verifyAuditLog: {
    input: noInput,
    output: AuditVerificationSchema,
  },
} as const;
