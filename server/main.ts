import { runAdminCommand } from './cli/admin-commands.ts';
import { openDatabase } from './db/open-database.ts';
import { buildServer } from './http/build-server.ts';
import { readServerConfig } from './server-config.ts';

/**
 * `npm run server` starts the sync API; `npm run server -- <command>` runs an admin command
 * against the same storage (see cli/admin-commands.ts) and exits.
 */
async function main(argv: readonly string[]): Promise<number> {
  const config = readServerConfig(process.env);
  const [command, ...args] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    const { adminUsage } = await import('./cli/admin-commands.ts');
    console.log(adminUsage.join('\n'));
    return 0;
  }
  const db = await openDatabase(config);
  if (command !== undefined) {
    try {
      const result = await runAdminCommand(db, config, command, args);
      (result.ok ? console.log : console.error)(result.lines.join('\n'));
      return result.ok ? 0 : 1;
    } finally {
      await db.close();
    }
  }

  const app = await buildServer({ config, db, log: true });
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    try {
      await app.close();
    } finally {
      await db.close();
      process.exit(0);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  const address = await app.listen({ host: config.host, port: config.port });
  const storage = config.databaseUrl === undefined ? `PGlite in ${config.dataDir}` : 'PostgreSQL';
  console.log(`SALW Field sync API listening on ${address} (${storage})`);
  return -1;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
