import { v7 as uuidv7 } from 'uuid';
import { isHistoricCountHeader } from '../../shared/import/historic-count-import.ts';
import {
  IntakeImportValidator,
  type ImportedEvent,
  type ImportError,
} from '../../shared/import/intake-import.ts';
import { autoMapping } from '../../shared/import/intake-template.ts';
import type { ImportPreview } from '../../shared/ipc/procedures/import.ts';
import { AppError } from '../ipc/app-error.ts';
import type { HandlerTable } from '../ipc/handler-table.ts';
import type { IdleLock } from '../session/idle-lock.ts';
import type { Session, Unlocked } from '../session/session.ts';
import { appendAuditEntry } from '../store/audit-log.ts';
import type { Db } from '../store/encrypted-database.ts';
import { writeIntake } from '../store/intake-repository.ts';
import { listLocations } from '../store/locations-repository.ts';
import { appendOutbox } from '../store/outbox.ts';
import { takeRecordNumber } from '../store/record-numbers.ts';
import { changedTopLevelFields } from '../sync/fields.ts';
import { localContext } from './final-form.ts';
import { rowsOf } from './import-rows.ts';
import { removeStaleStagedFiles, StagedFile, StagingError } from './import-staging.ts';
import { localDateOf } from './local-date.ts';
import { requireRecordPermission } from './permissions.ts';
import { markSerialChecks } from './serial-check-marks.ts';

type ImportHandlers = Pick<
  HandlerTable,
  'beginImport' | 'uploadImportPart' | 'previewImport' | 'confirmImport' | 'cancelImport'
>;

const INTAKE = 'intake_event';
/** Errors shown per column: enough to see the pattern, bounded however broken the file is. */
const errorsPerColumn = 20;

interface PendingImport {
  readonly userId: string;
  readonly fileName: string;
  readonly format: 'csv' | 'xlsx';
  readonly declaredSize: number;
  readonly staged: StagedFile;
  /** The mapping of the last preview: what the person saw and confirms. */
  mapping: Record<string, string> | null;
}

class UnreadableFile extends Error {}

interface CheckedFile {
  readonly fileName: string;
  readonly sha256: string;
  readonly mapping: Record<string, string>;
}

/**
 * Reads and checks the whole file; `onEvent` gets each event that passes. The checker holds one
 * event at a time (its rows follow each other), so checking does not grow with the file.
 */
function checkFile(
  db: Db,
  pending: CheckedFile,
  rows: Iterable<string[]>,
  importedAt: Date,
  onEvent: (event: ImportedEvent) => void,
): Omit<ImportPreview, 'token'> {
  const locations = listLocations(db);
  const byName = new Map(locations.map((l) => [l.name.trim().toLowerCase(), l.id]));
  const ids = new Set(locations.map((l) => l.id));
  const validator = new IntakeImportValidator({
    mapping: pending.mapping,
    resolveLocation: (text) => (ids.has(text) ? text : byName.get(text.trim().toLowerCase())),
    context: localContext(db, importedAt),
    newId: uuidv7,
    provenance: {
      fileName: pending.fileName,
      sha256: pending.sha256,
      importedAt: importedAt.toISOString(),
    },
  });
  let headers: string[] | null = null;
  let rowCount = 0;
  let eventCount = 0;
  let itemCount = 0;
  let errorCount = 0;
  const errorsByColumn: Record<string, number> = {};
  const errors: ImportError[] = [];
  const keep = (found: readonly ImportError[]) => {
    for (const error of found) {
      errorCount += 1;
      const count = (errorsByColumn[error.column] ?? 0) + 1;
      errorsByColumn[error.column] = count;
      if (count <= errorsPerColumn) errors.push(error);
    }
  };
  const take = (events: readonly ImportedEvent[]) => {
    for (const imported of events) {
      eventCount += 1;
      const { weapons, parts, ammunition, explosives } = imported.event;
      itemCount += weapons.length + parts.length + ammunition.length + explosives.length;
      onEvent(imported);
    }
    keep(validator.takeErrors());
  };
  let row = 0;
  for (const cells of rows) {
    row += 1;
    if (headers === null) {
      headers = cells.map((cell) => cell.trim());
      keep(validator.start(headers));
      continue;
    }
    rowCount += 1;
    take(validator.addRow(row, cells));
  }
  take(validator.finish());
  errors.sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
  return {
    headers: headers ?? [],
    mapping: pending.mapping,
    rowCount,
    eventCount,
    itemCount,
    errorCount,
    errorsByColumn,
    errors,
  };
}

/**
 * Import of intake events (issue 15). Only people who may create intake records may import. The
 * file arrives in parts and is kept encrypted under a token (import-staging.ts); the preview reads
 * and checks it as a stream; confirm checks it again (places or the clock may have changed) and
 * writes every event, final, in ONE transaction with its record number, audit entry and outbox
 * row, attributed to the importing person; one bad row anywhere and nothing is stored. Locking
 * the app, or leaving the page, discards the file.
 */
export function importHandlers(
  session: Session,
  idle: IdleLock,
  now: () => Date = () => new Date(),
  onSaved: () => void = () => undefined,
): ImportHandlers {
  const pending = new Map<string, PendingImport>();
  const discard = (token: string) => {
    pending.get(token)?.staged.discard();
    pending.delete(token);
  };
  session.onChange(() => {
    if (session.state.kind !== 'unlocked') for (const token of [...pending.keys()]) discard(token);
  });
  const open = (): Unlocked => {
    idle.touch();
    return session.requireUnlocked();
  };
  const pendingFor = (token: string, userId: string): PendingImport => {
    const found = pending.get(token);
    if (found === undefined || found.userId !== userId) {
      throw new AppError('NOT_FOUND', 'This import is no longer open; choose the file again.');
    }
    return found;
  };
  const unreadable = () =>
    new AppError('VALIDATION_ERROR', 'This file cannot be read as CSV or XLSX.', [
      { path: 'token', message: 'unreadableFile', code: 'custom' },
    ]);
  /** The staged file's rows; a failure to read them (not CSV, not XLSX) is UnreadableFile. */
  const rowsOfEntry = (entry: PendingImport): Iterable<string[]> => ({
    *[Symbol.iterator]() {
      try {
        yield* rowsOf(entry.format, () => entry.staged.chunks());
      } catch (error) {
        throw new UnreadableFile('The file cannot be read.', { cause: error });
      }
    },
  });

  return {
    beginImport: ({ fileName, format, size }) => {
      const { user, dataDir } = open();
      requireRecordPermission(user, INTAKE, 'create');
      // One open import per person: a new file replaces the one not confirmed.
      for (const [token, value] of pending) if (value.userId === user.id) discard(token);
      removeStaleStagedFiles(dataDir, new Set([...pending.values()].map((p) => p.staged.file)));
      const token = uuidv7();
      pending.set(token, {
        userId: user.id,
        fileName,
        format,
        declaredSize: size,
        staged: new StagedFile(dataDir),
        mapping: null,
      });
      return { token };
    },

    uploadImportPart: ({ token, offset, dataBase64 }) => {
      const { user } = open();
      const entry = pendingFor(token, user.id);
      const bytes = Buffer.from(dataBase64, 'base64');
      if (offset + bytes.length > entry.declaredSize) {
        throw new AppError('VALIDATION_ERROR', 'The file is longer than it said it was.', [
          { path: 'dataBase64', message: 'tooLong', code: 'custom' },
        ]);
      }
      try {
        entry.staged.append(offset, bytes);
      } catch (error) {
        if (!(error instanceof StagingError)) throw error;
        throw new AppError('VALIDATION_ERROR', error.message, [
          { path: 'offset', message: 'outOfOrder', code: 'custom' },
        ]);
      }
      if (entry.staged.size === entry.declaredSize) entry.staged.finish();
      return { received: entry.staged.size };
    },

    previewImport: ({ token, mapping }) => {
      const { db, user } = open();
      requireRecordPermission(user, INTAKE, 'create');
      const entry = pendingFor(token, user.id);
      if (!entry.staged.complete) {
        throw new AppError('VALIDATION_ERROR', 'The file has not arrived whole; choose it again.', [
          { path: 'token', message: 'incomplete', code: 'custom' },
        ]);
      }
      let headers: string[] = [];
      try {
        for (const first of rowsOfEntry(entry)) {
          headers = first.map((cell) => cell.trim());
          break;
        }
      } catch (error) {
        if (error instanceof UnreadableFile) throw unreadable();
        throw error;
      }
      // A file of historic counts is not records: said plainly, rather than as a missing column.
      if (isHistoricCountHeader(headers)) {
        throw new AppError(
          'VALIDATION_ERROR',
          'This file holds historic counts, not records: import it under Historic counts.',
          [{ path: 'token', message: 'historicCountsFile', code: 'custom' }],
        );
      }
      const checking: CheckedFile = {
        fileName: entry.fileName,
        sha256: entry.staged.sha256,
        mapping: mapping ?? autoMapping(headers),
      };
      // A file that is not CSV at all (an unclosed quote, a renamed document) fails while it is
      // checked; it stays open, but cannot be confirmed.
      let preview: Omit<ImportPreview, 'token'>;
      try {
        preview = checkFile(db, checking, rowsOfEntry(entry), now(), () => undefined);
      } catch (error) {
        entry.mapping = null;
        if (error instanceof UnreadableFile) throw unreadable();
        throw error;
      }
      entry.mapping = checking.mapping;
      return { token, ...preview };
    },

    confirmImport: async ({ token }) => {
      const { db, dbId, user } = open();
      requireRecordPermission(user, INTAKE, 'create');
      requireRecordPermission(user, INTAKE, 'finalise');
      const entry = pendingFor(token, user.id);
      const mapping = entry.mapping;
      if (mapping === null) {
        throw new AppError('VALIDATION_ERROR', 'Check the file before importing it.', [
          { path: 'token', message: 'notChecked', code: 'custom' },
        ]);
      }
      const importedAt = now();
      const at = importedAt.toISOString();
      const checking: CheckedFile = {
        fileName: entry.fileName,
        sha256: entry.staged.sha256,
        mapping,
      };
      const rows = rowsOfEntry(entry);
      const records: { id: string; recordNumber?: string }[] = [];
      // One transaction, checking and writing event by event as the file is read: memory holds
      // one event, and any error anywhere (even on the last row) rolls every write back.
      const write = db.transaction(() => {
        const result = checkFile(db, checking, rows, importedAt, ({ event: checkedEvent }) => {
          const recordNumber = takeRecordNumber(db);
          // Imported serials are checked as typed ones are: a register's weapon seen before, or
          // on a watch list, is flagged on its record (and against the file's earlier events).
          const weapons = markSerialChecks(db, checkedEvent.weapons, undefined, {
            on: localDateOf(importedAt),
            by: user.id,
            intakeEventId: checkedEvent.id,
          });
          const event = { ...checkedEvent, weapons, recordNumber };
          writeIntake(db, {
            event,
            revision: 1,
            status: 'final',
            createdAt: at,
            createdBy: user.id,
            updatedAt: at,
            updatedBy: user.id,
            finalisedAt: at,
            finalisedBy: user.id,
          });
          appendAuditEntry(db, dbId, {
            at,
            userId: user.id,
            action: 'intake.imported',
            entity: INTAKE,
            entityId: event.id,
            before: null,
            after: event,
          });
          appendOutbox(db, {
            entity: INTAKE,
            entityId: event.id,
            op: 'create',
            baseRevision: 0,
            payload: event,
            changedFields: changedTopLevelFields(INTAKE, null, event),
            createdAt: at,
            createdBy: user.id,
          });
          // The server creates every record as a draft; the finalise follows, as for a typed one.
          appendOutbox(db, {
            entity: INTAKE,
            entityId: event.id,
            op: 'finalise',
            baseRevision: 0,
            payload: event,
            changedFields: changedTopLevelFields(INTAKE, null, event),
            createdAt: at,
            createdBy: user.id,
          });
          if (records.length < 100) records.push({ id: event.id, recordNumber });
        });
        if (result.errorCount > 0 || result.eventCount === 0) {
          throw new AppError(
            'VALIDATION_ERROR',
            'The file has errors; nothing was imported. Correct them and choose the file again.',
            result.errors.slice(0, 50).map((error) => ({
              path: `${error.row}.${error.column}`,
              message: error.message,
              code: 'custom',
            })),
          );
        }
        return result;
      });
      let checked: ReturnType<typeof write>;
      try {
        checked = write();
      } catch (error) {
        if (error instanceof UnreadableFile) throw unreadable();
        throw error;
      }
      discard(token);
      onSaved();
      return { eventCount: checked.eventCount, itemCount: checked.itemCount, records };
    },

    cancelImport: ({ token }) => {
      const { user } = open();
      pendingFor(token, user.id);
      discard(token);
      return { ok: true as const };
    },
  };
}
