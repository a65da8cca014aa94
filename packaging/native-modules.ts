import { existsSync } from 'node:fs';
import { cp, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * Runtime modules that Vite leaves external (see vite.main.config.ts) and that Forge's Vite plugin
 * therefore drops from the package: its `ignore` keeps only `/.vite` (electron/forge#3738).
 *
 * `better-sqlite3-multiple-ciphers` 13 ships N-API prebuilds (`prebuilds/<platform>-<arch>.node`)
 * and has no runtime dependencies (`node-addon-api` is compile-time headers only), so one
 * package is the whole list. N-API means the same binary loads in Node and Electron: no rebuild.
 */
export interface NativeModule {
  readonly name: string;
  /** Files and folders, relative to the package root, copied as-is. */
  readonly files: readonly string[];
}

export const NATIVE_MODULES: readonly NativeModule[] = [
  {
    name: 'better-sqlite3-multiple-ciphers',
    // Deliberately no `binding.gyp`, `src/` or `deps/`: without `binding.gyp`, @electron/rebuild
    // does not see a native module, so it never tries to compile SQLite offline or fetch headers.
    files: ['package.json', 'LICENSE', 'lib'],
  },
];

export interface CopyNativeModulesOptions {
  /** Project root holding `node_modules/`. */
  readonly projectDir: string;
  /** Forge's staged app folder (the one that becomes app.asar). */
  readonly buildPath: string;
  /** Target platform as Forge passes it (`linux`, `darwin`, `win32`, `mas`). */
  readonly platform: string;
  /** Target arch as Forge passes it (`x64`, `arm64`, ...). */
  readonly arch: string;
}

/**
 * `mas` (Mac App Store) runs the same darwin binaries. Electron's Linux builds are glibc-only, so
 * the package's `linuxmusl-*` prebuilds are never the right ones.
 */
function prebuildName(platform: string, arch: string): string {
  const os = platform === 'mas' ? 'darwin' : platform;
  return `${os}-${arch}.node`;
}

/**
 * Copies each native module into `<buildPath>/node_modules/<name>` with only the prebuild for the
 * target. Shipping the other platforms' binaries would only add size and attack surface; shipping
 * none would make the app fail at first DB open, on a field laptop, with "Cannot find module".
 * Returns the copied prebuild paths (relative to buildPath) for logging and tests.
 */
export async function copyNativeModules(options: CopyNativeModulesOptions): Promise<string[]> {
  const { projectDir, buildPath, platform, arch } = options;
  const copied: string[] = [];

  for (const mod of NATIVE_MODULES) {
    const source = path.join(projectDir, 'node_modules', mod.name);
    const target = path.join(buildPath, 'node_modules', mod.name);
    const prebuild = prebuildName(platform, arch);
    const prebuildSource = path.join(source, 'prebuilds', prebuild);

    // Check before copying anything so a failed build never leaves a half-copied module behind.
    if (!existsSync(source)) {
      throw new Error(
        `Native module ${mod.name} is not installed at ${source}. Run "npm ci" before packaging.`,
      );
    }
    if (!existsSync(prebuildSource)) {
      const available = existsSync(path.join(source, 'prebuilds'))
        ? (await readdir(path.join(source, 'prebuilds'))).filter((f) => f.endsWith('.node'))
        : [];
      throw new Error(
        `${mod.name} has no prebuild for ${platform}-${arch} (expected ${prebuildSource}). ` +
          `Available: ${available.join(', ') || 'none'}. Packaging for this target is not supported.`,
      );
    }
    for (const file of mod.files) {
      const from = path.join(source, file);
      if (!existsSync(from)) {
        throw new Error(`${mod.name} is missing ${file} (expected ${from}); reinstall it.`);
      }
      await cp(from, path.join(target, file), { recursive: true, dereference: true });
    }
    await mkdir(path.join(target, 'prebuilds'), { recursive: true });
    await cp(prebuildSource, path.join(target, 'prebuilds', prebuild));
    copied.push(path.posix.join('node_modules', mod.name, 'prebuilds', prebuild));
  }
  return copied;
}
