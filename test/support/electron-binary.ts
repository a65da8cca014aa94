import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { projectDir } from './project.ts';

export type ElectronBinary = { found: true; path: string } | { found: false; reason: string };

/**
 * Finds the Electron binary WITHOUT loading the `electron` package: its entry point starts a
 * download when the binary is missing. Looks where the package itself would: ELECTRON_OVERRIDE_DIST_PATH,
 * else node_modules/electron/path.txt naming a file under node_modules/electron/dist.
 */
export function findElectronBinary(env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  const packageDir = path.join(projectDir, 'node_modules', 'electron');
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return {
      found: false,
      reason: `no Electron binary: ${path.relative(projectDir, pathFile)} is missing (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1 or offline)`,
    };
  }
  const relative = readFileSync(pathFile, 'utf8').trim();
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? path.join(override, relative) : path.join(packageDir, 'dist', relative);
  if (!existsSync(binary)) return { found: false, reason: `no Electron binary at ${binary}` };
  return { found: true, path: binary };
}
