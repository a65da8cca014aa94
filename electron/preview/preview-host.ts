import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createStderrLogger } from '../logging/logger.ts';
import { startPreview } from './start-preview.ts';

/**
 * `npm run preview -- --data-dir DIR --port N`: the app in a browser, for machines without
 * Electron. Listens on 127.0.0.1 only; prints the URL (with this run's token) on stdout.
 */
const projectDir = path.resolve(import.meta.dirname, '..', '..');
const usage = `Usage: npm run preview -- [--data-dir DIR] [--port N]
  --data-dir DIR  where the preview keeps its data (default: ~/.salw-field-preview)
  --port N        port on 127.0.0.1 (default: a free port)`;

function parseOptions(argv: string[]): { dataDir: string; port: number } {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help === true) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a whole number from 0 to 65535, not "${values.port}".`);
  }
  const dataDir = path.resolve(
    values['data-dir'] ?? path.join(os.homedir(), '.salw-field-preview'),
  );
  return { dataDir, port };
}

async function main(): Promise<void> {
  let options: { dataDir: string; port: number };
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${usage}\n`);
    process.exit(2);
  }
  const preview = await startPreview({
    ...options,
    projectDir,
    rendererDir: path.join(projectDir, '.vite', 'renderer', 'main_window'),
    log: createStderrLogger(),
  });
  process.stdout.write(
    [
      'SALW Field browser preview',
      `  Open:  ${preview.url}`,
      `  Data:  ${preview.dataDir}`,
      '  Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    preview.stop().then(
      () => {
        process.stdout.write(`Preview stopped (${signal}).\n`);
        process.exit(0);
      },
      (error: unknown) => {
        process.stderr.write(`Preview did not stop cleanly: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`The preview could not start: ${(error as Error).message}\n`);
  process.exit(1);
});
