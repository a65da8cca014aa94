import path from 'node:path';
import { defineConfig } from 'vite';

const projectDir = import.meta.dirname;

/**
 * The preload: one CommonJS file, because a sandboxed preload can neither be an ES module nor
 * require anything but `electron` and a few builtins, so shared/ code is bundled into it.
 */
export default defineConfig({
  build: {
    outDir: path.join(projectDir, '.vite', 'build'),
    emptyOutDir: false,
    target: 'chrome130',
    minify: false,
    copyPublicDir: false,
    rollupOptions: {
      input: path.join(projectDir, 'electron', 'preload.ts'),
      external: ['electron', 'electron/renderer'],
      output: {
        format: 'cjs',
        codeSplitting: false,
        entryFileNames: 'preload.cjs',
      },
    },
  },
});
