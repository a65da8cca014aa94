import path from 'node:path';

/** Paths every tier needs, resolved from this file so tests run from any working directory. */
export const projectDir = path.resolve(import.meta.dirname, '..', '..');
export const rendererBuildDir = path.join(projectDir, '.vite', 'renderer', 'main_window');
export const mainBuildDir = path.join(projectDir, '.vite', 'build');
/** The pull's page reader thread from the sources, as the preview and the tests run it. */
export const pullWorkerSource = new URL('../../electron/sync/pull-page-worker.ts', import.meta.url);
