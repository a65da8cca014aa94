import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  DataDirLockedError,
  hasPgliteData,
  lockHolders,
  NoServerDataError,
} from '../db/data-dir-lock.ts';
import { configuredConsoleUrl, createMailer } from '../console/mailer.ts';
import { openDatabase } from '../db/open-database.ts';
import { filesDirOf, type ServerConfig } from '../server-config.ts';
import { connectToRunningServer } from './admin-client.ts';
import { localAdminOperations, type AdminOperations } from './admin-operations.ts';

export interface OpenAdminOptions {
  /** How long to wait for a server that holds the data but is still starting. */
  readonly startingServerWaitMs?: number;
  /** Said once when waiting for a starting server. */
  readonly note?: (line: string) => void;
}

/**
 * Where an admin command runs: in the server running on this data dir when one answers there,
 * else on the data itself. With PGlite that open takes the data-dir lock, so a server that holds
 * the directory is never shared: if it is still starting (migrations, a first run's set-up), the
 * command waits for its admin endpoint; otherwise the refusal says who holds it.
 */
export async function openAdminOperations(
  config: ServerConfig,
  options: OpenAdminOptions = {},
): Promise<AdminOperations> {
  const running = await connectToRunningServer(config.dataDir);
  if (running !== null) return running;
  // Never a new, empty server database: a code or a revocation would go where no server looks.
  if (config.databaseUrl === undefined && !hasPgliteData(config.dataDir)) {
    throw new NoServerDataError(config.dataDir);
  }
  try {
    const db = await openDatabase(config, lockHolders.adminCommand);
    options.note?.(
      config.databaseUrl === undefined
        ? `No server is running on ${path.resolve(config.dataDir)}; the command opened its data itself.`
        : `No server answers from ${path.resolve(config.dataDir)}; the command used PostgreSQL directly.`,
    );
    return localAdminOperations(db, {
      enrollmentCodeMinutes: config.enrollmentCodeMinutes,
      filesDir: filesDirOf(config),
      mailer: createMailer({
        smtpUrl: config.smtpUrl,
        from: config.mailFrom,
        warn: (line) => console.warn(line),
      }),
      consoleUrl: configuredConsoleUrl(config),
      onClose: () => db.close(),
    });
  } catch (error) {
    if (!(error instanceof DataDirLockedError) || error.holder?.what !== lockHolders.server)
      throw error;
    options.note?.(
      `The server (process ${String(error.holder.pid)}) is starting; waiting for it to answer…`,
    );
    const until = Date.now() + (options.startingServerWaitMs ?? 60_000);
    while (Date.now() < until) {
      await sleep(250);
      const started = await connectToRunningServer(config.dataDir);
      if (started !== null) return started;
    }
    throw error;
  }
}
