import type { SyncIssue } from '../../shared/ipc/procedures/sync.ts';
import { isCustodyEntity } from '../../shared/custody/item-custody.ts';
import { AppError } from '../ipc/app-error.ts';
import type { HandlerTable } from '../ipc/handler-table.ts';
import type { IdleLock } from '../session/idle-lock.ts';
import type { Session } from '../session/session.ts';
import type { Campaign } from '../../shared/domain/campaign.ts';
import type { HistoricCount } from '../../shared/domain/historic-count.ts';
import type { TraceRequest } from '../../shared/domain/trace-request.ts';
import type { RecordReview } from '../../shared/domain/record-review.ts';
import { recordTypeOf } from '../../shared/records/record-types.ts';
import type { Location } from '../../shared/domain/location.ts';
import { appendAuditEntry } from '../store/audit-log.ts';
import { writeCampaign } from '../store/campaigns-repository.ts';
import { writeHistoricCount } from '../store/historic-counts-repository.ts';
import { writeTraceRequest } from '../store/trace-requests-repository.ts';
import { writeRecordReview } from '../store/record-reviews-repository.ts';
import { writeLocation } from '../store/locations-repository.ts';
import { readIntake, writeIntake } from '../store/intake-repository.ts';
import { appendOutbox } from '../store/outbox.ts';
import {
  listOpenSyncIssues,
  markSyncIssueResolved,
  readServerRev,
  readSyncIssue,
  recordLabel,
} from '../store/sync-repository.ts';
import type { SyncEngine } from '../sync/sync-engine.ts';
import { requireRecordPermission } from './permissions.ts';

type SyncHandlers = Pick<
  HandlerTable,
  'getSyncStatus' | 'enrollDevice' | 'syncNow' | 'listSyncIssues' | 'resolveSyncIssue'
>;

/**
 * Sync as the person drives it. The credential never leaves the main process: enrollment takes
 * the one-time code in and gives the status back.
 */
export function syncHandlers(
  session: Session,
  idle: IdleLock,
  engine: SyncEngine,
  now: () => Date = () => new Date(),
): SyncHandlers {
  const open = () => {
    idle.touch();
    return session.requireUnlocked();
  };
  return {
    getSyncStatus: () => {
      open();
      return engine.status();
    },

    enrollDevice: ({ serverUrl, code }) => {
      open();
      return engine.enroll(serverUrl, code);
    },

    syncNow: () => {
      open();
      return engine.syncNow();
    },

    listSyncIssues: () => {
      const { db } = open();
      return listOpenSyncIssues(db).map((issue): SyncIssue => ({
        id: issue.id,
        kind: issue.kind,
        entity: issue.entity,
        entityId: issue.entityId,
        label: recordLabel(db, issue.entity, issue.entityId),
        reason: issue.reason,
        message: issue.message,
        fields: Object.entries(issue.fields).map(([field, values]) => ({
          field,
          mine: values.mine,
          server: values.server,
        })),
        recordFinal: issue.recordFinal,
        createdAt: issue.createdAt,
        createdByName: issue.createdByName,
      }));
    },

    /**
     * Keeping 'mine' for a field queues a new change with the person's value, based on the
     * server revision this laptop has now (an amendment when the record is final there);
     * 'server' keeps what the laptop already shows. Either way the decision is audited.
     */
    resolveSyncIssue: ({ id, keep }) => {
      const { db, dbId, user } = open();
      const at = now().toISOString();
      db.transaction(() => {
        const issue = readSyncIssue(db, id);
        if (issue === null || issue.resolvedAt !== null) {
          throw new AppError('NOT_FOUND', 'This sync issue does not exist or was already settled.');
        }
        const mine =
          issue.kind === 'conflict'
            ? Object.keys(issue.fields).filter((field) => keep[field] === 'mine')
            : [];
        if (mine.length > 0) {
          // Keeping one's own value is a change like any other: the person's role must allow it.
          requireRecordPermission(user, issue.entity, issue.recordFinal ? 'amend' : 'update');
          if (isCustodyEntity(issue.entity) || issue.entity === 'signing_key') {
            // Unreachable by role (sealed records and keys have no update), kept as a guard.
            throw new AppError(
              'VALIDATION_ERROR',
              'A sealed custody record is never changed; record a correction instead.',
            );
          } else if (issue.entity !== 'intake_event') {
            queueReferenceChange(db, issue.entity, issue.entityId, mine, issue.fields, at, user.id);
          } else {
            const row = readIntake(db, issue.entityId);
            if (row === null)
              throw new AppError('NOT_FOUND', 'This record does not exist any more.');
            const revision = row.revision + 1;
            const event = withValues(row.event, mine, issue.fields, revision);
            writeIntake(db, {
              ...row,
              event,
              revision,
              updatedAt: at,
              updatedBy: user.id,
            });
            appendOutbox(db, {
              entity: 'intake_event',
              entityId: issue.entityId,
              op: issue.recordFinal || row.status === 'final' ? 'amend' : 'update',
              baseRevision: row.serverRev,
              payload: event,
              changedFields: mine,
              createdAt: at,
              createdBy: user.id,
            });
          }
        }
        markSyncIssueResolved(db, id, at, user.id, keep);
        appendAuditEntry(db, dbId, {
          at,
          userId: user.id,
          action: issue.kind === 'conflict' ? 'sync.conflict_resolved' : 'sync.rejection_dismissed',
          entity: issue.entity,
          entityId: issue.entityId,
          before: null,
          after: { issue: id, keep },
        });
      })();
      engine.notifyLocalChange();
      return { ok: true as const };
    },
  };
}

/** The record with the person's values for `fields`; a null value (cleared field) removes it. */
function withValues<T extends object>(
  record: T,
  fields: readonly string[],
  values: Record<string, { mine: unknown; server: unknown }>,
  revision?: number,
): T {
  const copy = { ...record } as Record<string, unknown>;
  for (const field of fields) {
    const value = values[field]?.mine;
    if (value === null || value === undefined) delete copy[field];
    else copy[field] = value;
  }
  if (revision !== undefined) copy.revision = revision;
  return copy as T;
}

function queueReferenceChange(
  db: ReturnType<Session['requireUnlocked']>['db'],
  entity:
    'location' | 'campaign' | 'attachment' | 'trace_request' | 'historic_count' | 'record_review',
  id: string,
  fields: readonly string[],
  values: Record<string, { mine: unknown; server: unknown }>,
  at: string,
  by: string,
): void {
  if (entity === 'attachment') return;
  const table = {
    location: 'locations',
    campaign: 'campaigns',
    trace_request: 'trace_requests',
    historic_count: 'historic_counts',
    record_review: 'record_reviews',
  }[entity];
  const row = db.prepare(`SELECT data_json, revision FROM ${table} WHERE id = ?`).get(id) as
    { data_json: string; revision: number } | undefined;
  if (row === undefined) throw new AppError('NOT_FOUND', 'This record does not exist any more.');
  const data = withValues(JSON.parse(row.data_json) as Record<string, unknown>, fields, values);
  // A record naming its author (a review's reviewer) names whoever keeps their value now: the
  // server refuses a change naming anyone else.
  const authorField = recordTypeOf(entity).authorField;
  const changed = authorField === undefined ? fields : [...new Set([...fields, authorField])];
  if (authorField !== undefined) data[authorField] = by;
  // Written as the person chose it; the server validates the merged record again.
  if (entity === 'location') writeLocation(db, data as Location, at, by, row.revision + 1);
  else if (entity === 'trace_request') {
    writeTraceRequest(db, data as TraceRequest, at, by, row.revision + 1);
  } else if (entity === 'historic_count') {
    writeHistoricCount(db, data as HistoricCount, at, by, row.revision + 1);
  } else if (entity === 'record_review') {
    writeRecordReview(db, data as RecordReview, at, by, row.revision + 1, { received: false });
  } else writeCampaign(db, data as Campaign, at, by, row.revision + 1);
  appendOutbox(db, {
    entity,
    entityId: id,
    op: 'update',
    baseRevision: readServerRev(db, entity, id) ?? 0,
    payload: data,
    changedFields: changed,
    createdAt: at,
    createdBy: by,
  });
}
