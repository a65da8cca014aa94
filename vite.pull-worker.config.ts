import path from 'node:path';
import { mainProcessBundle } from './vite.main.config.ts';

/**
 * The pull's page reader (electron/sync/pull-page-worker.ts): a worker thread of the main process
 * loads it by path (electron/main.ts), so it is a CommonJS file of its own beside main.cjs.
 */
export default mainProcessBundle(
  path.join(import.meta.dirname, 'electron', 'sync', 'pull-page-worker.ts'),
  'pull-page-worker.cjs',
);
