import { createHash } from 'node:crypto';
import { CsvError } from 'csv-parse';
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
import { localDateOf } from './local-date.ts';
import { requireRecordPermission } from './permissions.ts';
import { markSerialChecks } from './serial-check-marks.ts';

type ImportHandlers = Pick<HandlerTable, 'previewImport' | 'confirmImport' | 'cancelImport'>;

const INTAKE = 'intake_event';
/** Errors shown per column: enough to see the pattern, bounded however broken the file is. */
const errorsPerColumn = 20;

interface PendingImport {
  readonly userId: string;
  readonly fileName: string;
  readonly format: 'csv' | 'xlsx';
  readonly bytes: Buffer;
  readonly sha256: string;
  readonly mapping: Record<string, string>;
}

/**
 * Reads and checks the whole file; `onEvent` gets each event that passes. The checker holds one
 * event at a time (its rows follow each other), so checking does not grow with the file.
 */
function checkFile(
  db: Db,
  pending: PendingImport,
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
 * preview checks the file and keeps it, in memory, under a token; confirm checks it again (places
 * or the clock may have changed) and writes every event, final, in ONE transaction with its
 * record number, audit entry and outbox row, attributed to the importing person; one bad row
 * anywhere and nothing is stored.
 */
export function importHandlers(
  session: Session,
  idle: IdleLock,
  now: () => Date = () => new Date(),
  onSaved: () => void = () => undefined,
): ImportHandlers {
  const pending = new Map<string, PendingImport>();
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

  return {
    previewImport: async ({ fileName, format, dataBase64, mapping }) => {
      const { db, user } = open();
      requireRecordPermission(user, INTAKE, 'create');
      const bytes = Buffer.from(dataBase64, 'base64');
      const unreadable = () =>
        new AppError('VALIDATION_ERROR', 'This file cannot be read as CSV or XLSX.', [
          { path: 'dataBase64', message: 'unreadableFile', code: 'custom' },
        ]);
      let headers: string[] = [];
      let rows: Iterable<string[]>;
      try {
        rows = await rowsOf(format, bytes);
        for (const first of rows) {
          headers = first.map((cell) => cell.trim());
          break;
        }
      } catch {
        throw unreadable();
      }
      // A file of historic counts is not records: said plainly, rather than as a missing column.
      if (isHistoricCountHeader(headers)) {
        throw new AppError(
          'VALIDATION_ERROR',
          'This file holds historic counts, not records: import it under Historic counts.',
          [{ path: 'dataBase64', message: 'historicCountsFile', code: 'custom' }],
        );
      }
      const token = uuidv7();
      const entry: PendingImport = {
        userId: user.id,
        fileName,
        format,
        bytes,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        mapping: mapping ?? autoMapping(headers),
      };
      // A file that is not CSV at all (an unclosed quote, a renamed document) fails while it is
      // checked, before it is kept.
      let preview: Omit<ImportPreview, 'token'>;
      try {
        preview = checkFile(db, entry, rows, now(), () => undefined);
      } catch (error) {
        if (error instanceof CsvError) throw unreadable();
        throw error;
      }
      // One open import per person: a new file replaces the one not confirmed.
      for (const [other, value] of pending) if (value.userId === user.id) pending.delete(other);
      pending.set(token, entry);
      return { token, ...preview };
    },

    confirmImport: async ({ token }) => {
      const { db, dbId, user } = open();
      requireRecordPermission(user, INTAKE, 'create');
      requireRecordPermission(user, INTAKE, 'finalise');
      const entry = pendingFor(token, user.id);
      const importedAt = now();
      const at = importedAt.toISOString();
      const rows = await rowsOf(entry.format, entry.bytes);
      const records: { id: string; recordNumber?: string }[] = [];
      // One transaction, checking and writing event by event as the file is read: memory holds
      // one event, and any error anywhere (even on the last row) rolls every write back.
      const checked = db.transaction(() => {
        const result = checkFile(db, entry, rows, importedAt, ({ event: checkedEvent }) => {
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
      })();
      pending.delete(token);
      onSaved();
      return { eventCount: checked.eventCount, itemCount: checked.itemCount, records };
    },

    cancelImport: ({ token }) => {
      const { user } = open();
      pendingFor(token, user.id);
      pending.delete(token);
      return { ok: true as const };
    },
  };
}
