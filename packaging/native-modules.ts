import { existsSync } from 'node:fs';
import { cp, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * Runtime modules that Vite leaves external (see vite.main.config.ts) and that Forge's Vite plugin
 * therefore drops from the package: its `ignore` keeps only `/.vite` (electron/forge#3738).
 *
 * Both are N-API, so the same binary loads in Node and Electron: no rebuild.
 * - `better-sqlite3-multiple-ciphers` 13 ships every platform's prebuild inside the package
 *   (`prebuilds/<platform>-<arch>.node`) and has no runtime dependencies.
 * - `@node-rs/argon2` (napi-rs) keeps each platform's binary in its own package
 *   (`@node-rs/argon2-linux-x64-gnu`, …), which npm installs for the host only: package for a
 *   platform on that platform.
 */
export interface NativeModule {
  readonly name: string;
  /** Files and folders, relative to the package root, copied as-is. */
  readonly files: readonly string[];
  /** napi-rs style: the package holding the binary for a target, copied whole. */
  readonly platformPackage?: (platform: string, arch: string) => string;
}

const napiTriples: Readonly<Record<string, string>> = {
  'linux-x64': 'linux-x64-gnu',
  'linux-arm64': 'linux-arm64-gnu',
  'darwin-x64': 'darwin-x64',
  'darwin-arm64': 'darwin-arm64',
  'win32-x64': 'win32-x64-msvc',
  'win32-arm64': 'win32-arm64-msvc',
};

export const CIPHER_DRIVER: NativeModule = {
  name: 'better-sqlite3-multiple-ciphers',
  // Deliberately no `binding.gyp`, `src/` or `deps/`: without `binding.gyp`, @electron/rebuild
  // does not see a native module, so it never tries to compile SQLite offline or fetch headers.
  files: ['package.json', 'LICENSE', 'lib'],
};

export const ARGON2: NativeModule = {
  name: '@node-rs/argon2',
  files: ['package.json', 'LICENSE', 'index.js'],
  platformPackage: (platform, arch) => {
    const os = platform === 'mas' ? 'darwin' : platform;
    const triple = napiTriples[`${os}-${arch}`];
    if (triple === undefined) throw new Error(`@node-rs/argon2 has no build for ${os}-${arch}.`);
    return `@node-rs/argon2-${triple}`;
  },
};

export const NATIVE_MODULES: readonly NativeModule[] = [CIPHER_DRIVER, ARGON2];

export interface CopyNativeModulesOptions {
  /** Project root holding `node_modules/`. */
  readonly projectDir: string;
  /** Forge's staged app folder (the one that becomes app.asar). */
  readonly buildPath: string;
  /** Target platform as Forge passes it (`linux`, `darwin`, `win32`, `mas`). */
  readonly platform: string;
  /** Target arch as Forge passes it (`x64`, `arm64`, ...). */
  readonly arch: string;
  /** Which modules to copy; all of NATIVE_MODULES unless a test narrows it. */
  readonly modules?: readonly NativeModule[];
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

  for (const mod of options.modules ?? NATIVE_MODULES) {
    if (mod.platformPackage !== undefined) {
      copied.push(
        ...(await copyWithPlatformPackage(mod, mod.platformPackage(platform, arch), options)),
      );
      continue;
    }
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

async function copyWithPlatformPackage(
  mod: NativeModule,
  binaryPackage: string,
  options: CopyNativeModulesOptions,
): Promise<string[]> {
  const modules = path.join(options.projectDir, 'node_modules');
  const binarySource = path.join(modules, binaryPackage);
  if (!existsSync(path.join(modules, mod.name))) {
    throw new Error(`Native module ${mod.name} is not installed. Run "npm ci" before packaging.`);
  }
  if (!existsSync(binarySource)) {
    throw new Error(
      `${binaryPackage} is not installed, so ${mod.name} cannot be packaged for ` +
        `${options.platform}-${options.arch}. Package on that platform (npm installs only the host's binary).`,
    );
  }
  for (const file of mod.files) {
    const from = path.join(modules, mod.name, file);
    if (!existsSync(from))
      throw new Error(`${mod.name} is missing ${file} (expected ${from}); reinstall it.`);
    await cp(from, path.join(options.buildPath, 'node_modules', mod.name, file), {
      recursive: true,
      dereference: true,
    });
  }
  await cp(binarySource, path.join(options.buildPath, 'node_modules', binaryPackage), {
    recursive: true,
    dereference: true,
  });
  const binaries = (await readdir(binarySource)).filter((file) => file.endsWith('.node'));
  return binaries.map((file) => path.posix.join('node_modules', binaryPackage, file));
}
