import { z } from 'zod';
import { AttachmentMimeSchema, maxAttachmentBytes } from '../domain/attachment.ts';
import { CampaignSchema } from '../domain/campaign.ts';
import { CustodyDecisionSchema } from '../domain/custody-decision.ts';
import { CustodyTransferSchema } from '../domain/custody-transfer.ts';
import { DestructionEventSchema } from '../domain/destruction-event.ts';
import { LossIncidentSchema } from '../domain/loss-incident.ts';
import { StockCheckSchema } from '../domain/stock-check.ts';
import { userRoleValues, type LocationType, type UserRole } from '../domain/enums.ts';
import { Sha256Schema } from '../domain/ids.ts';
import {
  borderSeizureIssues,
  intakeDateIssues,
  IntakeEventDraftSchema,
  IntakeEventFinalSchema,
} from '../domain/intake-event.ts';
import { LocationSchema } from '../domain/location.ts';
import { SigningKeySchema } from '../domain/seal.ts';
import { HistoricCountSchema, historicCountDateIssues } from '../domain/historic-count.ts';
import { TraceRequestSchema, traceStepDateIssues } from '../domain/trace-request.ts';
import { RecordReviewSchema } from '../domain/record-review.ts';
import type { DomainIssue } from '../domain/primitives.ts';
import type { RecordEntity } from './record-entities.ts';
import {
  custodyScope,
  everyTeamScope,
  followerScope,
  followsFieldScope,
  intakeScope,
  jurisdictionFieldScope,
  type RecordScope,
} from './record-scope.ts';

/**
 * ONE definition per record type (ARCHITECTURE.md "Records and items"): its schemas, how it lives
 * (editable, finalised, immutable), how concurrent changes merge, the fields lists and reports use,
 * what it refers to, and which roles may create, finalise or change it. The laptop's store and IPC
 * handlers, push and pull, the server's validation and the screens all look a type up here; none
 * of them branches on a type's name.
 */
export type RecordLifecycle =
  /** Reference data (places, campaigns): changed at any time, every change a revision. */
  | 'editable'
  /**
   * Evidence: a draft while it is written, then final. A final record changes only by an
   * amendment (kept in its history, with the reason); only a draft may be deleted.
   */
  | 'finalised'
  /** Content-addressed (a photo's description): written once, the same by every laptop. */
  | 'immutable'
  /**
   * Custody evidence (transfers, decisions): final from the moment it is written and never
   * changed or deleted; a mistake is corrected by a new record naming it (CorrectionSchema).
   */
  | 'sealed';

export type RecordAction = 'create' | 'update' | 'finalise' | 'amend' | 'delete';

const actionsByLifecycle: Readonly<Record<RecordLifecycle, readonly RecordAction[]>> = {
  editable: ['create', 'update'],
  finalised: ['create', 'update', 'finalise', 'amend', 'delete'],
  // A second laptop sending the same photo's description is a harmless "update".
  immutable: ['create', 'update'],
  sealed: ['create'],
};

/** What a record's rules may know beyond the record itself. */
export interface RecordContext {
  /** A referenced record's data as the checking side holds it (undefined: not known there). */
  readonly lookup: (entity: RecordEntity, id: string) => Record<string, unknown> | undefined;
  /** Today (YYYY-MM-DD) on the checking side's clock. */
  readonly today: string;
}

export interface RecordType {
  readonly entity: RecordEntity;
  readonly lifecycle: RecordLifecycle;
  /** Keys the store owns and never takes from a change: id, revision and (finalised) status. */
  readonly serverKeys: readonly string[];
  /**
   * Keys the store assigns once, when the record is first saved (a record number), and that
   * travel with it: a form never sets them (main keeps the stored value whatever the renderer
   * sends) and the server refuses a change that would alter one already set. A record that has
   * none yet (written before such a key existed) may be given one, even when it is final.
   */
  readonly writeOnceKeys: readonly string[];
  /** Everything a record may hold while it is written; for other lifecycles, the only schema. */
  readonly draftSchema: z.ZodType;
  /** As the standard requires it: a finalised record's final form; otherwise the same schema. */
  readonly finalSchema: z.ZodType;
  /** Final-form rules that need other records or the clock (run by finalRecordIssues). */
  readonly finalIssues?: (record: Record<string, unknown>, context: RecordContext) => DomainIssue[];
  /** Fields that name another record, and its type. */
  readonly references: Readonly<Record<string, RecordEntity>>;
  /** Concurrent changes merge per top-level field; the same field changed on two laptops conflicts. */
  readonly merge: 'top_level_fields';
  /** The fields lists and reports filter and group by. */
  readonly listFields: readonly string[];
  /**
   * A field that must name the person making the change (a signing key is registered only by its
   * own holder): the server refuses a record naming anyone else.
   */
  readonly authorField?: string;
  /** Who may do what. An action absent here is allowed to nobody. */
  readonly roles: Readonly<Partial<Record<RecordAction, readonly UserRole[]>>>;
  /**
   * What the record concerns, for the teams' scopes (record-scope.ts): its places, its
   * jurisdictions, the records and items it goes with, or every team (reference data). The
   * server's scoped pull reads only this.
   */
  readonly scope: (record: Record<string, unknown>) => RecordScope;
}

/** Everyone who signs in: field, custody and destruction officers, team leads, administrators. */
const everyone: readonly UserRole[] = userRoleValues;
/**
 * Who records intakes. Team leads may do all but administration; an administrator may do
 * everything (a laptop with one person has one administrator).
 */
const recorders: readonly UserRole[] = ['field_officer', 'team_lead', 'administrator'];
const leads: readonly UserRole[] = ['team_lead', 'administrator'];

function locationTypeOf(context: RecordContext, id: unknown): LocationType | undefined {
  if (typeof id !== 'string') return undefined;
  return context.lookup('location', id)?.locationType as LocationType | undefined;
}

export const intakeEventType: RecordType = {
  entity: 'intake_event',
  lifecycle: 'finalised',
  serverKeys: ['id', 'revision', 'status'],
  writeOnceKeys: ['recordNumber'],
  draftSchema: IntakeEventDraftSchema,
  finalSchema: IntakeEventFinalSchema,
  finalIssues: (record, context) => {
    const locationType = locationTypeOf(context, record.locationId);
    const seizure = record.seizure as { direction?: unknown; conveyance?: unknown } | undefined;
    return [
      ...(locationType === undefined
        ? []
        : borderSeizureIssues({ seizure: seizure as never }, locationType)),
      ...intakeDateIssues(record.occurredAt, context.today),
    ];
  },
  references: { locationId: 'location', campaignId: 'campaign' },
  merge: 'top_level_fields',
  listFields: ['context', 'status', 'occurredAt', 'locationId', 'campaignId', 'recordingAgency'],
  roles: {
    create: recorders,
    update: recorders,
    finalise: recorders,
    amend: recorders,
    delete: recorders,
  },
  scope: intakeScope,
};

export const locationType: RecordType = {
  entity: 'location',
  lifecycle: 'editable',
  serverKeys: ['id', 'revision'],
  writeOnceKeys: [],
  draftSchema: LocationSchema,
  finalSchema: LocationSchema,
  references: { parentLocationId: 'location' },
  merge: 'top_level_fields',
  listFields: ['locationType', 'jurisdiction', 'name', 'adminArea1'],
  // Whoever records anything may need a place that is not on the list yet.
  roles: { create: everyone, update: everyone },
  scope: everyTeamScope,
};

export const campaignType: RecordType = {
  entity: 'campaign',
  lifecycle: 'editable',
  serverKeys: ['id', 'revision'],
  writeOnceKeys: [],
  draftSchema: CampaignSchema,
  finalSchema: CampaignSchema,
  references: {},
  merge: 'top_level_fields',
  listFields: ['campaignType', 'jurisdiction', 'status', 'startDate', 'leadAgency'],
  // A collection programme is set up by those who lead the work; field officers pick one.
  roles: { create: leads, update: leads },
  scope: everyTeamScope,
};

/** A photo's content address and what it is (sync-and-crypto 7.5: photos by SHA-256). */
export const AttachmentRecordSchema = z
  .object({ id: Sha256Schema, sha256: Sha256Schema, mime: AttachmentMimeSchema, size: z.int() })
  .refine((value) => value.id === value.sha256, { path: ['id'], message: 'idIsSha256' })
  .refine((value) => value.size >= 1 && value.size <= maxAttachmentBytes, { path: ['size'] });

export const attachmentType: RecordType = {
  entity: 'attachment',
  lifecycle: 'immutable',
  serverKeys: ['id', 'revision'],
  writeOnceKeys: [],
  draftSchema: AttachmentRecordSchema,
  finalSchema: AttachmentRecordSchema,
  references: {},
  merge: 'top_level_fields',
  listFields: ['mime'],
  roles: { create: everyone, update: everyone },
  scope: followerScope,
};

/** A custody moment (a timestamp or a day) held to the intake's date rules: not in the future. */
function momentIssues(record: Record<string, unknown>, field: string, today: string) {
  const at = record[field];
  if (typeof at !== 'string') return [];
  return intakeDateIssues(at.slice(0, 10), today).map((issue) => ({ ...issue, path: [field] }));
}

/** Who moves items and decides about them: custody officers, and those who lead the work. */
const custodians: readonly UserRole[] = ['custody_officer', 'team_lead', 'administrator'];

export const custodyTransferType: RecordType = {
  entity: 'custody_transfer',
  lifecycle: 'sealed',
  serverKeys: ['id', 'revision'],
  writeOnceKeys: [],
  draftSchema: CustodyTransferSchema,
  finalSchema: CustodyTransferSchema,
  finalIssues: (record, context) => momentIssues(record, 'transferredAt', context.today),
  references: {},
  merge: 'top_level_fields',
  listFields: ['transferredAt', 'purpose'],
  roles: { create: custodians },
  scope: custodyScope('custody_transfer'),
};

export const custodyDecisionType: RecordType = {
  entity: 'custody_decision',
  lifecycle: 'sealed',
  serverKeys: ['id', 'revision'],
  writeOnceKeys: [],
  draftSchema: CustodyDecisionSchema,
  finalSchema: CustodyDecisionSchema,
  finalIssues: (record, context) => momentIssues(record, 'decidedAt', context.today),
  references: {},
  merge: 'top_level_fields',
  listFields: ['decidedAt', 'decision'],
  roles: { create: custodians },
  scope: custodyScope('custody_decision'),
};

/** Who seals destructions: destruction officers, and those who lead the work. */
const destroyers: readonly UserRole[] = ['destruction_officer', 'team_lead', 'administrator'];

export const destructionEventType: RecordType = {
  entity: 'destruction_event',
  lifecycle: 'sealed',
  serverKeys: ['id', 'revision'],
  writeOnceKeys: [],
  draftSchema: DestructionEventSchema,
  finalSchema: DestructionEventSchema,
  finalIssues: (record, context) => momentIssues(record, 'destructionDate', context.today),
  references: { siteLocationId: 'location' },
  merge: 'top_level_fields',
  listFields: ['destructionDate', 'method', 'siteLocationId'],
  roles: { create: destroyers },
  scope: custodyScope('destruction_event'),
};

export const stockCheckType: RecordType = {
  entity: 'stock_check',
  lifecycle: 'sealed',
  serverKeys: ['id', 'revision'],
  writeOnceKeys: [],
  draftSchema: StockCheckSchema,
  finalSchema: StockCheckSchema,
  finalIssues: (record, context) => momentIssues(record, 'checkedAt', context.today),
  references: { siteLocationId: 'location' },
  merge: 'top_level_fields',
  listFields: ['checkedAt', 'siteLocationId'],
  roles: { create: custodians },
  scope: custodyScope('stock_check'),
};

export const lossIncidentType: RecordType = {
  entity: 'loss_incident',
  lifecycle: 'sealed',
  serverKeys: ['id', 'revision'],
  writeOnceKeys: [],
  draftSchema: LossIncidentSchema,
  finalSchema: LossIncidentSchema,
  finalIssues: (record, context) => momentIssues(record, 'occurredAt', context.today),
  references: { siteLocationId: 'location' },
  merge: 'top_level_fields',
  listFields: ['occurredAt', 'incidentKind', 'siteLocationId'],
  roles: { create: custodians },
  scope: custodyScope('loss_incident'),
};

export const signingKeyType: RecordType = {
  entity: 'signing_key',
  lifecycle: 'immutable',
  serverKeys: ['id', 'revision'],
  writeOnceKeys: [],
  draftSchema: SigningKeySchema,
  finalSchema: SigningKeySchema,
  references: {},
  merge: 'top_level_fields',
  listFields: ['personId'],
  authorField: 'personId',
  roles: { create: everyone },
  scope: everyTeamScope,
};

/**
 * Who asks another state to trace a weapon: those who record and hold weapons (a border officer's
 * seizure, a custody officer's stock), and those who lead the work. Destruction officers do not.
 */
const tracers: readonly UserRole[] = [
  'field_officer',
  'custody_officer',
  'team_lead',
  'administrator',
];

export const traceRequestType: RecordType = {
  entity: 'trace_request',
  // Its status moves with dated steps; every change is a revision, kept in the audit log.
  lifecycle: 'editable',
  serverKeys: ['id', 'revision'],
  writeOnceKeys: [],
  draftSchema: TraceRequestSchema,
  finalSchema: TraceRequestSchema,
  finalIssues: (record, context) => traceStepDateIssues(record, context.today),
  references: { intakeEventId: 'intake_event' },
  merge: 'top_level_fields',
  listFields: ['itemId', 'addresseeCountry', 'channel', 'priority'],
  roles: { create: tracers, update: tracers },
  scope: followsFieldScope('intakeEventId', 'itemId'),
};

/**
 * A historic aggregate count: national statistics from before item-level records, entered or
 * imported by those who answer for the team's figures; corrected in place, every change audited.
 */
export const historicCountType: RecordType = {
  entity: 'historic_count',
  lifecycle: 'editable',
  serverKeys: ['id', 'revision'],
  writeOnceKeys: [],
  draftSchema: HistoricCountSchema,
  finalSchema: HistoricCountSchema,
  finalIssues: (record, context) => historicCountDateIssues(record, context.today),
  references: {},
  merge: 'top_level_fields',
  listFields: ['activity', 'periodFrom', 'periodTo', 'jurisdiction', 'sourceContext'],
  roles: { create: leads, update: leads },
  scope: jurisdictionFieldScope('jurisdiction'),
};

/**
 * The review of a final record (shared/domain/record-review.ts): one per reviewed record, changed
 * by those who answer for the team's records; every change a revision, concurrent changes to the
 * same fields a conflict. Its reviewer is the person making the change.
 */
export const recordReviewType: RecordType = {
  entity: 'record_review',
  lifecycle: 'editable',
  serverKeys: ['id', 'revision'],
  writeOnceKeys: ['reviewedRecordId', 'reviewedEntity'],
  draftSchema: RecordReviewSchema,
  finalSchema: RecordReviewSchema,
  finalIssues: (record, context) => {
    const id = record.reviewedRecordId;
    const entity = record.reviewedEntity;
    if (typeof id !== 'string' || typeof entity !== 'string') return [];
    if (!isReviewable(recordTypeOf(entity as RecordEntity))) {
      return [{ path: ['reviewedEntity'], message: 'invalidOption' }];
    }
    // Only a final record is reviewed; one the checking side does not hold is not judged here.
    const reviewed = context.lookup(entity as RecordEntity, id);
    if (reviewed !== undefined && reviewed.status !== undefined && reviewed.status !== 'final') {
      return [{ path: ['reviewedRecordId'], message: 'notApplicable' }];
    }
    return [];
  },
  references: {},
  merge: 'top_level_fields',
  listFields: ['state', 'reviewedEntity', 'reviewerId'],
  authorField: 'reviewerId',
  // Whoever may see the reviewed record sees its review, and nobody else.
  scope: followsFieldScope('reviewedRecordId'),
  roles: { create: leads, update: leads },
};

/** Records that are reviewed: evidence once final (finalised or sealed), nothing else. */
export function isReviewable(type: RecordType): boolean {
  return type.lifecycle === 'finalised' || type.lifecycle === 'sealed';
}

export const recordTypes: Readonly<Record<RecordEntity, RecordType>> = {
  intake_event: intakeEventType,
  location: locationType,
  campaign: campaignType,
  attachment: attachmentType,
  custody_transfer: custodyTransferType,
  custody_decision: custodyDecisionType,
  destruction_event: destructionEventType,
  stock_check: stockCheckType,
  loss_incident: lossIncidentType,
  signing_key: signingKeyType,
  trace_request: traceRequestType,
  historic_count: historicCountType,
  record_review: recordReviewType,
};

export function recordTypeOf(entity: RecordEntity): RecordType {
  return recordTypes[entity];
}

/** Whether the type's lifecycle has this action at all. */
export function hasAction(type: RecordType, action: RecordAction): boolean {
  return actionsByLifecycle[type.lifecycle].includes(action);
}

/** Whether a person in `role` may do `action` to a record of this type. */
export function mayDo(type: RecordType, action: RecordAction, role: string): boolean {
  return hasAction(type, action) && (type.roles[action] ?? []).some((allowed) => allowed === role);
}

/** The roles that may do `action` (empty when nobody may). */
export function rolesFor(type: RecordType, action: RecordAction): readonly UserRole[] {
  return hasAction(type, action) ? (type.roles[action] ?? []) : [];
}

/** What a validation found: the parsed (normalised) record, or its issues by path. */
export type RecordValidation =
  | { readonly ok: true; readonly data: Record<string, unknown> }
  | { readonly ok: false; readonly issues: readonly DomainIssue[] };

/**
 * Validates a whole record of this type: its draft form, or its final form with every rule that
 * needs other records or the clock. Both sides (main before a save, the server on a push) call
 * this, so a record is held to the same rules wherever it is checked.
 */
export function validateRecordOf(
  type: RecordType,
  candidate: unknown,
  options: { final: boolean; context?: RecordContext },
): RecordValidation {
  const schema = options.final ? type.finalSchema : type.draftSchema;
  const result = schema.safeParse(candidate);
  const issues: DomainIssue[] = result.success
    ? []
    : result.error.issues.map((issue) => ({
        path: issue.path.filter((part) => typeof part !== 'symbol'),
        message: issue.message as DomainIssue['message'],
      }));
  if (options.final && options.context !== undefined && type.finalIssues !== undefined) {
    const record = (result.success ? result.data : candidate) as Record<string, unknown>;
    if (typeof record === 'object' && record !== null) {
      issues.push(...type.finalIssues(record, options.context));
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, data: (result as { data: Record<string, unknown> }).data };
}

/** Today's date (YYYY-MM-DD) in UTC, the clock the rules compare event dates with. */
export function todayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}
