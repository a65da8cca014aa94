import { v7 as uuidv7 } from 'uuid';
import type { ExportJob, ExportOptions } from '../../shared/ipc/procedures/exports.ts';
import { ExportFile } from '../exports/byte-sink.ts';
import type { ExportDestination } from '../exports/export-destination.ts';
import { ExportCancelled, runExport } from '../exports/run-export.ts';
import { AppError } from '../ipc/app-error.ts';
import type { HandlerTable } from '../ipc/handler-table.ts';
import type { IdleLock } from '../session/idle-lock.ts';
import type { Session, Unlocked } from '../session/session.ts';
import { appendAuditEntry } from '../store/audit-log.ts';
import { readBlob } from '../store/blob-store.ts';
import { databasePath } from '../store/device-database.ts';
import { openEncryptedDatabase } from '../store/encrypted-database.ts';
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
    const file = new ExportFile(job.view.path);
    const snapshot = openEncryptedDatabase(databasePath(unlocked.dataDir), unlocked.dek, {
      create: false,
    });
    try {
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
          includePersonalData: options.includePersonalData,
          includePhotos: options.includePhotos,
          rows: summary.rows,
          photos: summary.photos,
        },
      });
      file.complete();
      job.view = { ...job.view, state: 'done', ...summary };
    } catch (error) {
      file.abandon();
      job.view =
        error instanceof ExportCancelled
          ? { ...job.view, state: 'cancelled' }
          : {
              ...job.view,
              state: 'failed',
              error:
                (error as NodeJS.ErrnoException).code === 'ENOSPC'
                  ? 'The disk is full; nothing was written.'
                  : 'The export could not be written; nothing was kept.',
            };
    } finally {
      if (snapshot.inTransaction) snapshot.exec('COMMIT');
      snapshot.close();
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
