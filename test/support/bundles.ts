import { existsSync } from 'node:fs';
import path from 'node:path';
import { build } from 'vite';
import { mainBuildDir, projectDir, rendererBuildDir } from './project.ts';

const targets = [
  { config: 'vite.main.config.ts', output: path.join(mainBuildDir, 'main.cjs') },
  {
    config: 'vite.pull-worker.config.ts',
    output: path.join(mainBuildDir, 'pull-page-worker.cjs'),
  },
  { config: 'vite.preload.config.ts', output: path.join(mainBuildDir, 'preload.cjs') },
  { config: 'vite.renderer.config.ts', output: path.join(rendererBuildDir, 'index.html') },
];

/** Builds whichever of the bundles is missing (`npm test` has built them all already). */
export async function ensureBundlesBuilt(): Promise<void> {
  for (const target of targets) {
    if (existsSync(target.output)) continue;
    await build({ configFile: path.join(projectDir, target.config), logLevel: 'warn' });
  }
}
