import { z } from 'zod';
import { CampaignSchema } from '../../shared/domain/campaign.ts';
import { HistoricCountSchema } from '../../shared/domain/historic-count.ts';
import { RecordReviewSchema } from '../../shared/domain/record-review.ts';
import { TraceRequestSchema } from '../../shared/domain/trace-request.ts';
import { LocationSchema } from '../../shared/domain/location.ts';
import { SigningKeySchema } from '../../shared/domain/seal.ts';
import type { CustodyEntity } from '../../shared/custody/item-custody.ts';
import type { RecordSyncState } from '../../shared/ipc/procedures/sync.ts';
import { recordTypeOf } from '../../shared/records/record-types.ts';
import type {
  Author,
  PulledRecord,
  PulledRemoval,
  RejectReason,
  SyncEntity,
} from '../../shared/sync/protocol.ts';
import { sameFieldValue, withoutServerKeys } from '../../shared/sync/fields.ts';
import { appendAuditEntry, receiptOf } from './audit-log.ts';
import { writeCampaign } from './campaigns-repository.ts';
import {
  deleteTraceRequest,
  readTraceRequest,
  writeTraceRequest,
} from './trace-requests-repository.ts';
import type { Db } from './encrypted-database.ts';
import { readHistoricCount, writeHistoricCount } from './historic-counts-repository.ts';
import { deleteIntakeMeasureFacts } from './intake-measure-facts.ts';
import { readIntake, writeIntake } from './intake-repository.ts';
import { writeLocation } from './locations-repository.ts';
import { hasPendingChanges, SYNCED_ENTITY_SQL } from './outbox.ts';
import { insertCustodyRecord, itemsConcernedBy, refreshItemCustody } from './custody-repository.ts';
import { checkSeal } from './custody-seals.ts';
import { deleteItemRowsOf } from './item-rows.ts';
import { insertSigningKey } from './signing-keys-repository.ts';
import { prepared } from './prepared.ts';
import { readRecordReview, writeRecordReview } from './record-reviews-repository.ts';
import { forgetPulledAmendments, keepPulledAmendments } from './intake-amendments.ts';
import { atRevision, prepareIntake, type PreparedIntake } from './pulled-intake.ts';

export type { RecordSyncState };

/**
 * The laptop's side of sync in the store: enrollment and cursor (sync_state), conflicts and
 * rejections (sync_issues), and applying what the server sent. Every function here runs inside
 * the caller's transaction; the engine makes one transaction per page or per push response.
 */

/** People from other laptops: they appear on records, never in the unlock or people lists. */
export const REMOTE_ROLE = 'remote';

/** SQL for a record's sync state, given expressions for its id and server revision. */
export function recordSyncStateSql(idExpr: string, serverRevExpr: string): string {
  return `(CASE
    WHEN EXISTS (SELECT 1 FROM sync_issues i WHERE i.entity_id = ${idExpr} AND i.resolved_at IS NULL AND i.kind = 'rejected') THEN 'rejected'
    WHEN EXISTS (SELECT 1 FROM sync_issues i WHERE i.entity_id = ${idExpr} AND i.resolved_at IS NULL AND i.kind = 'conflict') THEN 'conflict'
    WHEN EXISTS (SELECT 1 FROM outbox o WHERE o.entity_id = ${idExpr} AND o.state = 'pending') THEN 'waiting'
    WHEN ${serverRevExpr} > 0 THEN 'sent'
    ELSE 'local' END)`;
}

const tableOf: Readonly<Record<SyncEntity, { table: string; key: string }>> = {
  intake_event: { table: 'intake_events', key: 'id' },
  location: { table: 'locations', key: 'id' },
  campaign: { table: 'campaigns', key: 'id' },
  attachment: { table: 'attachments', key: 'sha256' },
  custody_transfer: { table: 'custody_records', key: 'id' },
  custody_decision: { table: 'custody_records', key: 'id' },
  destruction_event: { table: 'custody_records', key: 'id' },
  stock_check: { table: 'custody_records', key: 'id' },
  loss_incident: { table: 'custody_records', key: 'id' },
  signing_key: { table: 'signing_keys', key: 'key_id' },
  trace_request: { table: 'trace_requests', key: 'id' },
  historic_count: { table: 'historic_counts', key: 'id' },
  record_review: { table: 'record_reviews', key: 'id' },
};

export function recordSyncState(
  db: Db,
  id: string,
): { state: RecordSyncState; reason: RejectReason | null; message: string | null } | null {
  for (const entity of Object.keys(tableOf) as SyncEntity[]) {
    const { table, key } = tableOf[entity];
    const row = prepared(
      db,
      `SELECT ${recordSyncStateSql('t.' + key, 't.server_rev')} AS state FROM ${table} t WHERE t.${key} = ?`,
    ).get(id) as { state: RecordSyncState } | undefined;
    if (row === undefined) continue;
    const issue = prepared(
      db,
      `SELECT reason, message FROM sync_issues WHERE entity_id = ? AND resolved_at IS NULL
         AND kind = 'rejected' ORDER BY id DESC LIMIT 1`,
    ).get(id) as { reason: RejectReason | null; message: string | null } | undefined;
    return {
      state: row.state,
      reason: row.state === 'rejected' ? (issue?.reason ?? null) : null,
      message: row.state === 'rejected' ? (issue?.message ?? null) : null,
    };
  }
  return null;
}

export interface SyncStateRow {
  readonly serverUrl: string | null;
  readonly deviceId: string | null;
  readonly deviceName: string | null;
  /** Secret: never logged, never sent over IPC. */
  readonly credential: string | null;
  readonly serverEpoch: string | null;
  readonly pullAfterVersion: number;
  readonly pullAfterId: string;
  readonly nextMutationId: number;
  readonly repull: boolean;
  readonly revoked: boolean;
  readonly lastSuccessAt: string | null;
  readonly lastAttemptAt: string | null;
  readonly lastErrorKind: string | null;
  readonly lastErrorMessage: string | null;
  readonly lastErrorAt: string | null;
}

export function readSyncState(db: Db): SyncStateRow {
  const row = prepared(
    db,
    `SELECT server_url AS serverUrl, device_id AS deviceId, device_name AS deviceName, credential,
       server_epoch AS serverEpoch, pull_after_version AS pullAfterVersion,
       pull_after_id AS pullAfterId, next_mutation_id AS nextMutationId, repull, revoked,
       last_success_at AS lastSuccessAt, last_attempt_at AS lastAttemptAt,
       last_error_kind AS lastErrorKind, last_error_message AS lastErrorMessage,
       last_error_at AS lastErrorAt
     FROM sync_state WHERE id = 1`,
  ).get() as Omit<SyncStateRow, 'repull' | 'revoked'> & { repull: number; revoked: number };
  return { ...row, repull: row.repull === 1, revoked: row.revoked === 1 };
}

const columnOf = {
  serverUrl: 'server_url',
  deviceId: 'device_id',
  deviceName: 'device_name',
  credential: 'credential',
  serverEpoch: 'server_epoch',
  pullAfterVersion: 'pull_after_version',
  pullAfterId: 'pull_after_id',
  nextMutationId: 'next_mutation_id',
  repull: 'repull',
  revoked: 'revoked',
  lastSuccessAt: 'last_success_at',
  lastAttemptAt: 'last_attempt_at',
  lastErrorKind: 'last_error_kind',
  lastErrorMessage: 'last_error_message',
  lastErrorAt: 'last_error_at',
} as const satisfies Record<keyof SyncStateRow, string>;

export function updateSyncState(db: Db, patch: Partial<SyncStateRow>): void {
  const entries = Object.entries(patch).filter(([, value]) => value !== undefined);
  if (entries.length === 0) return;
  const sets = entries.map(([key]) => `${columnOf[key as keyof SyncStateRow]} = ?`).join(', ');
  const values = entries.map(([, value]) => (typeof value === 'boolean' ? (value ? 1 : 0) : value));
  db.prepare(`UPDATE sync_state SET ${sets} WHERE id = 1`).run(...values);
}

/** Sets a record's server revision; it only ever grows. */
export function setServerRev(db: Db, entity: SyncEntity, id: string, serverRev: number): void {
  const { table, key } = tableOf[entity];
  prepared(db, `UPDATE ${table} SET server_rev = max(server_rev, ?) WHERE ${key} = ?`).run(
    serverRev,
    id,
  );
}

/**
 * After a full re-pull from a restored server (new epoch): every waiting change was based on a
 * revision of the old epoch, which the restored server may never have issued (it refuses such a
 * change as unknown_revision). Each is based instead on the revision this laptop now knows from the
 * server: the record's, or the one kept aside for a record with waiting changes; 0 for a record
 * the server lacks (re-sent as a create). A base only ever moves down here.
 */
export function rebasePendingChanges(db: Db): void {
  for (const entity of Object.keys(tableOf) as SyncEntity[]) {
    const { table, key } = tableOf[entity];
    db.prepare(
      `UPDATE outbox SET base_revision = min(base_revision, max(
         coalesce((SELECT t.server_rev FROM ${table} t WHERE t.${key} = outbox.entity_id), 0),
         coalesce((SELECT d.server_rev FROM sync_deferred d WHERE d.entity_id = outbox.entity_id), 0)))
       WHERE state = 'pending' AND entity = ?`,
    ).run(entity);
  }
}

export function readServerRev(db: Db, entity: SyncEntity, id: string): number | null {
  const { table, key } = tableOf[entity];
  const row = prepared(db, `SELECT server_rev AS rev FROM ${table} WHERE ${key} = ?`).get(id) as
    { rev: number } | undefined;
  return row?.rev ?? null;
}

/** A person named on a pulled record: known here by name only, with a role that cannot sign in. */
export function ensurePerson(db: Db, author: Author, at: string): void {
  // A page names the same few people again and again: read first, write only what is new.
  const known = prepared(db, 'SELECT name, role FROM users WHERE id = ?').get(author.id) as
    { name: string; role: string } | undefined;
  if (known !== undefined && (known.role !== REMOTE_ROLE || known.name === author.name)) return;
  prepared(
    db,
    `INSERT INTO users (id, name, role, created_at, created_by) VALUES (?, ?, ?, ?, NULL)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name WHERE users.role = '${REMOTE_ROLE}'`,
  ).run(author.id, author.name, REMOTE_ROLE, at);
}

// ---- Issues ----------------------------------------------------------------------------------

export interface NewSyncIssue {
  readonly entity: string;
  readonly entityId: string;
  readonly mutationId: number;
  readonly kind: 'conflict' | 'rejected';
  readonly reason: RejectReason | null;
  readonly message: string | null;
  readonly fields: Record<string, { mine: unknown; server: unknown }>;
  readonly recordFinal: boolean;
  readonly createdAt: string;
  readonly createdBy: string;
}

export function insertSyncIssue(db: Db, issue: NewSyncIssue): number {
  const result = prepared(
    db,
    `INSERT INTO sync_issues (entity, entity_id, mutation_id, kind, reason, message, fields_json,
       record_final, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    issue.entity,
    issue.entityId,
    issue.mutationId,
    issue.kind,
    issue.reason,
    issue.message,
    JSON.stringify(issue.fields),
    issue.recordFinal ? 1 : 0,
    issue.createdAt,
    issue.createdBy,
  );
  return Number(result.lastInsertRowid);
}

export interface SyncIssueRow extends NewSyncIssue {
  readonly id: number;
  readonly entity: SyncEntity;
  readonly createdByName: string;
  readonly resolvedAt: string | null;
}

interface RawIssue {
  id: number;
  entity: SyncEntity;
  entity_id: string;
  mutation_id: number;
  kind: 'conflict' | 'rejected';
  reason: RejectReason | null;
  message: string | null;
  fields_json: string;
  record_final: number;
  created_at: string;
  created_by: string;
  created_by_name: string | null;
  resolved_at: string | null;
}

const issueSelect = `SELECT i.*, u.name AS created_by_name FROM sync_issues i
  LEFT JOIN users u ON u.id = i.created_by`;

function toIssue(row: RawIssue): SyncIssueRow {
  return {
    id: row.id,
    entity: row.entity,
    entityId: row.entity_id,
    mutationId: row.mutation_id,
    kind: row.kind,
    reason: row.reason,
    message: row.message,
    fields: JSON.parse(row.fields_json) as SyncIssueRow['fields'],
    recordFinal: row.record_final === 1,
    createdAt: row.created_at,
    createdBy: row.created_by,
    createdByName: row.created_by_name ?? row.created_by,
    resolvedAt: row.resolved_at,
  };
}

export function listOpenSyncIssues(db: Db): SyncIssueRow[] {
  return (
    db.prepare(`${issueSelect} WHERE i.resolved_at IS NULL ORDER BY i.id`).all() as RawIssue[]
  ).map(toIssue);
}

export function readSyncIssue(db: Db, id: number): SyncIssueRow | null {
  const row = db.prepare(`${issueSelect} WHERE i.id = ?`).get(id) as RawIssue | undefined;
  return row === undefined ? null : toIssue(row);
}

export function markSyncIssueResolved(
  db: Db,
  id: number,
  at: string,
  by: string,
  resolution: unknown,
): void {
  db.prepare(
    'UPDATE sync_issues SET resolved_at = ?, resolved_by = ?, resolution = ? WHERE id = ?',
  ).run(at, by, JSON.stringify(resolution), id);
}

/** What a person recognises a record by in the issues list. */
export function recordLabel(db: Db, entity: SyncEntity, id: string): string {
  if (entity === 'intake_event') {
    const row = db
      .prepare(
        `SELECT e.occurred_on AS occurredOn, l.name AS place FROM intake_events e
         LEFT JOIN locations l ON l.id = e.location_id WHERE e.id = ?`,
      )
      .get(id) as { occurredOn: string | null; place: string | null } | undefined;
    if (row === undefined) return '';
    return [row.occurredOn, row.place].filter((part) => part !== null).join(', ');
  }
  if (entity === 'location' || entity === 'campaign') {
    const row = db.prepare(`SELECT name FROM ${tableOf[entity].table} WHERE id = ?`).get(id) as
      { name: string } | undefined;
    return row?.name ?? '';
  }
  if (entity === 'trace_request') {
    const request = readTraceRequest(db, id);
    if (request !== null) {
      const serial = request.weapon.serialNumber ?? '';
      return [serial, request.addresseeCountry]
        .filter((part) => part !== undefined && part !== '')
        .join(', ');
    }
  }
  if (entity === 'record_review') {
    const review = readRecordReview(db, id);
    if (review !== null) {
      const number = prepared(db, 'SELECT record_number FROM intake_events WHERE id = ?')
        .pluck()
        .get(review.reviewedRecordId) as string | null | undefined;
      return number ?? `${review.reviewedRecordId.slice(0, 12)}…`;
    }
  }
  if (entity === 'historic_count') {
    const count = readHistoricCount(db, id);
    if (count !== null) {
      const { amount, unit } = count.quantity;
      return `${count.periodFrom.slice(0, 4)}, ${amount} ${unit}`;
    }
  }
  return `${id.slice(0, 12)}…`;
}

// ---- Status counts ---------------------------------------------------------------------------

export interface SyncCounts {
  readonly pendingChanges: number;
  readonly pendingRecords: number;
  readonly oldestPendingAt: string | null;
  readonly pendingPhotos: number;
  readonly openConflicts: number;
  readonly openRejections: number;
}

export function syncCounts(db: Db): SyncCounts {
  const outbox = prepared(
    db,
    `SELECT count(*) AS changes, count(DISTINCT entity_id) AS records, min(created_at) AS oldest
     FROM outbox WHERE state = 'pending' AND entity IN ${SYNCED_ENTITY_SQL}`,
  ).get() as { changes: number; records: number; oldest: string | null };
  const photos = prepared(
    db,
    "SELECT count(*) AS n FROM attachments WHERE upload_state IN ('queued', 'uploading', 'uploaded')",
  ).get() as { n: number };
  const issues = prepared(
    db,
    `SELECT coalesce(sum(kind = 'conflict'), 0) AS conflicts, coalesce(sum(kind = 'rejected'), 0) AS rejections
     FROM sync_issues WHERE resolved_at IS NULL`,
  ).get() as { conflicts: number; rejections: number };
  return {
    pendingChanges: outbox.changes,
    pendingRecords: outbox.records,
    oldestPendingAt: outbox.oldest,
    pendingPhotos: photos.n,
    openConflicts: issues.conflicts,
    openRejections: issues.rejections,
  };
}

// ---- Applying the server's records -------------------------------------------------------------

const PulledAttachmentSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  mime: z.string(),
  size: z.number().int().min(0),
});

export type ApplyOutcome = 'applied' | 'unchanged' | 'deferred' | 'deleted' | 'invalid';

/**
 * Applies one record as the server holds it. A record with unsent local changes is not
 * overwritten: the change is kept aside (sync_deferred) and settled after the push. Each applied
 * change gets an audit entry naming the person who made it on the server (a receipt, for a
 * record new here: see AuditReceiptSchema).
 */
export function applyServerRecord(
  db: Db,
  dbId: string,
  change: PulledRecord,
  at: string,
): ApplyOutcome {
  return applyWith(db, dbId, change, at, {
    pending: new Set(hasPendingChanges(db, change.id) ? [change.id] : []),
    // Unknown for one record: deleting what may be kept aside costs what asking would.
    deferred: new Set([change.id]),
    people: new Set(),
  });
}

/**
 * Applies a pulled page, record by record as applyServerRecord does, with what each record's
 * apply looks up first (unsent changes, a change kept aside) read once for the whole page: a
 * first pull applies 100k records. A page names each record once, so nothing one record's apply
 * writes changes what another's looked up.
 */
export function applyServerPage(
  db: Db,
  dbId: string,
  changes: readonly PulledRecord[],
  at: string,
  /** Intake events validated already, by index (see PreparedPullPage); the rest is done here. */
  intakes: ReadonlyArray<PreparedIntake | undefined> = [],
): ApplyOutcome[] {
  const lookups = readPageLookups(db);
  return changes.map((change, index) => applyWith(db, dbId, change, at, lookups, intakes[index]));
}

interface PageLookups {
  /** Records with changes the server has not acknowledged yet. */
  readonly pending: ReadonlySet<string>;
  /** Records that may have a pulled change kept aside. */
  readonly deferred: ReadonlySet<string>;
  /** People already written for this page (id and name): a page names the same few again. */
  readonly people: Set<string>;
}

/** A prepared change came without its raw data (PreparedPullPage): it is kept with its event. */
function keptWhole(change: PulledRecord, intake: PreparedIntake | undefined): PulledRecord {
  return intake === undefined ? change : { ...change, data: intake.event };
}

/**
 * Read whole: the outbox holds only what the server has not acknowledged and sync_deferred only
 * what waits for a push, both small next to a page (empty on a fresh laptop).
 */
function readPageLookups(db: Db): PageLookups {
  const pending = prepared(db, "SELECT DISTINCT entity_id FROM outbox WHERE state = 'pending'")
    .pluck()
    .all() as string[];
  const deferred = prepared(db, 'SELECT entity_id FROM sync_deferred').pluck().all() as string[];
  return { pending: new Set(pending), deferred: new Set(deferred), people: new Set() };
}

function applyWith(
  db: Db,
  dbId: string,
  change: PulledRecord,
  at: string,
  lookups: PageLookups,
  intake?: PreparedIntake,
): ApplyOutcome {
  if (lookups.pending.has(change.id)) {
    prepared(
      db,
      `INSERT INTO sync_deferred (entity_id, server_rev, change_json) VALUES (?, ?, ?)
       ON CONFLICT (entity_id) DO UPDATE SET server_rev = excluded.server_rev,
         change_json = excluded.change_json WHERE excluded.server_rev >= sync_deferred.server_rev`,
    ).run(change.id, change.serverRev, JSON.stringify(keptWhole(change, intake)));
    return 'deferred';
  }
  if (lookups.deferred.has(change.id)) {
    prepared(db, 'DELETE FROM sync_deferred WHERE entity_id = ?').run(change.id);
  }
  for (const person of [change.createdBy, change.updatedBy]) {
    const key = `${person.id}\n${person.name}`;
    if (lookups.people.has(key)) continue;
    ensurePerson(db, person, at);
    lookups.people.add(key);
  }
  switch (change.entity) {
    case 'intake_event':
      return applyIntake(db, dbId, change, intake);
    case 'location':
    case 'campaign':
    case 'trace_request':
    case 'historic_count':
    case 'record_review':
      return applyReference(db, dbId, change);
    case 'attachment':
      return applyAttachment(db, dbId, change);
    case 'custody_transfer':
    case 'custody_decision':
    case 'destruction_event':
    case 'stock_check':
    case 'loss_incident':
      return applyCustody(db, dbId, change);
    case 'signing_key':
      return applySigningKey(db, dbId, change);
  }
}

/**
 * After a push: a record whose pulled change was kept aside and that has no unsent changes left
 * gets it now, unless the push moved the record past it (then the newer state comes by pull).
 */
export function settleDeferred(db: Db, dbId: string, entityId: string, at: string): string[] {
  if (hasPendingChanges(db, entityId)) return [];
  const row = prepared(db, 'SELECT change_json FROM sync_deferred WHERE entity_id = ?').get(
    entityId,
  ) as { change_json: string } | undefined;
  if (row === undefined) return [];
  prepared(db, 'DELETE FROM sync_deferred WHERE entity_id = ?').run(entityId);
  const kept = JSON.parse(row.change_json) as PulledRecord | { removal: PulledRemoval };
  // A removal kept aside while the record had unsent changes: those are on the server now.
  if ('removal' in kept) return removeOutOfScope(db, dbId, kept.removal, at);
  const change = kept;
  const known = readServerRev(db, change.entity, entityId) ?? 0;
  if (change.serverRev >= known) applyServerRecord(db, dbId, change, at);
  return [];
}

// ---- Records that left the laptop's team scope (issue 17) ---------------------------------------

/**
 * Applies a pull page's removals: each record that left this laptop's team scope goes, with
 * everything derived from it (an intake's items, search and measure rows; a custody record's
 * events, its items' state derived again; a photo's description), in the page's transaction.
 * Returns the photos whose encrypted files are to be deleted once that transaction committed.
 *
 * A record with unsent local changes stays, as a tombstone would wait: the removal is kept aside
 * (sync_deferred, like a pulled change) and applied after the push that sends the changes, which
 * reach the server whatever the scope. A later pulled state of the record (it came back into
 * scope) replaces the removal kept aside. A photo still waiting to upload counts as unsent.
 */
export function applyServerRemovals(
  db: Db,
  dbId: string,
  removals: readonly PulledRemoval[],
  at: string,
): string[] {
  if (removals.length === 0) return [];
  const { pending } = readPageLookups(db);
  const photos: string[] = [];
  for (const removal of removals) {
    if (pending.has(removal.id) || photoWaitsToUpload(db, removal)) {
      prepared(
        db,
        `INSERT INTO sync_deferred (entity_id, server_rev, change_json) VALUES (?, ?, ?)
         ON CONFLICT (entity_id) DO UPDATE SET server_rev = excluded.server_rev,
           change_json = excluded.change_json`,
      ).run(
        removal.id,
        readServerRev(db, removal.entity, removal.id) ?? 0,
        JSON.stringify({ removal }),
      );
      continue;
    }
    prepared(db, 'DELETE FROM sync_deferred WHERE entity_id = ?').run(removal.id);
    photos.push(...removeOutOfScope(db, dbId, removal, at));
  }
  return photos;
}

function photoWaitsToUpload(db: Db, removal: PulledRemoval): boolean {
  if (removal.entity !== 'attachment') return false;
  const row = prepared(db, 'SELECT upload_state AS state FROM attachments WHERE sha256 = ?').get(
    removal.id,
  ) as { state: string } | undefined;
  return row !== undefined && row.state !== 'remote' && row.state !== 'verified';
}

/** Removes one record and what is derived from it; the photos whose files are to go. */
function removeOutOfScope(db: Db, dbId: string, removal: PulledRemoval, at: string): string[] {
  // Reference data is on every laptop: the server never removes it; a removal is ignored.
  if (recordTypeOf(removal.entity).scope({}).everyTeam === true) return [];
  const { table, key } = tableOf[removal.entity];
  // A photo's description has no JSON of its own: the audit names it by its id.
  const row = prepared(
    db,
    removal.entity === 'attachment'
      ? `SELECT NULL AS data FROM ${table} WHERE ${key} = ?`
      : `SELECT data_json AS data FROM ${table} WHERE ${key} = ?`,
  ).get(removal.id) as { data: string | null } | undefined;
  if (row === undefined) return [];
  const before = row.data === null ? null : (JSON.parse(row.data) as unknown);
  const photos: string[] = [];
  switch (removal.entity) {
    case 'intake_event':
      deleteIntake(db, removal.id);
      break;
    case 'custody_transfer':
    case 'custody_decision':
    case 'destruction_event':
    case 'stock_check':
    case 'loss_incident': {
      const items = itemsConcernedBy(db, removal.id);
      prepared(db, 'DELETE FROM custody_item_events WHERE record_id = ?').run(removal.id);
      prepared(db, 'DELETE FROM custody_records WHERE id = ?').run(removal.id);
      refreshItemCustody(db, items);
      break;
    }
    case 'trace_request':
      deleteTraceRequest(db, removal.id);
      break;
    case 'historic_count':
      prepared(db, 'DELETE FROM historic_counts WHERE id = ?').run(removal.id);
      break;
    case 'attachment':
      prepared(db, 'DELETE FROM attachments WHERE sha256 = ?').run(removal.id);
      photos.push(removal.id);
      break;
    case 'location':
    case 'campaign':
    case 'signing_key':
      return [];
  }
  appendAuditEntry(db, dbId, {
    at,
    userId: null,
    action: 'sync.out_of_scope',
    entity: removal.entity,
    entityId: removal.id,
    before,
    after: null,
  });
  return photos;
}

function audit(
  db: Db,
  dbId: string,
  change: PulledRecord,
  action: string,
  before: unknown,
  after: unknown,
) {
  appendAuditEntry(db, dbId, {
    at: change.receivedAt,
    userId: change.updatedBy.id,
    action,
    entity: change.entity,
    entityId: change.id,
    before,
    after,
  });
}

function deleteIntake(db: Db, id: string): void {
  // Explicitly, not by cascade: the item rows go with their record and nothing else.
  deleteItemRowsOf(db, id);
  deleteIntakeMeasureFacts(db, id);
  forgetPulledAmendments(db, id);
  prepared(db, 'DELETE FROM intake_events WHERE id = ?').run(id);
}

function applyIntake(
  db: Db,
  dbId: string,
  change: PulledRecord,
  ready: PreparedIntake | undefined,
): ApplyOutcome {
  const existing = readIntake(db, change.id);
  if (change.deleted) {
    if (existing === null) return 'unchanged';
    deleteIntake(db, change.id);
    audit(db, dbId, change, 'sync.deleted', existing.event, null);
    return 'deleted';
  }
  const revision = (existing?.revision ?? 0) + 1;
  // Validated already (a long pull validates its pages on a worker thread), or here.
  const prepared =
    ready === undefined ? prepareIntake(change, revision) : atRevision(ready, revision);
  const incoming = prepared?.event ?? (change.data as Record<string, unknown>);
  if (
    existing !== null &&
    existing.status === change.status &&
    sameFieldValue(
      withoutServerKeys(change.entity, existing.event),
      withoutServerKeys(change.entity, incoming),
    )
  ) {
    setServerRev(db, 'intake_event', change.id, change.serverRev);
    if (change.amendments !== undefined) keepPulledAmendments(db, change.id, change.amendments);
    return 'unchanged';
  }
  if (prepared === null) return 'invalid';
  const { event, dataJson } = prepared;
  const final = change.status === 'final';
  writeIntake(db, {
    event,
    dataJson,
    isNew: existing === null,
    revision,
    serverRev: change.serverRev,
    status: change.status,
    createdAt: existing?.createdAt ?? change.receivedAt,
    createdBy: existing?.createdBy ?? change.createdBy.id,
    updatedAt: change.receivedAt,
    updatedBy: change.updatedBy.id,
    finalisedAt: final ? (existing?.finalisedAt ?? change.receivedAt) : null,
    finalisedBy: final ? (existing?.finalisedBy ?? change.updatedBy.id) : null,
  });
  if (change.amendments !== undefined) keepPulledAmendments(db, change.id, change.amendments);
  const before = existing?.event ?? null;
  audit(db, dbId, change, 'sync.received', before, receivedState(change, before, event, dataJson));
  return 'applied';
}

function applyReference(db: Db, dbId: string, change: PulledRecord): ApplyOutcome {
  const table = tableOf[change.entity].table;
  const existing = prepared(db, `SELECT data_json, revision FROM ${table} WHERE id = ?`).get(
    change.id,
  ) as { data_json: string; revision: number } | undefined;
  const before = existing === undefined ? null : (JSON.parse(existing.data_json) as unknown);
  if (change.deleted) {
    if (existing === undefined) return 'unchanged';
    if (change.entity === 'trace_request') deleteTraceRequest(db, change.id);
    else prepared(db, `DELETE FROM ${table} WHERE id = ?`).run(change.id);
    audit(db, dbId, change, 'sync.deleted', before, null);
    return 'deleted';
  }
  const data = withoutServerKeys(change.entity, change.data);
  if (before !== null && sameFieldValue(withoutServerKeys(change.entity, before), data)) {
    setServerRev(db, change.entity, change.id, change.serverRev);
    return 'unchanged';
  }
  const revision = (existing?.revision ?? 0) + 1;
  const by = change.updatedBy.id;
  if (change.entity === 'location') {
    const parsed = LocationSchema.safeParse({ ...data, id: change.id });
    if (!parsed.success) return 'invalid';
    writeLocation(db, parsed.data, change.receivedAt, by, revision, change.serverRev);
    audit(db, dbId, change, 'sync.received', before, receivedState(change, before, parsed.data));
  } else if (change.entity === 'trace_request') {
    const parsed = TraceRequestSchema.safeParse({ ...data, id: change.id });
    if (!parsed.success) return 'invalid';
    writeTraceRequest(db, parsed.data, change.receivedAt, by, revision, change.serverRev);
    audit(db, dbId, change, 'sync.received', before, receivedState(change, before, parsed.data));
  } else if (change.entity === 'historic_count') {
    const parsed = HistoricCountSchema.safeParse({ ...data, id: change.id });
    if (!parsed.success) return 'invalid';
    writeHistoricCount(db, parsed.data, change.receivedAt, by, revision, change.serverRev);
    audit(db, dbId, change, 'sync.received', before, receivedState(change, before, parsed.data));
  } else if (change.entity === 'record_review') {
    // The review's state and its history row land together, in the page's transaction.
    const parsed = RecordReviewSchema.safeParse({ ...data, id: change.id });
    if (!parsed.success) return 'invalid';
    writeRecordReview(db, parsed.data, change.receivedAt, by, revision, {
      serverRev: change.serverRev,
      received: true,
    });
    audit(db, dbId, change, 'sync.received', before, receivedState(change, before, parsed.data));
  } else {
    const parsed = CampaignSchema.safeParse({ ...data, id: change.id });
    if (!parsed.success) return 'invalid';
    writeCampaign(db, parsed.data, change.receivedAt, by, revision, change.serverRev);
    audit(db, dbId, change, 'sync.received', before, receivedState(change, before, parsed.data));
  }
  return 'applied';
}

/** The audit's `after` for a received state: a receipt when the record is new here. */
function receivedState(
  change: PulledRecord,
  before: unknown,
  stored: unknown,
  storedJson = JSON.stringify(stored),
): unknown {
  return before === null ? receiptOf(storedJson, change.serverRev) : stored;
}

/**
 * A sealed custody record from another laptop: written once, with its items' events, and their
 * state derived again. A contradiction with what this laptop holds is kept and shown (a custody
 * conflict on the item), never refused here: the server accepted it, and dropping it would lose
 * evidence. A sealed record never changes, so one already here is only acknowledged.
 */
function applyCustody(db: Db, dbId: string, change: PulledRecord): ApplyOutcome {
  if (change.deleted) return 'unchanged';
  const entity = change.entity as CustodyEntity;
  const parsed = recordTypeOf(entity).finalSchema.safeParse({
    ...withoutServerKeys(entity, change.data),
    id: change.id,
  });
  if (!parsed.success) return 'invalid';
  const data = parsed.data as Record<string, unknown>;
  // Every laptop checks a seal on receipt: one that does not hold was changed after sealing.
  if (checkSeal(db, entity, data, change.createdBy.id) !== 'ok') return 'invalid';
  const inserted = insertCustodyRecord(db, entity, data, {
    createdAt: change.receivedAt,
    createdBy: change.createdBy.id,
    serverRev: change.serverRev,
  });
  setServerRev(db, entity, change.id, change.serverRev);
  if (!inserted) return 'unchanged';
  refreshItemCustody(db, itemsConcernedBy(db, change.id));
  audit(db, dbId, change, 'sync.received', null, receiptOf(JSON.stringify(data), change.serverRev));
  return 'applied';
}

/** Another person's public signing key: what their seals are checked with here. */
function applySigningKey(db: Db, dbId: string, change: PulledRecord): ApplyOutcome {
  if (change.deleted) return 'unchanged';
  const parsed = SigningKeySchema.safeParse({
    ...withoutServerKeys(change.entity, change.data),
    id: change.id,
  });
  if (!parsed.success || parsed.data.personId !== change.createdBy.id) return 'invalid';
  const key = parsed.data;
  const inserted = insertSigningKey(
    db,
    {
      keyId: key.id,
      userId: key.personId,
      publicKey: key.publicKey,
      createdAt: key.createdAt,
      wrapped: null,
    },
    change.serverRev,
  );
  setServerRev(db, 'signing_key', change.id, change.serverRev);
  if (!inserted) return 'unchanged';
  audit(db, dbId, change, 'sync.received', null, key);
  return 'applied';
}

function applyAttachment(db: Db, dbId: string, change: PulledRecord): ApplyOutcome {
  if (change.deleted) return 'unchanged';
  const parsed = PulledAttachmentSchema.safeParse(withoutServerKeys(change.entity, change.data));
  if (!parsed.success) return 'invalid';
  const { sha256, mime, size } = parsed.data;
  const inserted = prepared(
    db,
    `INSERT INTO attachments (sha256, mime, size, created_at, created_by, server_rev, upload_state)
     VALUES (?, ?, ?, ?, ?, ?, 'remote')
     ON CONFLICT (sha256) DO UPDATE SET server_rev = max(attachments.server_rev, excluded.server_rev)`,
  ).run(sha256, mime, size, change.receivedAt, change.createdBy.id, change.serverRev);
  if (inserted.changes > 0 && readServerRev(db, 'attachment', sha256) === change.serverRev) {
    audit(db, dbId, change, 'sync.received', null, parsed.data);
  }
  return 'applied';
}

/**
 * Writes the server's copy of a record from a push answer (conflict or rejection): the shape is
 * the pulled record's `data`, possibly wrapped with its metadata.
 */
export function serverStateToPulled(
  entity: SyncEntity,
  id: string,
  serverRev: number,
  serverState: unknown,
  author: Author,
  at: string,
): PulledRecord | null {
  if (serverState === null || typeof serverState !== 'object') return null;
  const state = serverState as Record<string, unknown>;
  const wrapped = 'data' in state && 'serverRev' in state;
  const data = (wrapped ? state.data : state) as Record<string, unknown> | null;
  if (data === null) return null;
  const status = (wrapped ? state.status : data.status) === 'final' ? 'final' : 'draft';
  const rev =
    typeof (wrapped ? state.serverRev : data.revision) === 'number'
      ? ((wrapped ? state.serverRev : data.revision) as number)
      : serverRev;
  return {
    entity,
    id,
    version: 1,
    serverRev: Math.max(1, rev),
    deleted: wrapped ? state.deleted === true : false,
    status,
    data,
    createdBy: author,
    updatedBy: author,
    receivedAt: at,
  };
}
