import { builtinModules } from 'node:module';
import path from 'node:path';
import { defineConfig } from 'vite';

const projectDir = import.meta.dirname;

/**
 * Main-process bundle (CommonJS, `.cjs` because package.json is `"type": "module"`). The cipher
 * driver stays external: it loads a native prebuild at run time, and packaging/native-modules.ts
 * copies it into the packaged app. Builds standalone and under Forge's Vite plugin.
 */
export default mainProcessBundle(path.join(projectDir, 'electron', 'main.ts'), 'main.cjs');

/**
 * A bundle for the main process from one entry; the pull's page reader thread
 * (vite.pull-worker.config.ts) is built the same way, into a file of its own beside main.cjs.
 */
export function mainProcessBundle(entry: string, fileName: string) {
  return defineConfig({
    build: {
      outDir: path.join(projectDir, '.vite', 'build'),
      emptyOutDir: false,
      target: 'node22',
      minify: false,
      sourcemap: true,
      copyPublicDir: false,
      lib: {
        entry,
        formats: ['cjs'],
        fileName: () => fileName,
      },
      rollupOptions: {
        external: [
          'electron',
          /^electron\//,
          // Native (N-API) modules load a binary at run time; packaging/native-modules.ts ships them.
          'better-sqlite3-multiple-ciphers',
          '@node-rs/argon2',
          /^@node-rs\/argon2-/,
          ...builtinModules,
          ...builtinModules.map((name) => `node:${name}`),
        ],
      },
    },
    resolve: {
      conditions: ['node'],
      mainFields: ['module', 'jsnext:main', 'jsnext'],
    },
  });
}
