import { existsSync } from 'node:fs';
import path from 'node:path';
import { build } from 'vite';
import { projectDir } from './project.ts';

export const consoleBuildDir = path.join(projectDir, '.vite', 'console');

/**
 * The console's tests drive its production build, as the server serves it. `npm test` builds it
 * (npm run build); running the renderer tier alone builds it here when it is missing.
 */
export default async function setup(): Promise<void> {
  if (existsSync(path.join(consoleBuildDir, 'index.html'))) return;
  await build({ configFile: path.join(projectDir, 'vite.console.config.ts'), logLevel: 'warn' });
}
