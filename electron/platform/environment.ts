import path from 'node:path';
import { app } from 'electron';
import { dataDirectoryOverride } from '../services/data-directory.ts';
import type { AppEnvironment } from '../services/app-info-service.ts';

/** Must run before `ready`, because Chromium writes its own files into userData too. */
export function resolveDataDirectory(argv: readonly string[], env: NodeJS.ProcessEnv): string {
  const chosen = dataDirectoryOverride(argv, env);
  if (chosen !== undefined) app.setPath('userData', path.resolve(chosen));
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
