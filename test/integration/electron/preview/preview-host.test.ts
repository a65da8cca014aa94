import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { previewHostScript } from '../../../support/preview.ts';
import { projectDir } from '../../../support/project.ts';
import rendererBuildSetup from '../../../support/renderer-build-setup.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

interface Host {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

const running: Host[] = [];

function startHost(args: string[], env: NodeJS.ProcessEnv = process.env): Host {
  const child = spawn(process.execPath, [previewHostScript, ...args], { cwd: projectDir, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const host = { child, stdout: () => stdout, stderr: () => stderr, exited };
  running.push(host);
  return host;
}

async function waitForUrl(host: Host): Promise<string> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const match = /Open:\s+(http:\/\/\S+)/.exec(host.stdout());
    if (match?.[1] !== undefined) return match[1];
    if (host.child.exitCode !== null) throw new Error(`host exited: ${host.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no URL printed; stdout: ${host.stdout()} stderr: ${host.stderr()}`);
}

describe('npm run preview (the host process)', () => {
  beforeAll(() => rendererBuildSetup());

  afterEach(() => {
    for (const host of running.splice(0)) host.child.kill('SIGKILL');
  });

  it('prints a loopback URL with a token and the data folder, serves the app, and stops cleanly on Ctrl-C', async () => {
    const { dir, remove } = await makeTempDir('preview-host');
    try {
      const host = startHost(['--data-dir', dir, '--port', '0']);
      const url = await waitForUrl(host);
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{43}$/);
      expect(host.stdout()).toContain(`Data:  ${dir}`);

      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');

      host.child.kill('SIGINT');
      expect(await host.exited).toBe(0);
      expect(host.stdout()).toContain('Preview stopped (SIGINT)');
      await expect(fetch(url)).rejects.toThrow();
    } finally {
      await remove();
    }
  });

  it('uses a new token on every run, so an old link stops working', async () => {
    const { dir, remove } = await makeTempDir('preview-token');
    try {
      const first = startHost(['--data-dir', dir]);
      const firstUrl = await waitForUrl(first);
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);
      const second = startHost(['--data-dir', dir]);
      const secondUrl = await waitForUrl(second);
      expect(new URL(secondUrl).searchParams.get('token')).not.toBe(
        new URL(firstUrl).searchParams.get('token'),
      );
    } finally {
      await remove();
    }
  });

  it('keeps its data under ~/.salw-field-preview when no --data-dir is given', async () => {
    const { dir: home, remove } = await makeTempDir('preview-home');
    try {
      const host = startHost([], { ...process.env, HOME: home });
      await waitForUrl(host);
      expect(host.stdout()).toContain(`Data:  ${path.join(home, '.salw-field-preview')}`);
    } finally {
      await remove();
    }
  });

  it('rejects a bad --port with a clear message and exit code 2', async () => {
    const host = startHost(['--port', 'eighty']);
    expect(await host.exited).toBe(2);
    expect(host.stderr()).toContain('--port must be a whole number');
    expect(host.stderr()).toContain('Usage: npm run preview');
  });

  it('rejects an unknown option instead of ignoring it', async () => {
    const host = startHost(['--data-directory', '/tmp/x']);
    expect(await host.exited).toBe(2);
    expect(host.stderr()).toContain('--data-directory');
  });
});
