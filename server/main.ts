import { setTimeout as sleep } from 'node:timers/promises';
import {
  adminUsage,
  consistencyLines,
  parseAdminCommand,
  restoreLines,
  runAdminCommand,
} from './cli/admin-commands.ts';
import { DataDirLockedError, lockHolders } from './db/data-dir-lock.ts';
import type { Database } from './db/database.ts';
import { openDatabase } from './db/open-database.ts';
import { filesDirOf, readServerConfig, type ServerConfig } from './server-config.ts';

/**
 * `npm run server` starts the sync API (and its admin endpoint); `npm run server -- <command>`
 * runs an admin command, in the running server when one runs on the same data dir, and exits.
 * Each path imports what it uses when it runs: a command does not load the HTTP server, the
 * console and their dependencies (seconds on a small machine), and a mistyped one is refused
 * before anything heavy is loaded.
 */
async function main(argv: readonly string[]): Promise<number> {
  const config = readServerConfig(process.env);
  const [command, ...args] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    console.log(adminUsage.join('\n'));
    return 0;
  }
  if (command !== undefined) {
    const parsed = parseAdminCommand(command, args, process.env);
    if (parsed.kind === 'invalid') {
      console.error(parsed.result.lines.join('\n'));
      return 1;
    }
    if (parsed.kind === 'check') {
      const { checkPgliteConsistency } = await import('./db/pglite-consistency.ts');
      if (config.databaseUrl !== undefined) {
        console.error('check reads the PGlite data; on PostgreSQL use its own pg_amcheck.');
        return 1;
      }
      const result = consistencyLines(config.dataDir, await checkPgliteConsistency(config.dataDir));
      (result.ok ? console.log : console.error)(result.lines.join('\n'));
      return result.ok ? 0 : 1;
    }
    if (parsed.kind === 'restore') {
      const { BackupError } = await import('./backup/backup-format.ts');
      const { restoreBackup } = await import('./backup/restore-backup.ts');
      try {
        const summary = await restoreBackup(config, parsed.file, { replace: parsed.replace });
        console.log(restoreLines(parsed.file, summary).lines.join('\n'));
        return 0;
      } catch (error) {
        if (!(error instanceof BackupError)) throw error;
        console.error(error.message);
        return 1;
      }
    }
    const { openAdminOperations } = await import('./admin/open-admin-operations.ts');
    const operations = await openAdminOperations(config, {
      note: (line) => console.error(line),
    });
    try {
      const result = await runAdminCommand(operations, parsed);
      (result.ok ? console.log : console.error)(result.lines.join('\n'));
      return result.ok ? 0 : 1;
    } finally {
      await operations.close();
    }
  }

  const { buildServer, serverMailer } = await import('./http/build-server.ts');
  const { EventStreams } = await import('./http/event-streams.ts');
  const { startAdminEndpoint } = await import('./admin/admin-endpoint.ts');
  const { localAdminOperations } = await import('./admin/admin-operations.ts');
  const { configuredConsoleUrl } = await import('./console/mailer.ts');
  // Refused here, before anything is opened, when another server holds a PGlite data dir.
  const db = await openServerDatabase(config);
  const streams = new EventStreams();
  const app = await buildServer({ config, db, log: true, streams });
  const admin = await startAdminEndpoint(
    localAdminOperations(db, {
      enrollmentCodeMinutes: config.enrollmentCodeMinutes,
      filesDir: filesDirOf(config),
      streams,
      mailer: serverMailer(config, app),
      consoleUrl: configuredConsoleUrl(config),
    }),
    config.dataDir,
  );
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    try {
      await admin.close();
      await app.close();
    } finally {
      await db.close();
      app.log.info('stopped');
      process.exit(0);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  const address = await app.listen({ host: config.host, port: config.port });
  const storage = config.databaseUrl === undefined ? `PGlite in ${config.dataDir}` : 'PostgreSQL';
  console.log(`SALW Field sync API listening on ${address} (${storage})`);
  console.log(`Web console: ${config.publicUrl ?? `${address}/console/`}`);
  return -1;
}

/**
 * The server's database. An admin command or a check holding the PGlite data ends by itself in a
 * few seconds: the server waits for it (saying so) instead of refusing to start; another server
 * holding it is refused at once.
 */
async function openServerDatabase(config: ServerConfig): Promise<Database> {
  const until = Date.now() + 60_000;
  let said = false;
  for (;;) {
    try {
      return await openDatabase(config);
    } catch (error) {
      const shortLived =
        error instanceof DataDirLockedError &&
        error.holder !== null &&
        error.holder.what !== lockHolders.server;
      if (!shortLived || Date.now() > until) throw error;
      if (!said) {
        console.error(
          `The data directory is in use by ${error.holder.what} (process ${String(error.holder.pid)}); waiting for it to end…`,
        );
        said = true;
      }
      await sleep(250);
    }
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    // Refusals (the data dir in use, an endpoint that did not answer) are said plainly.
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
