import { existsSync } from 'node:fs';
import path from 'node:path';
import { build } from 'vite';
import { projectDir, rendererBuildDir } from './project.ts';

/**
 * The renderer tier tests the production build, as a user gets it. `npm test` builds it first;
 * running this tier alone builds it here when it is missing.
 */
export default async function setup(): Promise<void> {
  if (existsSync(path.join(rendererBuildDir, 'index.html'))) return;
  await build({ configFile: path.join(projectDir, 'vite.renderer.config.ts'), logLevel: 'warn' });
}
