import path from 'node:path';

/** Paths every tier needs, resolved from this file so tests run from any working directory. */
export const projectDir = path.resolve(import.meta.dirname, '..', '..');
export const rendererBuildDir = path.join(projectDir, '.vite', 'renderer', 'main_window');
export const mainBuildDir = path.join(projectDir, '.vite', 'build');
