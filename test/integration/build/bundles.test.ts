import { readdir, readFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY_META } from '../../../electron/security/content-security-policy.ts';
import { NATIVE_MODULES } from '../../../packaging/native-modules.ts';
import { ensureBundlesBuilt } from '../../support/bundles.ts';
import { mainBuildDir, rendererBuildDir } from '../../support/project.ts';

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

describe('the three Vite bundles', () => {
  beforeAll(() => ensureBundlesBuilt(), 120_000);

  it('S10: the renderer bundle has no require(, no electron and no Node builtins', async () => {
    const scripts = (await filesUnder(rendererBuildDir)).filter((file) => /\.(m?js)$/.test(file));
    expect(scripts.length).toBeGreaterThan(1);
    const nodeBuiltins = builtinModules.filter((name) => !name.startsWith('_'));
    for (const file of scripts) {
      const code = await readFile(file, 'utf8');
      expect(code, file).not.toMatch(/\brequire\s*\(/);
      expect(code, file).not.toMatch(/["']electron["']|from\s*["']electron|ipcRenderer/);
      expect(code, file).not.toMatch(/["']node:[a-z_/]+["']/);
      for (const name of nodeBuiltins) {
        // An import of a bare builtin would look like from"fs" or import("fs").
        expect(code, `${file} imports ${name}`).not.toMatch(
          new RegExp(`(from\\s*|import\\s*\\(\\s*)["']${name.replace('/', '\\/')}["']`),
        );
      }
    }
  });

  it('S3: index.html carries the one CSP as a meta tag, with no inline script or style', async () => {
    const html = await readFile(path.join(rendererBuildDir, 'index.html'), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(CONTENT_SECURITY_POLICY_META);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle="/);
    expect(html).not.toMatch(/\son[a-z]+="/);
  });

  it('the renderer build ships the preview bridge as a separate file index.html never loads', async () => {
    const html = await readFile(path.join(rendererBuildDir, 'index.html'), 'utf8');
    const files = await readdir(rendererBuildDir);
    expect(files).toContain('preview-bridge.js');
    expect(html).not.toContain('preview-bridge');
  });

  it('the main bundle requires only electron, Node builtins and the natives packaging ships', async () => {
    // The packaged app has no node_modules except what packaging/native-modules.ts copies, so any
    // other require() in main.cjs would crash the installed app at start.
    const code = await readFile(path.join(mainBuildDir, 'main.cjs'), 'utf8');
    // A `require("…")` right after a backtick is ajv's code generator writing source text for its
    // standalone mode, not a call.
    const required = new Set(
      [...code.matchAll(/(?<!`)\brequire\(["']([^"']+)["']\)/g)].map((match) => match[1]),
    );
    expect(required).toContain('electron');
    const allowed = new Set([
      'electron',
      ...builtinModules,
      ...builtinModules.map((name) => `node:${name}`),
      ...NATIVE_MODULES.map((module) => module.name),
    ]);
    expect([...required].filter((name) => name !== undefined && !allowed.has(name))).toEqual([]);
  });

  it("the pull's page reader thread is one CommonJS file that requires only Node builtins", async () => {
    // A worker thread has no electron module; and it must not run the app's start-up again.
    const code = await readFile(path.join(mainBuildDir, 'pull-page-worker.cjs'), 'utf8');
    const required = [...code.matchAll(/(?<!`)\brequire\(["']([^"']+)["']\)/g)].map(
      (match) => match[1],
    );
    const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
    expect(required).toContain('node:worker_threads');
    expect(required.filter((name) => name !== undefined && !builtins.has(name))).toEqual([]);
    expect(code).toContain('preparePullPage');
  });

  it('the preload is one CommonJS file that requires nothing but electron', async () => {
    const code = await readFile(path.join(mainBuildDir, 'preload.cjs'), 'utf8');
    const required = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((match) => match[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(code).toContain('exposeInMainWorld');
  });
});
