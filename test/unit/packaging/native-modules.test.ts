import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  ARGON2,
  CIPHER_DRIVER,
  NATIVE_MODULES,
  copyNativeModules,
} from '../../../packaging/native-modules.ts';

const DRIVER = 'better-sqlite3-multiple-ciphers';

/** A fake project with the driver's published layout, so the test never depends on node_modules. */
function fakeProject(root: string, prebuilds: readonly string[]): string {
  const pkg = path.join(root, 'project', 'node_modules', DRIVER);
  mkdirSync(path.join(pkg, 'lib', 'methods'), { recursive: true });
  mkdirSync(path.join(pkg, 'prebuilds'), { recursive: true });
  mkdirSync(path.join(pkg, 'src'), { recursive: true });
  mkdirSync(path.join(pkg, 'deps'), { recursive: true });
  writeFileSync(path.join(pkg, 'package.json'), '{"name":"better-sqlite3-multiple-ciphers"}');
  writeFileSync(path.join(pkg, 'LICENSE'), 'MIT');
  writeFileSync(path.join(pkg, 'README.md'), 'readme');
  writeFileSync(path.join(pkg, 'index.d.ts'), 'export {}');
  writeFileSync(path.join(pkg, 'binding.gyp'), '{}');
  writeFileSync(path.join(pkg, 'lib', 'index.js'), '');
  writeFileSync(path.join(pkg, 'lib', 'methods', 'pragma.js'), '');
  writeFileSync(path.join(pkg, 'src', 'addon.cpp'), '');
  writeFileSync(path.join(pkg, 'deps', 'sqlite3.c'), '');
  for (const name of prebuilds) writeFileSync(path.join(pkg, 'prebuilds', name), name);
  return path.join(root, 'project');
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

describe('copyNativeModules', () => {
  let root: string;
  let buildPath: string;

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'salw-native-'));
    buildPath = path.join(root, 'build-path');
    mkdirSync(buildPath);
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('lists the cipher driver and Argon2 as the native runtime modules', () => {
    expect(NATIVE_MODULES.map((m) => m.name)).toStrictEqual([DRIVER, '@node-rs/argon2']);
  });

  it('copies @node-rs/argon2 with only the platform package of the target', async () => {
    const modules = path.join(root, 'project', 'node_modules');
    for (const dir of [
      '@node-rs/argon2',
      '@node-rs/argon2-linux-x64-gnu',
      '@node-rs/argon2-darwin-arm64',
    ]) {
      mkdirSync(path.join(modules, dir), { recursive: true });
      writeFileSync(path.join(modules, dir, 'package.json'), '{}');
    }
    writeFileSync(path.join(modules, '@node-rs/argon2', 'LICENSE'), 'MIT');
    writeFileSync(path.join(modules, '@node-rs/argon2', 'index.js'), '');
    writeFileSync(
      path.join(modules, '@node-rs/argon2-linux-x64-gnu', 'argon2.linux-x64-gnu.node'),
      'bin',
    );
    const copied = await copyNativeModules({
      projectDir: path.join(root, 'project'),
      buildPath,
      platform: 'linux',
      arch: 'x64',
      modules: [ARGON2],
    });
    expect(copied).toStrictEqual([
      'node_modules/@node-rs/argon2-linux-x64-gnu/argon2.linux-x64-gnu.node',
    ]);
    expect(readdirSync(path.join(buildPath, 'node_modules', '@node-rs')).sort()).toStrictEqual([
      'argon2',
      'argon2-linux-x64-gnu',
    ]);
    await expect(
      copyNativeModules({
        projectDir: path.join(root, 'project'),
        buildPath,
        platform: 'win32',
        arch: 'x64',
        modules: [ARGON2],
      }),
    ).rejects.toThrow(/argon2-win32-x64-msvc is not installed.*Package on that platform/s);
  });

  it('copies package.json, LICENSE, lib/** and only the target prebuild', async () => {
    const projectDir = fakeProject(root, [
      'linux-x64.node',
      'linux-arm64.node',
      'linuxmusl-x64.node',
      'darwin-arm64.node',
      'win32-x64.node',
    ]);

    const copied = await copyNativeModules({
      projectDir,
      buildPath,
      platform: 'linux',
      arch: 'arm64',
      modules: [CIPHER_DRIVER],
    });

    expect(copied).toStrictEqual([`node_modules/${DRIVER}/prebuilds/linux-arm64.node`]);
    expect(listFiles(path.join(buildPath, 'node_modules', DRIVER))).toStrictEqual([
      'LICENSE',
      'lib/index.js',
      'lib/methods/pragma.js',
      'package.json',
      'prebuilds/linux-arm64.node',
    ]);
    // No binding.gyp means @electron/rebuild sees nothing to compile.
    expect(existsSync(path.join(buildPath, 'node_modules', DRIVER, 'binding.gyp'))).toBe(false);
  });

  it.each([
    ['win32', 'x64', 'win32-x64.node'],
    ['darwin', 'arm64', 'darwin-arm64.node'],
    ['mas', 'arm64', 'darwin-arm64.node'],
  ])('picks the %s-%s prebuild', async (platform, arch, expected) => {
    const projectDir = fakeProject(root, ['linux-x64.node', 'win32-x64.node', 'darwin-arm64.node']);
    await copyNativeModules({ projectDir, buildPath, platform, arch, modules: [CIPHER_DRIVER] });
    expect(readdirSync(path.join(buildPath, 'node_modules', DRIVER, 'prebuilds'))).toStrictEqual([
      expected,
    ]);
  });

  it('fails clearly, listing what exists, when the target prebuild is missing', async () => {
    const projectDir = fakeProject(root, ['linux-x64.node', 'win32-x64.node']);
    await expect(
      copyNativeModules({
        projectDir,
        buildPath,
        platform: 'linux',
        arch: 'ia32',
        modules: [CIPHER_DRIVER],
      }),
    ).rejects.toThrow(/no prebuild for linux-ia32.*Available: linux-x64\.node, win32-x64\.node/s);
    // Nothing half-copied for the next step to trip over.
    expect(existsSync(path.join(buildPath, 'node_modules'))).toBe(false);
  });

  it('fails clearly when the driver is not installed', async () => {
    const projectDir = path.join(root, 'empty-project');
    mkdirSync(projectDir);
    await expect(
      copyNativeModules({ projectDir, buildPath, platform: 'linux', arch: 'x64' }),
    ).rejects.toThrow(/not installed.*npm ci/);
  });

  it('works against the real installed package for this host', async () => {
    const projectDir = path.resolve(import.meta.dirname, '../../..');
    const copied = await copyNativeModules({
      projectDir,
      buildPath,
      platform: process.platform,
      arch: process.arch,
    });
    expect(copied).toContain(
      `node_modules/${DRIVER}/prebuilds/${process.platform}-${process.arch}.node`,
    );
    expect(copied.some((file) => file.startsWith('node_modules/@node-rs/argon2-'))).toBe(true);
    expect(readdirSync(path.join(buildPath, 'node_modules', DRIVER)).sort()).toStrictEqual([
      'LICENSE',
      'lib',
      'package.json',
      'prebuilds',
    ]);
  });
});
