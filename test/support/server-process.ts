import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { createThrowawayDatabase } from './postgres-test-db.ts';
import { projectDir } from './project.ts';
import type { SyncBackend } from './sync-server.ts';
import { makeTempDir } from './temp-dir.ts';

/**
 * The real sync server as an operating-system process of its own (`node server/main.ts`, as
 * `npm run server` starts it), for tests that crash it (kill -9), stop it, restart it, or run admin
 * commands beside it. Unlike sync-server.ts (in-process; its kill() is a graceful close) nothing
 * of the server shares the test's process: a SIGKILL leaves exactly what a crash leaves.
 *
 * The port is chosen once and kept across restarts, so laptops keep their server URL; the data
 * (PGlite dir and photos, or a throwaway PostgreSQL database) is kept too until dispose().
 */

export interface ServerCommandResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ServerProcessOptions {
  readonly backend: SyncBackend;
  /** Added to every run's and every command's environment (after the server's own variables). */
  readonly env?: Readonly<Record<string, string>>;
}

export interface ServerProcess {
  readonly backend: SyncBackend;
  /** http://127.0.0.1:<port>, the same for every run. */
  readonly url: string;
  readonly port: number;
  /** SALW_SERVER_DATA_DIR: PGlite's files (pglite backend), photos and files.key (both). */
  readonly dataDir: string;
  /** DATABASE_URL of the throwaway database (postgres backend). */
  readonly databaseUrl: string | undefined;
  /** The running process's id; undefined while stopped. */
  readonly pid: number | undefined;
  /** stdout and stderr of every run so far, in order, each run headed by a `--- run N` line. */
  readonly output: string;
  /** stdout and stderr of the latest run only. */
  readonly runOutput: string;
  /** The last `lines` lines of output: for failure messages. */
  tail(lines?: number): string;
  /** Resolves once the latest run's output matches (rejects if that run exits first). */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Starts a run and resolves once it printed "listening on"; rejects if it exits first. */
  start(): Promise<void>;
  /** SIGTERM, as an administrator stops it; resolves with its exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL, a crash: nothing of the server runs after it; resolves once the process is gone. */
  kill9(): Promise<void>;
  /** stop() if running, then start() on the same port and data. */
  restart(): Promise<void>;
  /** `node server/main.ts <args>` (enroll, devices, revoke, …) with this server's environment. */
  command(args: readonly string[]): Promise<ServerCommandResult>;
  /** Kills a run still going, then deletes the data dir and the throwaway database. */
  dispose(): Promise<void>;
}

/** A port nobody listens on now (the OS picks it); kept by the caller for every run. */
export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', resolve);
  });
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/**
 * Runs `node server/main.ts <args>` from the project dir with `env` on top of this process's
 * environment and resolves when it exits. Whether an admin command is carried out by a running
 * server or opens the data itself is the server's business; this only runs it.
 */
export function runServerCommand(
  args: readonly string[],
  env: Readonly<Record<string, string>>,
): Promise<ServerCommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['server/main.ts', ...args], {
      cwd: projectDir,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The server's environment and data, not started yet (enroll before start(), or start now). */
export async function createServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const temp = await makeTempDir('server-process');
  const postgres = options.backend === 'postgres' ? await createThrowawayDatabase() : undefined;
  const port = await freePort();
  const env: Record<string, string> = {
    SALW_SERVER_HOST: '127.0.0.1',
    SALW_SERVER_PORT: String(port),
    SALW_SERVER_DATA_DIR: temp.dir,
    // Empty means unset (server-config.ts): PGlite, whatever the test's own environment says.
    DATABASE_URL: postgres?.url ?? '',
    ...options.env,
  };
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  let runStart = 0;
  let runs = 0;
  let current: { child: ChildProcess; exited: Promise<number | null> } | undefined;
  // Output listeners of the current run (waitForOutput), told on every chunk and on exit.
  const watchers = new Set<() => void>();

  const append = (text: string) => {
    output += text;
    for (const watcher of watchers) watcher();
  };
  const runOutput = () => output.slice(runStart);

  const waitForOutput = (pattern: RegExp, timeoutMs = 30_000): Promise<RegExpExecArray> => {
    const run = current;
    return new Promise((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(runOutput());
        if (match !== null) return done(() => resolve(match));
        if (run === undefined || run.child.exitCode !== null || run.child.signalCode !== null) {
          done(() => reject(new Error(`The server exited before printing ${pattern}:\n${tail()}`)));
        }
      };
      const timer = setTimeout(
        () => done(() => reject(new Error(`No ${pattern} in ${timeoutMs} ms:\n${tail()}`))),
        timeoutMs,
      );
      const done = (settle: () => void) => {
        clearTimeout(timer);
        watchers.delete(check);
        settle();
      };
      watchers.add(check);
      check();
    });
  };

  const tail = (lines = 40) => output.split('\n').slice(-lines).join('\n');

  const start = async () => {
    if (current !== undefined) throw new Error('The server process is already running.');
    runs += 1;
    output += `--- run ${runs}\n`;
    runStart = output.length;
    const child = spawn(process.execPath, ['server/main.ts'], {
      cwd: projectDir,
      env: { ...process.env, ...env },
    });
    child.stdout.on('data', (chunk: Buffer) => append(chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => append(chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => {
      child.on('exit', (code) => {
        if (current?.child === child) current = undefined;
        resolve(code);
        for (const watcher of watchers) watcher();
      });
    });
    current = { child, exited };
    // The port is this server's for good: a start that finds it taken says so.
    await waitForOutput(new RegExp(`listening on ${url.replace(/[.:/]/g, '\\$&')}\\b`), 60_000);
  };

  const signal = async (name: 'SIGTERM' | 'SIGKILL'): Promise<number | null> => {
    const run = current;
    if (run === undefined) throw new Error('The server process is not running.');
    run.child.kill(name);
    return run.exited;
  };

  return {
    backend: options.backend,
    url,
    port,
    dataDir: temp.dir,
    databaseUrl: postgres?.url,
    get pid() {
      return current?.child.pid;
    },
    get output() {
      return output;
    },
    get runOutput() {
      return runOutput();
    },
    tail,
    waitForOutput,
    start,
    stop: () => signal('SIGTERM'),
    async kill9() {
      await signal('SIGKILL');
    },
    async restart() {
      if (current !== undefined) await signal('SIGTERM');
      await start();
    },
    command: (args) => runServerCommand(args, env),
    async dispose() {
      if (current !== undefined) await signal('SIGKILL');
      await postgres?.drop();
      await temp.remove();
    },
  };
}

/** createServerProcess() and start(): a server that listens. */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const server = await createServerProcess(options);
  try {
    await server.start();
  } catch (error) {
    await server.dispose();
    throw error;
  }
  return server;
}
