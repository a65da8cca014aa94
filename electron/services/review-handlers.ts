import {
  reviewIdFor,
  reviewStandingOf,
  type RecordReview,
} from '../../shared/domain/record-review.ts';
import type { RecordReviewView } from '../../shared/ipc/procedures/reviews.ts';
import {
  isReviewable,
  recordReviewType,
  recordTypeOf,
  validateRecordOf,
} from '../../shared/records/record-types.ts';
import { AppError } from '../ipc/app-error.ts';
import type { HandlerTable } from '../ipc/handler-table.ts';
import type { IdleLock } from '../session/idle-lock.ts';
import type { Session, Unlocked } from '../session/session.ts';
import { appendAuditEntry } from '../store/audit-log.ts';
import type { Db } from '../store/encrypted-database.ts';
import { appendOutbox } from '../store/outbox.ts';
import {
  amendmentWaiting,
  findReviewableRecord,
  readRecordReview,
  readRecordReviewMeta,
  reviewHistoryOf,
  reviewTasksOf,
  writeRecordReview,
} from '../store/record-reviews-repository.ts';
import { findUser } from '../store/users-repository.ts';
import { changedTopLevelFields } from '../sync/fields.ts';
import { localContext } from './final-form.ts';
import { requireRecordPermission } from './permissions.ts';

type ReviewHandlers = Pick<HandlerTable, 'reviewRecords' | 'getRecordReview' | 'listReviewTasks'>;

const ENTITY = 'record_review';

/**
 * Reviews of final records. A review (one or many records) writes each review, its history row,
 * its audit entry and its outbox row in ONE transaction: all of them or none. Only a record the
 * server has acknowledged is reviewed: the review names the server revision it judged, which is
 * how a later amendment shows as the author's answer on every laptop and in the console.
 */
export function reviewHandlers(
  session: Session,
  idle: IdleLock,
  now: () => Date = () => new Date(),
  onSaved: () => void = () => undefined,
): ReviewHandlers {
  const open = (): Unlocked => {
    idle.touch();
    return session.requireUnlocked();
  };

  return {
    reviewRecords: ({ recordIds, state, comment }) => {
      const unlocked = open();
      const { db, dbId, user } = unlocked;
      const when = now();
      const at = when.toISOString();
      const ids = [...new Set(recordIds)];
      db.transaction(() => {
        for (const recordId of ids) {
          const record = findReviewableRecord(db, recordId);
          if (record === null) {
            throw new AppError(
              'NOT_FOUND',
              'One of these records does not exist on this computer.',
            );
          }
          if (!isReviewable(recordTypeOf(record.entity)) || !record.final) {
            throw new AppError('VALIDATION_ERROR', 'Only final records are reviewed.', [
              { path: 'recordIds', message: 'notApplicable', code: 'custom' },
            ]);
          }
          if (record.serverRev === 0) {
            throw new AppError(
              'VALIDATION_ERROR',
              'A record is reviewed once it has reached the server. Sync first, then review it.',
              [{ path: 'recordIds', message: 'notSynced', code: 'custom' }],
            );
          }
          const id = reviewIdFor(recordId);
          const before = readRecordReview(db, id);
          const meta = readRecordReviewMeta(db, id);
          requireRecordPermission(user, ENTITY, before === null ? 'create' : 'update');
          const review: RecordReview = {
            id,
            reviewedRecordId: recordId,
            reviewedEntity: record.entity,
            state,
            ...(comment === undefined || comment === '' ? {} : { comment }),
            reviewerId: user.id,
            reviewedAt: at,
            reviewedRevision: record.serverRev,
          };
          const checked = validateRecordOf(recordReviewType, review, {
            final: true,
            context: localContext(db, when),
          });
          if (!checked.ok) {
            throw new AppError(
              'VALIDATION_ERROR',
              'This review cannot be saved as it is.',
              checked.issues.map((issue) => ({
                path: issue.path.map(String).join('.'),
                message: issue.message,
                code: 'custom',
              })),
            );
          }
          const { revision: _revision, ...stored } = checked.data as RecordReview;
          const changed = changedTopLevelFields(ENTITY, before, stored).filter(
            // The time alone is no new review: the same state on the same revision is a no-op.
            (field) => field !== 'reviewedAt',
          );
          if (before !== null && changed.length === 0) continue;
          writeRecordReview(db, stored, at, user.id, (meta?.revision ?? 0) + 1, {
            received: false,
          });
          appendAuditEntry(db, dbId, {
            at,
            userId: user.id,
            action: before === null ? 'record_review.created' : 'record_review.updated',
            entity: ENTITY,
            entityId: id,
            before,
            after: stored,
          });
          appendOutbox(db, {
            entity: ENTITY,
            entityId: id,
            op: before === null ? 'create' : 'update',
            baseRevision: meta?.serverRev ?? 0,
            payload: stored,
            changedFields: changedTopLevelFields(ENTITY, before, stored),
            createdAt: at,
            createdBy: user.id,
          });
        }
      })();
      onSaved();
      return { reviews: ids.map((recordId) => viewOf(db, recordId)) };
    },

    getRecordReview: ({ recordId }) => viewOf(open().db, recordId),

    listReviewTasks: () => {
      const { db, user } = open();
      const tasks = reviewTasksOf(db, user.id);
      return { tasks, open: tasks.filter((task) => task.standing === 'has_issues').length };
    },
  };
}

function viewOf(db: Db, recordId: string): RecordReviewView {
  const id = reviewIdFor(recordId);
  const review = readRecordReview(db, id);
  const meta = readRecordReviewMeta(db, id);
  const record = findReviewableRecord(db, recordId);
  const personOf = (personId: string) => ({
    id: personId,
    name: findUser(db, personId)?.name ?? personId,
  });
  return {
    recordId,
    standing: reviewStandingOf(review, {
      serverRev: record?.serverRev ?? 0,
      amendmentWaiting: amendmentWaiting(db, recordId),
    }),
    review,
    reviewer: review === null ? null : personOf(review.reviewerId),
    revision: meta?.revision ?? null,
    history: reviewHistoryOf(db, recordId).map((entry) => ({
      state: entry.state,
      comment: entry.comment,
      reviewer: { id: entry.reviewerId, name: entry.reviewerName },
      reviewedAt: entry.reviewedAt,
      received: entry.received,
    })),
  };
}
