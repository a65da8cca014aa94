import { v7 as uuidv7 } from 'uuid';
import {
  awaitingAnswerStatuses,
  traceStatusOf,
  traceStepDateIssues,
  type TraceRequest,
  type TraceRequestStatus,
} from '../../shared/domain/trace-request.ts';
import { WeaponItemDraftSchema, type WeaponItemDraft } from '../../shared/domain/weapon-item.ts';
import type { IpcIssue } from '../../shared/ipc/errors.ts';
import type { TraceRequestSummary, TraceRequestView } from '../../shared/ipc/procedures/tracing.ts';
import { AppError } from '../ipc/app-error.ts';
import type { HandlerTable } from '../ipc/handler-table.ts';
import type { IdleLock } from '../session/idle-lock.ts';
import type { Session, Unlocked } from '../session/session.ts';
import { appendAuditEntry, auditEntriesFor } from '../store/audit-log.ts';
import { readItem } from '../store/items-repository.ts';
import { appendOutbox } from '../store/outbox.ts';
import {
  listTraceRequests,
  readTraceRequest,
  readTraceRequestMeta,
  writeTraceRequest,
} from '../store/trace-requests-repository.ts';
import { findUser } from '../store/users-repository.ts';
import { changedTopLevelFields } from '../sync/fields.ts';
import { localDateOf } from './local-date.ts';
import { requireRecordPermission } from './permissions.ts';

type TracingHandlers = Pick<
  HandlerTable,
  'newTraceRequest' | 'saveTraceRequest' | 'getTraceRequest' | 'listTraceRequests'
>;

type Db = Unlocked['db'];

const ENTITY = 'trace_request';
const missing = 'This trace request does not exist on this computer.';

/**
 * ITI trace requests. A save writes the request, the weapon's derived trace status
 * (writeTraceRequest), the audit entry and the outbox row in one transaction. `answerDays` is
 * read on every call, so a changed setting moves the overdue list at once.
 */
export function tracingHandlers(
  session: Session,
  idle: IdleLock,
  answerDays: () => number,
  now: () => Date = () => new Date(),
  onSaved: () => void = () => undefined,
): TracingHandlers {
  const open = (): Unlocked => {
    idle.touch();
    return session.requireUnlocked();
  };

  return {
    newTraceRequest: ({ itemId }) => {
      const { db, user } = open();
      requireRecordPermission(user, ENTITY, 'create');
      const { weapon, intakeEventId, recordingAgency } = tracedWeapon(db, itemId);
      return {
        id: uuidv7(),
        itemId,
        intakeEventId,
        weapon,
        ...(recordingAgency === null ? {} : { requestingAgency: recordingAgency }),
        ...(weapon.countryOfManufacture === undefined
          ? {}
          : {
              addresseeBasis: 'country_of_manufacture' as const,
              addresseeCountry: weapon.countryOfManufacture,
            }),
        priority: 'routine',
        steps: [],
      };
    },

    saveTraceRequest: ({ request, expectedRevision }) => {
      const unlocked = open();
      const when = now();
      save(unlocked, request, expectedRevision, when);
      onSaved();
      return viewOf(unlocked.db, request.id, localDateOf(when), answerDays());
    },

    getTraceRequest: ({ id }) => {
      const { db } = open();
      return viewOf(db, id, localDateOf(now()), answerDays());
    },

    listTraceRequests: ({ itemId, overdueOnly, limit }) => {
      const { db } = open();
      const days = answerDays();
      const today = localDateOf(now());
      const rows = listTraceRequests(db, {
        ...(itemId === undefined ? {} : { itemId }),
        // Overdue: the last word on it is more than `days` days old.
        ...(overdueOnly ? { waitingSince: addDays(today, -days - 1) } : {}),
        limit,
      });
      return {
        answerDays: days,
        requests: rows.map(({ request, status, sentOn, lastStepOn }) => ({
          id: request.id,
          itemId: request.itemId,
          intakeEventId: request.intakeEventId,
          serialNumber: request.weapon.serialNumber ?? null,
          manufacturer: request.weapon.manufacturer ?? null,
          model: request.weapon.model ?? null,
          calibre: request.weapon.calibre ?? null,
          addresseeCountry: request.addresseeCountry ?? null,
          channel: request.channel ?? null,
          priority: request.priority,
          caseReference: request.caseReference ?? null,
          status,
          sentOn,
          lastStepOn,
          ...due(status, lastStepOn, today, days),
        })) satisfies TraceRequestSummary[],
      };
    },
  };
}

/** The weapon a request is about, as its record has it now; only weapons on final records. */
function tracedWeapon(
  db: Db,
  itemId: string,
  path = 'itemId',
): { weapon: WeaponItemDraft; intakeEventId: string; recordingAgency: string | null } {
  const found = readItem(db, itemId);
  if (found === null) {
    throw new AppError('VALIDATION_ERROR', 'No record on this computer lists this item.', [
      { path, message: 'itemUnknown', code: 'custom' },
    ]);
  }
  if (found.item.kind !== 'weapon') {
    throw new AppError('VALIDATION_ERROR', 'Only a weapon can be traced.', [
      { path, message: 'notAWeapon', code: 'custom' },
    ]);
  }
  // A trace request is evidence about the weapon: it is made once the record is final.
  if (found.intake.status !== 'final') {
    throw new AppError(
      'VALIDATION_ERROR',
      'This weapon is on a draft record; finalise the record first.',
      [{ path, message: 'recordNotFinal', code: 'custom' }],
    );
  }
  return {
    weapon: WeaponItemDraftSchema.parse(found.entry),
    intakeEventId: found.intake.id,
    recordingAgency: found.intake.recordingAgency,
  };
}

function save(
  { db, dbId, user }: Unlocked,
  sent: TraceRequest,
  expectedRevision: number | null,
  when: Date,
): void {
  const at = when.toISOString();
  const today = localDateOf(when);
  db.transaction(() => {
    const before = readTraceRequest(db, sent.id);
    const meta = readTraceRequestMeta(db, sent.id);
    requireRecordPermission(user, ENTITY, before === null ? 'create' : 'update');
    if (before === null && expectedRevision !== null) throw new AppError('NOT_FOUND', missing);
    if (meta !== null && meta.revision !== expectedRevision) {
      throw new AppError(
        'CONFLICT',
        'Someone changed this request in the meantime. Reopen it to see the latest version.',
      );
    }
    if (before !== null && before.itemId !== sent.itemId) {
      throw new AppError('VALIDATION_ERROR', 'A trace request stays with the weapon it is about.', [
        { path: 'request.itemId', message: 'invalidOption', code: 'custom' },
      ]);
    }
    // What was asked is main's to say: the weapon as its record has it until the request goes
    // out, then as it was when it went out (a later correction of the record does not rewrite it).
    const frozen = before !== null && before.steps.length > 0;
    const traced = frozen ? null : tracedWeapon(db, sent.itemId, 'request.itemId');
    const request: TraceRequest = {
      ...sent,
      intakeEventId: traced?.intakeEventId ?? before!.intakeEventId,
      weapon: traced?.weapon ?? before!.weapon,
    };
    const issues: IpcIssue[] = traceStepDateIssues(request, today).map((issue) => ({
      // As the input's own issues are named: from the procedure's input down.
      path: ['request', ...issue.path].map(String).join('.'),
      message: issue.message,
      code: 'custom',
    }));
    if (traced !== null && request.steps.length > 0) {
      const hasMarking = traced.weapon.markings.some((m) => (m.textAsRead ?? '').trim() !== '');
      if ((traced.weapon.serialNumber ?? '').trim() === '' && !hasMarking) {
        issues.push({
          path: 'request.weapon.serialNumber',
          message: 'serialOrMarkingRequired',
          code: 'custom',
        });
      }
    }
    if (issues.length > 0) {
      throw new AppError(
        'VALIDATION_ERROR',
        'This trace request cannot be saved as it is.',
        issues,
      );
    }
    const changed = changedTopLevelFields(ENTITY, before, request);
    // Saving an unchanged form is not a change: no revision, no history line, nothing to send.
    if (before !== null && changed.length === 0) return;
    const revision = (meta?.revision ?? 0) + 1;
    writeTraceRequest(db, request, at, user.id, revision);
    appendAuditEntry(db, dbId, {
      at,
      userId: user.id,
      action: `${ENTITY}.${before === null ? 'created' : 'updated'}`,
      entity: ENTITY,
      entityId: request.id,
      before,
      after: request,
    });
    appendOutbox(db, {
      entity: ENTITY,
      entityId: request.id,
      op: before === null ? 'create' : 'update',
      baseRevision: meta?.serverRev ?? 0,
      payload: request,
      changedFields: before === null ? changedTopLevelFields(ENTITY, null, request) : changed,
      createdAt: at,
      createdBy: user.id,
    });
  })();
}

function viewOf(db: Db, id: string, today: string, days: number): TraceRequestView {
  const request = readTraceRequest(db, id);
  const meta = readTraceRequestMeta(db, id);
  if (request === null || meta === null) throw new AppError('NOT_FOUND', missing);
  const person = (userId: string) => ({ id: userId, name: findUser(db, userId)?.name ?? userId });
  const last = auditEntriesFor(db, ENTITY, id).at(-1);
  const status = traceStatusOf(request);
  const recordNumber =
    (
      db
        .prepare('SELECT record_number AS n FROM intake_events WHERE id = ?')
        .get(request.intakeEventId) as { n: string | null } | undefined
    )?.n ?? null;
  return {
    request,
    status,
    revision: meta.revision,
    createdAt: meta.createdAt,
    createdBy: person(meta.createdBy),
    updatedAt: last?.at ?? meta.createdAt,
    updatedBy:
      last === undefined
        ? person(meta.createdBy)
        : last.userId === null
          ? null
          : person(last.userId),
    recordNumber,
    ...due(status, request.steps.at(-1)?.on ?? null, today, days),
  };
}

/** An answer is due `days` days after the last word on a request still awaiting one. */
function due(
  status: TraceRequestStatus,
  lastStepOn: string | null,
  today: string,
  days: number,
): { dueOn: string | null; overdue: boolean } {
  if (!awaitingAnswerStatuses.includes(status) || lastStepOn === null) {
    return { dueOn: null, overdue: false };
  }
  const dueOn = addDays(lastStepOn, days);
  return { dueOn, overdue: today > dueOn };
}

/** A calendar date moved by whole days (UTC arithmetic on a date has no time-zone shifts). */
function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
