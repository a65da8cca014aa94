import { app } from 'electron';
import type { AppEnvironment } from '../services/app-info-service.ts';

/**
 * Where data lives: `--data-dir` / SALW_DATA_DIR when given (tests, portable installs), else
 * Electron's per-user folder. Must be settled before `ready`, because Chromium writes there too.
 */
export function resolveDataDirectory(argv: readonly string[], env: NodeJS.ProcessEnv): string {
  const flag = argv.find((arg) => arg.startsWith('--data-dir='));
  const chosen = flag?.slice('--data-dir='.length) ?? env.SALW_DATA_DIR;
  if (chosen !== undefined && chosen !== '') app.setPath('userData', chosen);
  return app.getPath('userData');
}

export function electronEnvironment(dataDirectory: string): AppEnvironment {
  return {
    name: app.getName(),
    version: app.getVersion(),
    dataDirectory,
    platform: process.platform,
    arch: process.arch,
    runtime: {
      kind: 'electron',
      electron: process.versions.electron ?? 'unknown',
      chrome: process.versions.chrome ?? 'unknown',
      node: process.versions.node,
    },
  };
}
