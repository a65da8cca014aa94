import { v7 as uuidv7 } from 'uuid';
import { AttachmentRefSchema, maxAttachmentBytes } from '../../shared/domain/attachment.ts';
import {
  intakeTotals,
  newIntakeEventDraft,
  type IntakeEventDraft,
} from '../../shared/domain/intake-event.ts';
import type {
  HistoryEntry,
  IntakeRecordView,
  IntakeSummary,
} from '../../shared/ipc/procedures/records.ts';
import { AppError } from '../ipc/app-error.ts';
import { localDateOf } from './local-date.ts';
import type { HandlerTable } from '../ipc/handler-table.ts';
import type { IdleLock } from '../session/idle-lock.ts';
import type { Session, Unlocked } from '../session/session.ts';
import {
  insertAttachment,
  missingAttachments,
  readAttachment,
} from '../store/attachments-repository.ts';
import {
  appendAuditEntry,
  auditEntriesFor,
  isAuditReceipt,
  verifyAuditChain,
} from '../store/audit-log.ts';
import { readBlob, writeBlob } from '../store/blob-store.ts';
import { detectImageType } from '../store/image-type.ts';
import {
  amendmentAfter,
  amendmentReasonOf,
  pulledAmendmentsInHistory,
  INTAKE_AMENDED,
  recordStateAfter,
} from '../store/intake-amendments.ts';
import {
  deleteIntakeDraft,
  listIntakes,
  lastRecordedBy,
  readIntake,
  writeIntake,
  type IntakeRow,
} from '../store/intake-repository.ts';
import { listCampaigns, readCampaign, writeCampaign } from '../store/campaigns-repository.ts';
import { listLocations, readLocation, writeLocation } from '../store/locations-repository.ts';
import { appendOutbox } from '../store/outbox.ts';
import { recordSyncState } from '../store/sync-repository.ts';
import { takeRecordNumber } from '../store/record-numbers.ts';
import { findUser } from '../store/users-repository.ts';
import { changedTopLevelFields } from '../sync/fields.ts';
import { finalFormOf } from './final-form.ts';
import { markSerialChecks } from './serial-check-marks.ts';
import { requireRecordPermission } from './permissions.ts';

type RecordHandlers = Pick<
  HandlerTable,
  | 'listLocations'
  | 'saveLocation'
  | 'listCampaigns'
  | 'saveCampaign'
  | 'newIntakeDraft'
  | 'saveIntakeDraft'
  | 'finaliseIntake'
  | 'checkIntakeFinalisation'
  | 'getIntake'
  | 'listIntakes'
  | 'getIntakeHistory'
  | 'amendIntake'
  | 'deleteIntakeDraft'
  | 'addPhoto'
  | 'getPhoto'
  | 'verifyAuditLog'
  | 'getRecordSyncState'
>;

const INTAKE = 'intake_event';

/**
 * The record workflow. Every change is one SQLite transaction that writes the record, its audit
 * entry (who, when, before, after) and its outbox row together; a crash or a refused write leaves
 * none of them. The outbox row carries the record's server revision as its base and the top-level
 * fields the change touched. `onSaved` runs after each committed change (sync's debounce).
 */
export function recordHandlers(
  session: Session,
  idle: IdleLock,
  now: () => Date = () => new Date(),
  onSaved: () => void = () => undefined,
): RecordHandlers {
  const open = (): Unlocked => {
    idle.touch();
    return session.requireUnlocked();
  };

  return {
    listLocations: () => listLocations(open().db),

    saveLocation: (location) =>
      saved(saveReference(open(), 'location', location, readLocation, writeLocation, now)),

    listCampaigns: () => listCampaigns(open().db),

    saveCampaign: (campaign) =>
      saved(saveReference(open(), 'campaign', campaign, readCampaign, writeCampaign, now)),

    // A new record starts on today's date (the laptop's), with the agency and officer of the
    // person's last record, or their own name for their first: typed once, not on every record.
    // Nothing is stored until the person changes something.
    newIntakeDraft: () => {
      const { db, user } = open();
      const last = lastRecordedBy(db, user.id);
      return {
        ...newIntakeEventDraft(uuidv7()),
        occurredAt: localDateOf(now()),
        recordingOfficer: last?.recordingOfficer ?? user.name,
        ...(last?.recordingAgency === undefined ? {} : { recordingAgency: last.recordingAgency }),
      };
    },

    saveIntakeDraft: ({ draft, expectedRevision }) => {
      const { db, dbId, user } = open();
      const at = now().toISOString();
      db.transaction(() => {
        const existing = readIntake(db, draft.id);
        requireRecordPermission(user, INTAKE, existing === null ? 'create' : 'update');
        if (existing?.status === 'final') {
          throw new AppError('RECORD_FINAL', 'This record is final and can no longer be edited.');
        }
        if (existing === null && expectedRevision !== null && expectedRevision !== 0) {
          throw new AppError('NOT_FOUND', 'This record does not exist any more.');
        }
        if (existing !== null && existing.revision !== expectedRevision) {
          throw new AppError(
            'CONFLICT',
            'This record was changed in the meantime. Reopen it to see the latest version.',
          );
        }
        assertReferences(db, draft);
        const revision = (existing?.revision ?? 0) + 1;
        // The record number is the store's: taken when the record is first saved, kept after,
        // whatever the form sends (a record pulled without one keeps having none here).
        // Where a record was imported from is the import's to say (it waives the weapon photo
        // rule): a form never sets it, and a pulled record keeps what it had.
        const { recordNumber: _sent, importedFrom: _claimed, ...typed } = draft;
        const recordNumber = existing === null ? takeRecordNumber(db) : existing.event.recordNumber;
        const importedFrom = existing?.event.importedFrom;
        const event: IntakeEventDraft = {
          ...typed,
          weapons: markSerialChecks(db, typed.weapons, existing?.event.weapons, {
            on: localDateOf(now()),
            by: user.id,
            intakeEventId: draft.id,
          }),
          status: 'draft',
          revision,
          ...(recordNumber === undefined ? {} : { recordNumber }),
          ...(importedFrom === undefined ? {} : { importedFrom }),
        };
        writeIntake(db, {
          event,
          revision,
          status: 'draft',
          createdAt: existing?.createdAt ?? at,
          createdBy: existing?.createdBy ?? user.id,
          updatedAt: at,
          updatedBy: user.id,
          finalisedAt: null,
          finalisedBy: null,
        });
        appendAuditEntry(db, dbId, {
          at,
          userId: user.id,
          action: existing === null ? 'intake.draft_created' : 'intake.draft_saved',
          entity: INTAKE,
          entityId: event.id,
          before: existing?.event ?? null,
          after: event,
        });
        appendOutbox(db, {
          entity: INTAKE,
          entityId: event.id,
          op: existing === null ? 'create' : 'update',
          baseRevision: existing?.serverRev ?? 0,
          payload: event,
          changedFields: changedTopLevelFields(INTAKE, existing?.event ?? null, event),
          createdAt: at,
          createdBy: user.id,
        });
      })();
      onSaved();
      return view(db, draft.id);
    },

    checkIntakeFinalisation: ({ id }) => {
      const { db, user } = open();
      requireRecordPermission(user, INTAKE, 'finalise');
      const existing = readIntake(db, id);
      if (existing === null) throw new AppError('NOT_FOUND', 'This record does not exist.');
      if (existing.status === 'final')
        throw new AppError('RECORD_FINAL', 'This record is already final.');
      const finalForm = finalFormOf(db, existing, now());
      return { issues: finalForm.ok ? [] : finalForm.issues };
    },

    finaliseIntake: ({ id, expectedRevision }) => {
      const { db, dbId, user } = open();
      const at = now().toISOString();
      db.transaction(() => {
        requireRecordPermission(user, INTAKE, 'finalise');
        const existing = readIntake(db, id);
        if (existing === null) throw new AppError('NOT_FOUND', 'This record does not exist.');
        if (existing.status === 'final')
          throw new AppError('RECORD_FINAL', 'This record is already final.');
        if (existing.revision !== expectedRevision) {
          throw new AppError(
            'CONFLICT',
            'This record was changed in the meantime. Reopen it to see the latest version.',
          );
        }
        const finalForm = finalFormOf(db, existing, now());
        if (!finalForm.ok) {
          throw new AppError(
            'VALIDATION_ERROR',
            'The record is not complete yet; the fields that still need attention are marked.',
            finalForm.issues,
          );
        }
        const parsed = { data: finalForm.event };
        const revision = existing.revision + 1;
        writeIntake(db, {
          event: parsed.data,
          revision,
          status: 'final',
          createdAt: existing.createdAt,
          createdBy: existing.createdBy,
          updatedAt: at,
          updatedBy: user.id,
          finalisedAt: at,
          finalisedBy: user.id,
        });
        appendAuditEntry(db, dbId, {
          at,
          userId: user.id,
          action: 'intake.finalised',
          entity: INTAKE,
          entityId: id,
          before: existing.event,
          after: parsed.data,
        });
        appendOutbox(db, {
          entity: INTAKE,
          entityId: id,
          op: 'finalise',
          baseRevision: existing.serverRev,
          payload: parsed.data,
          changedFields: changedTopLevelFields(INTAKE, existing.event, parsed.data),
          createdAt: at,
          createdBy: user.id,
        });
      })();
      onSaved();
      return view(db, id);
    },

    getIntake: ({ id }) => view(open().db, id),

    listIntakes: (filter) => {
      const { rows, total } = listIntakes(open().db, filter);
      const items: IntakeSummary[] = rows.map((row) => ({
        id: row.id,
        status: row.status,
        context: row.context === '' ? null : (row.context as IntakeSummary['context']),
        occurredAt: row.occurredOn,
        locationName: row.locationName,
        weaponCount: row.weaponCount,
        recordNumber: row.recordNumber,
        entryCounts: {
          weapon: row.weaponCount,
          part: row.partCount,
          ammunition: row.ammunitionCount,
          explosive: row.explosiveCount,
        },
        serials: row.serials === null ? [] : row.serials.split('\u001f'),
        updatedAt: row.updatedAt,
        updatedByName: row.updatedByName,
        revision: row.revision,
        syncState: row.syncState,
        reviewStanding: row.reviewStanding,
      }));
      return { items, total };
    },

    getIntakeHistory: ({ id }) => {
      const { db } = open();
      if (readIntake(db, id) === null)
        throw new AppError('NOT_FOUND', 'This record does not exist.');
      // A pulled revision that an amendment made (here or on another laptop) is shown as that
      // amendment, with its reason: the server's time of receipt and the author name it. One
      // made elsewhere that this laptop never received as a revision of its own (two amendments
      // between pulls) is listed too, at its time of receipt, by its author.
      const entries = auditEntriesFor(db, INTAKE, id);
      const pulled = pulledAmendmentsInHistory(db, id, entries);
      const history = entries.map((entry): HistoryEntry => {
        const amendment = pulled.bySeq.get(entry.seq);
        const reason =
          entry.action === INTAKE_AMENDED ? (amendmentReasonOf(entry) ?? '') : amendment?.reason;
        return {
          seq: entry.seq,
          at: entry.at,
          userName: entry.userId === null ? '' : (findUser(db, entry.userId)?.name ?? entry.userId),
          action: amendment === undefined ? entry.action : INTAKE_AMENDED,
          changedFields: changedFields(entry.before, recordStateAfter(entry)),
          ...(reason === undefined || reason === null ? {} : { reason }),
        };
      });
      const unseen = pulled.unseen.map((amendment): HistoryEntry => ({
        seq: null,
        at: amendment.receivedAt,
        userName: amendment.author.name,
        action: INTAKE_AMENDED,
        changedFields: [],
        ...(amendment.reason === null ? {} : { reason: amendment.reason }),
      }));
      return mergeByTime(history, unseen);
    },

    amendIntake: ({ draft, expectedRevision, reason }) => {
      const { db, dbId, user } = open();
      const at = now().toISOString();
      db.transaction(() => {
        requireRecordPermission(user, INTAKE, 'amend');
        const existing = readIntake(db, draft.id);
        if (existing === null) throw new AppError('NOT_FOUND', 'This record does not exist.');
        if (existing.status !== 'final') {
          throw new AppError(
            'VALIDATION_ERROR',
            'Only a final record is amended; a draft is simply edited.',
            [{ path: '', message: 'notFinal', code: 'custom' }],
          );
        }
        if (existing.revision !== expectedRevision) {
          throw new AppError(
            'CONFLICT',
            'This record was changed in the meantime. Reopen it to see the latest version.',
          );
        }
        assertReferences(db, draft);
        // The record's number is the store's, written once: an amendment cannot change it.
        const {
          recordNumber: _ignored,
          importedFrom: _claimed,
          ...fields
        } = draft as IntakeEventDraft & { recordNumber?: string };
        const kept = (existing.event as { recordNumber?: string }).recordNumber;
        const importedFrom = existing.event.importedFrom;
        const candidate = {
          ...fields,
          // An amended serial, make or calibre is checked again, as on any save.
          weapons: markSerialChecks(db, fields.weapons, existing.event.weapons, {
            on: localDateOf(now()),
            by: user.id,
            intakeEventId: draft.id,
          }),
          ...(kept === undefined ? {} : { recordNumber: kept }),
          ...(importedFrom === undefined ? {} : { importedFrom }),
        };
        // The amended record is held to the final form, with the rules that need the clock.
        const finalForm = finalFormOf(db, { ...existing, event: candidate }, now());
        if (!finalForm.ok) {
          throw new AppError(
            'VALIDATION_ERROR',
            'The amended record is not complete; the fields that need attention are marked.',
            finalForm.issues,
          );
        }
        const amended = finalForm.event;
        const changed = changedTopLevelFields(INTAKE, existing.event, amended);
        if (changed.length === 0) {
          throw new AppError('VALIDATION_ERROR', 'This amendment changes nothing.', [
            { path: '', message: 'nothingChanged', code: 'custom' },
          ]);
        }
        writeIntake(db, {
          event: amended,
          revision: existing.revision + 1,
          status: 'final',
          createdAt: existing.createdAt,
          createdBy: existing.createdBy,
          updatedAt: at,
          updatedBy: user.id,
          finalisedAt: existing.finalisedAt,
          finalisedBy: existing.finalisedBy,
        });
        appendAuditEntry(db, dbId, {
          at,
          userId: user.id,
          action: INTAKE_AMENDED,
          entity: INTAKE,
          entityId: draft.id,
          before: existing.event,
          after: amendmentAfter(amended, reason),
        });
        appendOutbox(db, {
          entity: INTAKE,
          entityId: draft.id,
          op: 'amend',
          baseRevision: existing.serverRev,
          payload: amended,
          changedFields: changed,
          createdAt: at,
          createdBy: user.id,
          reason,
        });
      })();
      onSaved();
      return view(db, draft.id);
    },

    deleteIntakeDraft: ({ id, expectedRevision }) => {
      const { db, dbId, user } = open();
      const at = now().toISOString();
      db.transaction(() => {
        requireRecordPermission(user, INTAKE, 'delete');
        const existing = readIntake(db, id);
        if (existing === null) throw new AppError('NOT_FOUND', 'This record does not exist.');
        if (existing.status === 'final') {
          throw new AppError(
            'RECORD_FINAL',
            'A final record is evidence and is never deleted; amend it instead.',
          );
        }
        if (existing.revision !== expectedRevision) {
          throw new AppError(
            'CONFLICT',
            'This record was changed in the meantime. Reopen it to see the latest version.',
          );
        }
        const { serverMayHaveIt } = deleteIntakeDraft(db, id);
        appendAuditEntry(db, dbId, {
          at,
          userId: user.id,
          action: 'intake.draft_deleted',
          entity: INTAKE,
          entityId: id,
          before: existing.event,
          after: null,
        });
        // A draft the server never received is gone once it is gone here; otherwise the server
        // is told, and refuses if another laptop finalised it meanwhile (then it comes back).
        if (serverMayHaveIt) {
          appendOutbox(db, {
            entity: INTAKE,
            entityId: id,
            op: 'delete',
            baseRevision: existing.serverRev,
            payload: {},
            changedFields: [],
            createdAt: at,
            createdBy: user.id,
          });
        }
      })();
      onSaved();
      return { ok: true as const };
    },

    addPhoto: async ({ dataBase64, kind, caption }) => {
      const { db, dbId, dek, user, dataDir } = open();
      requireRecordPermission(user, 'attachment', 'create');
      const bytes = Buffer.from(dataBase64, 'base64');
      // The base64 cap can let two bytes too many through; check the real size before writing.
      if (bytes.byteLength > maxAttachmentBytes) {
        throw new AppError('VALIDATION_ERROR', 'This photo is larger than 25 MiB.', [
          { path: 'dataBase64', message: 'attachmentTooLarge', code: 'custom' },
        ]);
      }
      const mime = detectImageType(bytes);
      if (mime === null) {
        throw new AppError('VALIDATION_ERROR', 'This file is not a JPEG, PNG or WebP photo.', [
          { path: 'dataBase64', message: 'unsupportedImageType', code: 'custom' },
        ]);
      }
      // A private copy of the key: a lock while the file is written wipes the session's key.
      const key = Buffer.from(dek);
      let sha256: string;
      try {
        sha256 = await writeBlob(dataDir, key, bytes);
      } finally {
        key.fill(0);
      }
      if (session.state.kind !== 'unlocked') {
        throw new AppError('LOCKED', 'SALW Field locked before the photo was saved.');
      }
      const at = now().toISOString();
      const ref = AttachmentRefSchema.parse({
        sha256,
        mime,
        size: bytes.byteLength,
        kind,
        caption,
      });
      db.transaction(() => {
        if (!insertAttachment(db, { sha256, mime, size: bytes.byteLength, at, by: user.id }))
          return;
        appendAuditEntry(db, dbId, {
          at,
          userId: user.id,
          action: 'photo.added',
          entity: 'attachment',
          entityId: sha256,
          before: null,
          after: { sha256, mime, size: bytes.byteLength },
        });
        appendOutbox(db, {
          entity: 'attachment',
          entityId: sha256,
          op: 'create',
          baseRevision: 0,
          payload: { sha256, mime, size: bytes.byteLength },
          changedFields: ['mime', 'sha256', 'size'],
          createdAt: at,
          createdBy: user.id,
        });
      })();
      onSaved();
      return ref;
    },

    getPhoto: async ({ sha256 }) => {
      const { db, dek, dataDir } = open();
      const attachment = readAttachment(db, sha256);
      if (attachment === null) throw new AppError('NOT_FOUND', 'There is no such photo.');
      if (attachment.remote) {
        throw new AppError(
          'PHOTO_NOT_DOWNLOADED',
          'This photo is still on the server; it arrives with the next sync.',
        );
      }
      const key = Buffer.from(dek);
      let bytes: Buffer;
      try {
        bytes = await readBlob(dataDir, key, sha256);
      } finally {
        key.fill(0);
      }
      return {
        mime: attachment.mime as 'image/jpeg' | 'image/png' | 'image/webp',
        dataBase64: bytes.toString('base64'),
      };
    },

    verifyAuditLog: () => {
      const { db, dbId } = open();
      return verifyAuditChain(db, dbId);
    },

    getRecordSyncState: ({ id }) => {
      const state = recordSyncState(open().db, id);
      if (state === null) throw new AppError('NOT_FOUND', 'This record does not exist.');
      return state;
    },
  };

  function saved<T>(value: T): T {
    onSaved();
    return value;
  }
}

/**
 * Locations and campaigns: records point at them. Created or updated with their audit entry and
 * outbox row in one transaction, like every change.
 */
function saveReference<T extends { id: string }>(
  { db, dbId, user }: Unlocked,
  entity: 'location' | 'campaign',
  item: T,
  read: (db: Unlocked['db'], id: string) => T | null,
  write: (db: Unlocked['db'], item: T, at: string, by: string, revision: number) => void,
  now: () => Date,
): T {
  const at = now().toISOString();
  const table = entity === 'location' ? 'locations' : 'campaigns';
  db.transaction(() => {
    const before = read(db, item.id);
    requireRecordPermission(user, entity, before === null ? 'create' : 'update');
    const revisions = db
      .prepare(`SELECT revision, server_rev AS serverRev FROM ${table} WHERE id = ?`)
      .get(item.id) as { revision: number; serverRev: number } | undefined;
    write(db, item, at, user.id, (revisions?.revision ?? 0) + 1);
    appendAuditEntry(db, dbId, {
      at,
      userId: user.id,
      action: `${entity}.${before === null ? 'created' : 'updated'}`,
      entity,
      entityId: item.id,
      before,
      after: item,
    });
    appendOutbox(db, {
      entity,
      entityId: item.id,
      op: before === null ? 'create' : 'update',
      baseRevision: revisions?.serverRev ?? 0,
      payload: item,
      changedFields: changedTopLevelFields(entity, before, item),
      createdAt: at,
      createdBy: user.id,
    });
  })();
  return item;
}

function assertReferences(db: Unlocked['db'], draft: IntakeEventDraft): void {
  const issues = [];
  if (draft.locationId !== undefined && readLocation(db, draft.locationId) === null) {
    issues.push({ path: 'locationId', message: 'invalidOption', code: 'custom' });
  }
  if (draft.campaignId !== undefined && readCampaign(db, draft.campaignId) === null) {
    issues.push({ path: 'campaignId', message: 'invalidOption', code: 'custom' });
  }
  // Item ids are unique across the whole database, not only inside one record.
  const ownerOf = db.prepare('SELECT intake_event_id AS owner FROM items WHERE id = ?');
  for (const list of ['weapons', 'parts', 'ammunition', 'explosives'] as const) {
    draft[list].forEach((item, index) => {
      const row = ownerOf.get(item.id) as { owner: string } | undefined;
      if (row !== undefined && row.owner !== draft.id) {
        issues.push({ path: `${list}.${index}.id`, message: 'duplicateId', code: 'custom' });
      }
    });
  }
  const photos = [
    ...draft.photos.map((photo, index) => ({ sha256: photo.sha256, path: `photos.${index}` })),
    // Every item kind may carry photos (a lot's packaging, a grenade's markings), not only weapons.
    ...(['weapons', 'parts', 'ammunition', 'explosives'] as const).flatMap((list) =>
      draft[list].flatMap((item, i) =>
        item.photos.map((photo, index) => ({
          sha256: photo.sha256,
          path: `${list}.${i}.photos.${index}`,
        })),
      ),
    ),
  ];
  const missing = new Set(
    missingAttachments(
      db,
      photos.map((photo) => photo.sha256),
    ),
  );
  for (const photo of photos) {
    if (missing.has(photo.sha256))
      issues.push({ path: photo.path, message: 'photoNotAttached', code: 'custom' });
  }
  if (issues.length > 0)
    throw new AppError(
      'VALIDATION_ERROR',
      'The record refers to something that does not exist.',
      issues,
    );
}

function view(db: Unlocked['db'], id: string): IntakeRecordView {
  const row = readIntake(db, id);
  if (row === null) throw new AppError('NOT_FOUND', 'This record does not exist.');
  return toView(db, row);
}

function toView(db: Unlocked['db'], row: IntakeRow): IntakeRecordView {
  const person = (id: string) => ({ id, name: findUser(db, id)?.name ?? id });
  return {
    event: row.event,
    revision: row.revision,
    status: row.status,
    createdAt: row.createdAt,
    createdBy: person(row.createdBy),
    updatedAt: row.updatedAt,
    updatedBy: person(row.updatedBy),
    finalisedAt: row.finalisedAt,
    finalisedBy: row.finalisedBy === null ? null : person(row.finalisedBy),
    totals: intakeTotals(row.event),
  };
}

function changedFields(before: unknown, after: unknown): string[] {
  // A receipt names the whole record's digest, not fields.
  if (isAuditReceipt(after)) return [];
  const a = (before ?? {}) as Record<string, unknown>;
  const b = (after ?? {}) as Record<string, unknown>;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys]
    .filter((key) => key !== 'revision' && JSON.stringify(a[key]) !== JSON.stringify(b[key]))
    .sort();
}

/**
 * The audit entries in their order, each amendment known only from the server placed before the
 * first entry later than it (entries' times are not sorted: a pulled one has the server's).
 */
function mergeByTime(
  entries: readonly HistoryEntry[],
  unseen: readonly HistoryEntry[],
): HistoryEntry[] {
  const merged: HistoryEntry[] = [];
  let next = 0;
  for (const entry of entries) {
    while (next < unseen.length && Date.parse(unseen[next]!.at) <= Date.parse(entry.at)) {
      merged.push(unseen[next]!);
      next += 1;
    }
    merged.push(entry);
  }
  return [...merged, ...unseen.slice(next)];
}
