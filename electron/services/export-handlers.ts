import { v7 as uuidv7 } from 'uuid';
import type {
  ExportFailure,
  ExportJob,
  ExportOptions,
} from '../../shared/ipc/procedures/exports.ts';
import { ExportFile } from '../exports/byte-sink.ts';
import type { ExportDestination } from '../exports/export-destination.ts';
import { exportFailureOf } from '../exports/export-failure.ts';
import { ExportCancelled, runExport } from '../exports/run-export.ts';
import { AppError } from '../ipc/app-error.ts';
import type { HandlerTable } from '../ipc/handler-table.ts';
import type { IdleLock } from '../session/idle-lock.ts';
import type { Session, Unlocked } from '../session/session.ts';
import { appendAuditEntry } from '../store/audit-log.ts';
import { readBlob } from '../store/blob-store.ts';
import { databasePath } from '../store/device-database.ts';
import { openEncryptedDatabase, type Db } from '../store/encrypted-database.ts';
import { requirePersonalDataExporter } from './permissions.ts';

type ExportHandlers = Pick<HandlerTable, 'startExport' | 'getExport' | 'cancelExport'>;

const extensionOf = { xlsx: 'xlsx', csv_zip: 'zip', geojson: 'geojson' } as const;

interface Job {
  view: ExportJob;
  readonly userId: string;
  cancel: boolean;
}

/** "salw-export-2026-12-06.xlsx": what the save dialog offers. */
function suggestedName(options: ExportOptions, now: Date): string {
  return `salw-export-${now.toISOString().slice(0, 10)}.${extensionOf[options.format]}`;
}

/**
 * Exports (issue 16). Any person may export what their laptop holds; personal data only a team
 * lead or an administrator (checked here, whatever the page sends). The export reads a snapshot
 * of the store through a connection of its own, writes where the person chose as it goes, and is
 * recorded in the audit log when written (who, what, when, how many rows); a cancelled or failed
 * export leaves no file. Locking the app cancels a running export.
 */
export function exportHandlers(
  session: Session,
  idle: IdleLock,
  destination: ExportDestination,
  now: () => Date = () => new Date(),
): ExportHandlers {
  const jobs = new Map<string, Job>();
  session.onChange(() => {
    if (session.state.kind !== 'unlocked') for (const job of jobs.values()) job.cancel = true;
  });
  const open = (): Unlocked => {
    idle.touch();
    return session.requireUnlocked();
  };
  const jobFor = (jobId: string, userId: string): Job => {
    const job = jobs.get(jobId);
    if (job === undefined || job.userId !== userId) {
      throw new AppError('NOT_FOUND', 'This export is not known; start it again.');
    }
    return job;
  };

  const run = async (job: Job, unlocked: Unlocked, options: ExportOptions) => {
    let file: ExportFile | null = null;
    let snapshot: Db | null = null;
    let recorded = false;
    try {
      // Opening the file is where a folder that refuses it is found out: a failed export, told
      // to the page like any other (it used to escape as a rejection, the job "running" forever).
      file = new ExportFile(job.view.path);
      snapshot = openEncryptedDatabase(databasePath(unlocked.dataDir), unlocked.dek, {
        create: false,
      });
      snapshot.exec('BEGIN');
      const summary = await runExport(snapshot, file, {
        options,
        readPhoto: (sha256) => readBlob(unlocked.dataDir, unlocked.dek, sha256).catch(() => null),
        onProgress: ({ done, total }) => {
          job.view = { ...job.view, done, total };
        },
        cancelled: () => job.cancel,
      });
      // Recorded before the file takes its name: an export the audit log does not know of (the
      // app locked as it ended) is abandoned, not left behind.
      const { db, dbId } = session.requireUnlocked();
      appendAuditEntry(db, dbId, {
        at: now().toISOString(),
        userId: job.userId,
        action: 'export.written',
        entity: 'export',
        entityId: job.view.jobId,
        before: null,
        after: {
          format: options.format,
          fileName: job.view.fileName,
          finalOnly: options.finalOnly,
          ...(options.reviewState === undefined ? {} : { reviewState: options.reviewState }),
          includePersonalData: options.includePersonalData,
          includePhotos: options.includePhotos,
          rows: summary.rows,
          photos: summary.photos,
        },
      });
      recorded = true;
      file.complete();
      job.view = { ...job.view, state: 'done', ...summary };
    } catch (error) {
      try {
        file?.abandon();
      } catch {
        // What was written could not be removed; it keeps its ".part" name, never the file's.
      }
      const failure = exportFailureOf(error);
      if (recorded) recordAbandoned(job, failure);
      job.view =
        error instanceof ExportCancelled
          ? { ...job.view, state: 'cancelled' }
          : { ...job.view, state: 'failed', failure };
    } finally {
      if (snapshot?.inTransaction === true) snapshot.exec('COMMIT');
      snapshot?.close();
    }
  };

  /**
   * The file could not take its name after `export.written` was recorded (the file open in
   * another program, the drive gone): the log says so, and that nothing was kept.
   */
  const recordAbandoned = (job: Job, failure: ExportFailure) => {
    try {
      const { db, dbId } = session.requireUnlocked();
      appendAuditEntry(db, dbId, {
        at: now().toISOString(),
        userId: job.userId,
        action: 'export.abandoned',
        entity: 'export',
        entityId: job.view.jobId,
        before: null,
        after: { fileName: job.view.fileName, failure },
      });
    } catch {
      // Locked meanwhile: the file was not kept either way.
    }
  };

  return {
    startExport: async (options) => {
      const unlocked = open();
      const { user } = unlocked;
      if (options.includePersonalData) requirePersonalDataExporter(user);
      const chosen = await destination.choose(suggestedName(options, now()));
      if (chosen === null) return null;
      const jobId = uuidv7();
      const job: Job = {
        userId: user.id,
        cancel: false,
        view: {
          jobId,
          state: 'running',
          fileName: chosen.split(/[\\/]/).at(-1) ?? chosen,
          path: chosen,
          done: 0,
          total: 0,
          rows: {},
          draftsLeftOut: 0,
          photos: 0,
        },
      };
      jobs.set(jobId, job);
      void run(job, unlocked, options);
      return job.view;
    },

    getExport: ({ jobId }) => {
      const { user } = open();
      return jobFor(jobId, user.id).view;
    },

    cancelExport: ({ jobId }) => {
      const { user } = open();
      const job = jobFor(jobId, user.id);
      job.cancel = true;
      return job.view;
    },
  };
}
