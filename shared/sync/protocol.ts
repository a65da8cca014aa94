import { z } from 'zod';
import { UserRoleSchema } from '../domain/enums.ts';
import { recordEntities } from '../records/record-entities.ts';

/**
 * The wire protocol between a field laptop and the central sync API (sync-and-crypto.md 7.2-7.5).
 * Defined once here; the server validates every request with these schemas and the laptop
 * validates every response with them. Plain JSON only.
 *
 * Invariants:
 * - mutation ids are per device, strictly increasing, never reused; (deviceId, mutationId) is the
 *   idempotency key and the server answers a replay with the stored result;
 * - the pull cursor is (version, id): every row written by one push shares a version, and versions
 *   are allocated under a row lock so they become visible in commit order (finding 0.5);
 * - device clocks are recorded (deviceTime) and never decide anything.
 */

export const SYNC_PROTOCOL_VERSION = 1;

/** At most this many mutations per push request (7.2). */
export const MAX_PUSH_MUTATIONS = 500;
/** Request bodies above this are refused with 413 (the laptop splits batches below it). */
export const MAX_PUSH_BYTES = 4 * 1024 * 1024;
export const DEFAULT_PULL_LIMIT = 1000;
export const MAX_PULL_LIMIT = 5000;

export const TUS_VERSION = '1.0.0';
/** Chunk size for photo uploads: one lost chunk re-sends at most this much (P9). */
export const UPLOAD_CHUNK_BYTES = 1024 * 1024;

/** The one server-sent event: another laptop's changes were stored, pull now. */
export const CHANGES_EVENT = 'changes';
/** A comment line on the event stream this often, so that a dead connection shows. */
export const EVENTS_HEARTBEAT_MS = 25_000;

/** Every record type syncs (shared/records/record-types.ts). */
export const SyncEntitySchema = z.enum(recordEntities);
export type SyncEntity = z.infer<typeof SyncEntitySchema>;

/**
 * create / update: a record's fields; finalise: the record becomes final (evidence);
 * amend: an explicit change to a final record, kept in its history;
 * delete: a tombstone (only drafts may be deleted).
 */
export const MutationOpSchema = z.enum(['create', 'update', 'finalise', 'amend', 'delete']);
export type MutationOp = z.infer<typeof MutationOpSchema>;

const IdSchema = z.string().min(1).max(100);
/** The longest amendment reason a person can give (the amend form's own limit). */
export const AMENDMENT_REASON_MAX = 1000;
const IsoTimeSchema = z.iso.datetime({ offset: true });

/** Who made a change: the person signed in on the laptop. */
export const AuthorSchema = z.object({
  id: z.uuid(),
  name: z.string().trim().min(1).max(200),
});
export type Author = z.infer<typeof AuthorSchema>;

/**
 * The author of a pushed change, with their role: the server checks it against what the record
 * type allows (shared/records/record-types.ts), as main did before the save.
 */
export const MutationAuthorSchema = AuthorSchema.extend({ role: UserRoleSchema });
export type MutationAuthor = z.infer<typeof MutationAuthorSchema>;

export const MutationSchema = z.object({
  mutationId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  entity: SyncEntitySchema,
  entityId: IdSchema,
  op: MutationOpSchema,
  /** The server revision of the record this change was made on; 0 for a record never synced. */
  baseRev: z.number().int().min(0),
  /**
   * Only the top-level fields this change set, each with its whole new value; a field the person
   * emptied is sent as null and leaves the record (no domain field is nullable).
   */
  fields: z.record(z.string().min(1).max(100), z.unknown()),
  author: MutationAuthorSchema,
  /** The laptop's clock when the change was saved: recorded for the audit, never trusted. */
  deviceTime: IsoTimeSchema,
  /**
   * An amendment's reason, as the person gave it: a final record is evidence, and why it was
   * changed is kept with the change on the server as on the laptop. Read only for 'amend'; absent
   * from laptops older than the field and from an amendment made by keeping one's own values in a
   * sync conflict.
   */
  reason: z.string().trim().min(1).max(AMENDMENT_REASON_MAX).optional(),
});
export type Mutation = z.infer<typeof MutationSchema>;

export const PushRequestSchema = z.object({
  deviceId: z.uuid(),
  protocolVersion: z.literal(SYNC_PROTOCOL_VERSION),
  /** The epoch the laptop last synced with; null before its first pull. */
  serverEpoch: z.string().nullable(),
  mutations: z.array(MutationSchema).min(1).max(MAX_PUSH_MUTATIONS),
});
export type PushRequest = z.infer<typeof PushRequestSchema>;

export const MutationOutcomeSchema = z.enum(['applied', 'conflict', 'rejected']);
export type MutationOutcome = z.infer<typeof MutationOutcomeSchema>;

/** Why a mutation was refused; the laptop shows it in the person's words. */
export const RejectReasonSchema = z.enum([
  /** The fields do not make a valid record of that kind. */
  'invalid_record',
  /** An update or finalise for a record the server does not have. */
  'not_found',
  /** A change to a final record that was not an amendment. */
  'record_final',
  /** A change to a record that was deleted. */
  'record_deleted',
  /** Deleting a record that is not a draft. */
  'not_deletable',
  /** The op does not apply to that entity (e.g. finalise a location). */
  'unsupported_op',
  /** The author's role may not do this to a record of this type. */
  'forbidden',
  /**
   * The change names a base revision the server never issued for the record (ahead of it, or any
   * for a record it does not have): a client's error, never applied over newer edits.
   */
  'unknown_revision',
]);
export type RejectReason = z.infer<typeof RejectReasonSchema>;

export const MutationResultSchema = z.object({
  mutationId: z.number().int().positive(),
  outcome: MutationOutcomeSchema,
  /** The record's server revision after this mutation; null when it was rejected before existing. */
  serverRev: z.number().int().min(0).nullable(),
  /**
   * applied: other devices changed other fields since baseRev and both changes were kept (a soft
   * conflict, for information).
   */
  merged: z.boolean(),
  /** conflict: the fields where the server kept its value; the device's values are stored. */
  conflictFields: z.array(z.string()),
  /** conflict / rejected: the record as the server holds it now (null if it has none). */
  serverState: z.unknown().nullable(),
  reason: RejectReasonSchema.nullable(),
  /** For people: what was wrong (a rejected mutation). */
  message: z.string().nullable(),
});
export type MutationResult = z.infer<typeof MutationResultSchema>;

export const PushResponseSchema = z.object({
  lastMutationId: z.number().int().min(0),
  results: z.array(MutationResultSchema),
  version: z.number().int().min(0),
  serverEpoch: z.string(),
});
export type PushResponse = z.infer<typeof PushResponseSchema>;

export const PullQuerySchema = z.object({
  afterVersion: z.coerce.number().int().min(0).default(0),
  afterId: z.string().max(100).default(''),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(DEFAULT_PULL_LIMIT),
});
export type PullQuery = z.infer<typeof PullQuerySchema>;

/**
 * An amendment of a final record as the server keeps it: who made it, on the laptop's clock and
 * on the server's, and why. A laptop that pulls the record lists it on the record's receipt and in
 * its history although the amendment was made elsewhere.
 */
export const PulledAmendmentSchema = z.object({
  serverRev: z.number().int().min(1),
  author: AuthorSchema,
  deviceTime: IsoTimeSchema,
  receivedAt: IsoTimeSchema,
  /** Null when the amending laptop sent none (older laptops; values kept in a sync conflict). */
  reason: z.string().nullable(),
});
export type PulledAmendment = z.infer<typeof PulledAmendmentSchema>;

export const PulledRecordSchema = z.object({
  entity: SyncEntitySchema,
  id: IdSchema,
  version: z.number().int().min(1),
  serverRev: z.number().int().min(1),
  deleted: z.boolean(),
  status: z.enum(['draft', 'final']),
  /** The whole record as the server holds it; null for a tombstone. */
  data: z.unknown().nullable(),
  createdBy: AuthorSchema,
  updatedBy: AuthorSchema,
  /** Server clock: when the change that made this revision arrived. */
  receivedAt: IsoTimeSchema,
  /** Every amendment of a final record, oldest first; absent when it has none. */
  amendments: z.array(PulledAmendmentSchema).optional(),
});
export type PulledRecord = z.infer<typeof PulledRecordSchema>;

/**
 * A record that left this laptop's team scope (its place moved to another team's site, or the
 * administrator changed the team's scope): the laptop removes it and everything derived from it
 * (issue 17). It carries no record data, only which record and at what version it left.
 */
export const PulledRemovalSchema = z.object({
  entity: SyncEntitySchema,
  id: IdSchema,
  version: z.number().int().min(1),
});
export type PulledRemoval = z.infer<typeof PulledRemovalSchema>;

export const PullCursorSchema = z.object({
  afterVersion: z.number().int().min(0),
  afterId: z.string(),
});
export type PullCursor = z.infer<typeof PullCursorSchema>;

export const PullResponseSchema = z.object({
  changes: z.array(PulledRecordSchema),
  /**
   * Records of this page that left the laptop's scope. A record is named once in a page, either
   * here or in `changes`; the cursor (`next`) covers both. Absent from servers without teams.
   */
  removed: z.array(PulledRemovalSchema).default([]),
  next: PullCursorSchema,
  hasMore: z.boolean(),
  /** The last mutation id of the calling device the server has processed. */
  lastMutationId: z.number().int().min(0),
  /** Changes only when the server is restored from a backup: then the laptop pulls from zero. */
  serverEpoch: z.string(),
});
export type PullResponse = z.infer<typeof PullResponseSchema>;

/** Enrollment code as printed by `npm run server -- enroll`: groups of base32 letters. */
export const EnrollmentCodeSchema = z
  .string()
  .trim()
  .transform((code) => code.toUpperCase().replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^[A-Z2-7]{12}$/, 'enrollmentCodeFormat'));

/** 32 random-looking bytes, base64url: a secret of the laptop, fixed for one code. */
export const EnrollmentKeySchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'enrollmentKeyFormat');

export const EnrollRequestSchema = z.object({
  code: EnrollmentCodeSchema,
  protocolVersion: z.literal(SYNC_PROTOCOL_VERSION),
  appVersion: z.string().max(50),
  /**
   * The same for every attempt of this laptop with this code: when an answer is lost and the
   * laptop asks again within the code's lifetime, the server gives it the same device (with a
   * fresh credential) instead of refusing the spent code. Without it a code works once.
   */
  enrollmentKey: EnrollmentKeySchema.optional(),
});
export type EnrollRequest = z.input<typeof EnrollRequestSchema>;

export const EnrollResponseSchema = z.object({
  deviceId: z.uuid(),
  /** The name the administrator gave when creating the code ("Team 3 laptop"). */
  deviceName: z.string(),
  /** The device's secret credential: sent as `Authorization: Bearer …`; the server keeps a hash. */
  credential: z.string().min(32).max(200),
  serverEpoch: z.string(),
});
export type EnrollResponse = z.infer<typeof EnrollResponseSchema>;

export const HealthResponseSchema = z.object({
  status: z.literal('ok'),
  protocolVersion: z.number().int(),
  serverEpoch: z.string(),
  /** Server clock, for showing skew; never used to order anything. */
  time: IsoTimeSchema,
});
export type HealthResponse = z.infer<typeof HealthResponseSchema>;

/** Expected versus received photos of one record (the ODK model). */
export const RecordAttachmentsSchema = z.object({
  recordId: IdSchema,
  expected: z.array(z.string().regex(/^[0-9a-f]{64}$/)),
  received: z.array(z.string().regex(/^[0-9a-f]{64}$/)),
});
export type RecordAttachments = z.infer<typeof RecordAttachmentsSchema>;

/** A serial sent to the server's lookup: as typed, at most this long (the laptop's own limit). */
export const MAX_SERIAL_LOOKUP_LENGTH = 100;
/** At most this many matches in one answer: the lookup is a warning, not a search. */
export const MAX_SERIAL_LOOKUP_MATCHES = 50;

/**
 * The server's serial lookup (issue 15): the laptop sends the serial as typed and the server
 * normalises it with the same function (shared/domain/serial-number.ts), so both sides always
 * agree on what matches. Make and calibre narrow, as on the laptop; the record being typed is
 * left out.
 */
export const SerialLookupRequestSchema = z.object({
  serial: z.string().max(MAX_SERIAL_LOOKUP_LENGTH),
  manufacturer: z.string().max(120).optional(),
  calibre: z.string().max(60).optional(),
  /** The record being typed: its own items are not "seen before". */
  excludeIntakeEventId: IdSchema.optional(),
});
export type SerialLookupRequest = z.infer<typeof SerialLookupRequestSchema>;

/** What makes a match an alarm: the laptop's own values (shared/ipc/procedures/serial-check.ts). */
export const SerialLookupAlarmSchema = z.enum(['destroyed', 'lost_stolen', 'under_trace']);

/** Only what the laptop shows of an item it may not hold: no place, no people, no photos. */
export const SerialLookupMatchSchema = z.object({
  itemId: IdSchema,
  intakeEventId: IdSchema,
  recordNumber: z.string().nullable(),
  occurredOn: z.string().nullable(),
  kind: z.enum(['weapon', 'part', 'ammunition', 'explosive']),
  serialNumber: z.string().nullable(),
  manufacturer: z.string().nullable(),
  model: z.string().nullable(),
  calibre: z.string().nullable(),
  /** The item's state as the server derives it from its custody records. */
  lifecycleStatus: z.string().nullable(),
  traceStatus: z.string().nullable(),
  recordStatus: z.enum(['draft', 'final']),
  alarm: SerialLookupAlarmSchema.nullable(),
  /** The whole search form matches; otherwise the serial begins or ends with what was typed. */
  exact: z.boolean(),
  /** The server searches serials only (it does not hold the texts read off items). */
  matchedOn: z.literal('serial'),
});
export type SerialLookupMatch = z.infer<typeof SerialLookupMatchSchema>;

export const SerialLookupResponseSchema = z.object({
  normalised: z.string(),
  matches: z.array(SerialLookupMatchSchema).max(MAX_SERIAL_LOOKUP_MATCHES),
  /** Found, but left out: a different make or calibre from the one sent. */
  narrowedOut: z.number().int().min(0),
});
export type SerialLookupResponse = z.infer<typeof SerialLookupResponseSchema>;

/** At most this many people in one report: a laptop's people, never a registry. */
export const MAX_REPORTED_PEOPLE = 1000;
export const DEFAULT_PEOPLE_FEED_LIMIT = 500;
export const MAX_PEOPLE_FEED_LIMIT = 1000;

/** A person of the laptop as it holds them: sent with every sync round (POST people). */
export const ReportedPersonSchema = z.object({
  id: z.uuid(),
  name: z.string().trim().min(1).max(200),
  /** The role the laptop gives them now (for a person the centre set a role for: that one). */
  role: UserRoleSchema,
  createdAt: IsoTimeSchema,
});
export type ReportedPerson = z.infer<typeof ReportedPersonSchema>;

/**
 * Every person the laptop holds (not only those who authored a change): the server records
 * them, idempotently (the same report twice changes nothing). People the centre deactivated are
 * sent too; the laptop never decides for the centre.
 */
export const PeopleReportSchema = z.object({
  people: z
    .array(ReportedPersonSchema)
    .max(MAX_REPORTED_PEOPLE)
    .refine((people) => new Set(people.map((person) => person.id)).size === people.length, {
      message: 'duplicatePerson',
    }),
});
export type PeopleReport = z.infer<typeof PeopleReportSchema>;

export const PeopleReportResponseSchema = z.object({
  /** People the server did not know before this report. */
  added: z.number().int().min(0),
  /** People whose name or laptop role changed with this report. */
  updated: z.number().int().min(0),
});
export type PeopleReportResponse = z.infer<typeof PeopleReportResponseSchema>;

/** GET people: the centre's decisions after the laptop's cursor (`after`, a revision). */
export const PeopleFeedQuerySchema = z.object({
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PEOPLE_FEED_LIMIT)
    .default(DEFAULT_PEOPLE_FEED_LIMIT),
});
export type PeopleFeedQuery = z.infer<typeof PeopleFeedQuerySchema>;

/**
 * A person as the centre decided: the role an administrator set at the centre (null while the
 * centre has set none: the laptop's own stands) and whether they are deactivated. `rev` orders
 * decisions; a laptop applies every one after its cursor, in order.
 */
export const CentreDecisionSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  role: UserRoleSchema.nullable(),
  deactivated: z.boolean(),
  rev: z.number().int().min(1),
  changedAt: IsoTimeSchema,
});
export type CentreDecision = z.infer<typeof CentreDecisionSchema>;

export const PeopleFeedResponseSchema = z.object({
  people: z.array(CentreDecisionSchema),
  /** The cursor to ask with next (the last person's rev, or `after` unchanged). */
  next: z.number().int().min(0),
  hasMore: z.boolean(),
  /** Changes on a restore (as for pull): the laptop asks again from 0. */
  serverEpoch: z.string(),
});
export type PeopleFeedResponse = z.infer<typeof PeopleFeedResponseSchema>;

export const syncErrorCodes = [
  'VALIDATION_ERROR',
  /** No or unknown credential. */
  'UNAUTHORIZED',
  /** The device's credential was revoked by an administrator. */
  'DEVICE_REVOKED',
  /** The enrollment code is unknown, used or expired (one message for all three: no oracle). */
  'ENROLLMENT_CODE_INVALID',
  'RATE_LIMITED',
  /** The request (its headers, or its body) did not arrive in the time the server allows. */
  'REQUEST_TIMEOUT',
  /** Push skipped a mutation id; `expected` says which one the server needs next. */
  'MUTATION_GAP',
  /**
   * Push named an earlier epoch of this server: it was restored from a backup since the laptop
   * last synced. The laptop pulls everything again, then pushes.
   */
  'EPOCH_CHANGED',
  /** Push named an epoch this server never had. */
  'UNKNOWN_EPOCH',
  'PAYLOAD_TOO_LARGE',
  'NOT_FOUND',
  /** tus: the chunk or the whole file does not match its SHA-256. */
  'CHECKSUM_MISMATCH',
  /** tus: the PATCH did not start at the server's offset; HEAD and resume. */
  'OFFSET_MISMATCH',
  'UNSUPPORTED_PROTOCOL',
  'INTERNAL',
] as const;
export const SyncErrorCodeSchema = z.enum(syncErrorCodes);
export type SyncErrorCode = z.infer<typeof SyncErrorCodeSchema>;

/** Every 4xx/5xx body of the sync API. */
export const SyncErrorBodySchema = z.object({
  error: SyncErrorCodeSchema,
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  /** With MUTATION_GAP: the mutation id the server expects next. */
  expected: z.number().int().min(1).optional(),
  /** With RATE_LIMITED: seconds to wait. */
  retryAfterSeconds: z.number().int().min(0).optional(),
});
export type SyncErrorBody = z.infer<typeof SyncErrorBodySchema>;

/** The HTTP routes, in one place for the server and the laptop. */
export const syncRoutes = {
  health: '/v1/health',
  enroll: '/v1/devices/enroll',
  push: '/v1/sync/push',
  pull: '/v1/sync/pull',
  /** Server-sent events: `changes` when another laptop's push was stored ("pull now", no data). */
  events: '/v1/sync/events',
  /** The serial lookup (POST: a serial is not put in an address, where proxies log it). */
  serialLookup: '/v1/items/serial-lookup',
  /**
   * People: POST the laptop's people (PeopleReportSchema); GET the centre's decisions about
   * them after a revision (`?after=<rev>`, PeopleFeedResponseSchema).
   */
  people: '/v1/people',
  files: '/v1/files',
  fileBySha256: (sha256: string) => `/v1/files/by-sha256/${sha256}`,
  recordAttachments: (recordId: string) =>
    `/v1/records/${encodeURIComponent(recordId)}/attachments`,
} as const;
