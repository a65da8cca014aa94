import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import http from 'node:http';
import { previewHostScript } from './preview.ts';
import { projectDir } from './project.ts';

/**
 * The browser preview host as a separate process, driven over its HTTP bridge the way the page
 * drives it: for tests that kill the host (kill -9) or inspect what it leaves on disk.
 */
export class PreviewProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly exited: Promise<number | null>;
  #stdout = '';
  #stderr = '';
  #origin = '';
  #token = '';
  readonly #agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  private constructor(child: ChildProcessWithoutNullStreams) {
    this.child = child;
    child.stdout.on('data', (chunk: Buffer) => (this.#stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (this.#stderr += chunk.toString('utf8')));
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  }

  static async start(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<PreviewProcess> {
    const child = spawn(
      process.execPath,
      [previewHostScript, '--data-dir', dataDir, '--port', '0'],
      {
        cwd: projectDir,
        env: { ...process.env, SALW_TEST_FAST_KDF: '1', ...env },
      },
    );
    const host = new PreviewProcess(child);
    for (let attempt = 0; attempt < 400; attempt += 1) {
      const match = /Open:\s+(http:\/\/\S+)/.exec(host.#stdout);
      if (match?.[1] !== undefined) {
        const url = new URL(match[1]);
        host.#origin = url.origin;
        host.#token = url.searchParams.get('token') ?? '';
        return host;
      }
      if (child.exitCode !== null) throw new Error(`preview host exited: ${host.#stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    child.kill('SIGKILL');
    throw new Error(`preview host printed no URL: ${host.#stderr}`);
  }

  get stderr(): string {
    return this.#stderr;
  }

  /** One window.api call; resolves to the result envelope the page would get. */
  call<T = unknown>(
    procedure: string,
    input?: unknown,
  ): Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }> {
    const body = JSON.stringify(input === undefined ? {} : { input });
    const url = new URL(`/__bridge/call/${procedure}`, this.#origin);
    return new Promise((resolve, reject) => {
      const request = http.request(
        url,
        {
          method: 'POST',
          agent: this.#agent,
          headers: {
            origin: this.#origin,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'x-salw-bridge-token': this.#token,
          },
        },
        (response) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
          response.on('end', () => {
            try {
              resolve(JSON.parse(text));
            } catch (error) {
              reject(error);
            }
          });
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  }

  /** Like call(), but throws unless the call succeeded. */
  async value<T = unknown>(procedure: string, input?: unknown): Promise<T> {
    const result = await this.call<T>(procedure, input);
    if (!result.ok)
      throw new Error(`${procedure} failed: ${result.error.code} ${result.error.message}`);
    return result.value;
  }

  kill(signal: NodeJS.Signals): void {
    this.#agent.destroy();
    this.child.kill(signal);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    this.kill('SIGTERM');
    await this.exited;
  }
}
