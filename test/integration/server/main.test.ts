import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPgliteConsistency } from '../../../server/db/pglite-consistency.ts';
import { consoleApiPrefix, consoleRoutes } from '../../../shared/console/api.ts';
import {
  EnrollResponseSchema,
  SYNC_PROTOCOL_VERSION,
  SyncErrorBodySchema,
  syncRoutes,
} from '../../../shared/sync/protocol.ts';
import { createThrowawayDatabase } from '../../support/postgres-test-db.ts';
import { projectDir } from '../../support/project.ts';
import { request } from '../../support/sync-client.ts';
import { syncBackends } from '../../support/sync-server.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

/** `npm run server -- …` as an administrator runs it: node server/main.ts with the environment. */
function serverCli(env: () => NodeJS.ProcessEnv) {
  function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['server/main.ts', ...args], {
        cwd: projectDir,
        env: env(),
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  /**
   * `npm run server` in a process of its own; resolves once it listens. `onOutput` sees what it
   * has printed so far, each time it prints, while it starts.
   */
  async function serve(onOutput?: (output: string) => void): Promise<{
    url: string;
    child: ChildProcessWithoutNullStreams;
    output: () => string;
    stop: () => Promise<number | null>;
  }> {
    const child = spawn(process.execPath, ['server/main.ts'], { cwd: projectDir, env: env() });
    let output = '';
    const take = (chunk: Buffer) => {
      output += chunk.toString();
      onOutput?.(output);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no listen line:\n${output}`)), 30_000);
      void exited.then(() => reject(new Error(`the server exited:\n${output}`)));
      child.stdout.on('data', () => {
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    });
    return {
      url,
      child,
      output: () => output,
      stop: () => {
        child.kill('SIGTERM');
        return exited;
      },
    };
  }
  return { run, serve };
}

function codeIn(stdout: string): string {
  const code = /([A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4})/.exec(stdout)?.[1];
  if (code === undefined) throw new Error(`no enrollment code in:\n${stdout}`);
  return code;
}

function enroll(url: string, code: string) {
  return request(`${url}${syncRoutes.enroll}`, {
    method: 'POST',
    body: JSON.stringify({ code, protocolVersion: SYNC_PROTOCOL_VERSION, appVersion: '0.1.0' }),
  });
}

describe('server command line with no server running (PGlite in SALW_SERVER_DATA_DIR)', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    temp = await makeTempDir('server-cli');
  });
  afterAll(() => temp.remove());

  const { run, serve } = serverCli(() => ({
    ...process.env,
    SALW_SERVER_DATA_DIR: temp.dir,
    SALW_SERVER_PORT: '0',
    DATABASE_URL: '',
  }));

  it('enrolls with a printed code, serves it, logs JSON without secrets, stops on SIGTERM, and revokes', async () => {
    // Pointed at a directory no server has used (a wrong SALW_SERVER_DATA_DIR, say), a command
    // refuses instead of starting an empty server database nobody serves.
    const nowhere = await run(['enroll', '--name', 'Team 3 laptop']);
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toContain(`There is no server data in ${temp.dir}`);
    expect(await (await serve()).stop()).toBe(0);

    const printed = await run(['enroll', '--name', 'Team 3 laptop']);
    expect(printed.code, printed.stderr).toBe(0);
    const code = codeIn(printed.stdout);
    expect(printed.stdout).toMatch(/Valid once, until \d{4}-\d\d-\d\dT/);
    expect(printed.stderr).toContain(`No server is running on ${temp.dir}`);

    const server = await serve();
    const device = EnrollResponseSchema.parse((await enroll(server.url, code)).json);
    expect(
      (await request(`${server.url}${syncRoutes.pull}`, { credential: device.credential })).status,
    ).toBe(200);
    expect(await server.stop()).toBe(0);
    expect(server.output()).toMatch(/"msg":"request completed"/);
    expect(server.output()).not.toContain(device.credential);
    expect(server.output()).not.toContain(code);

    const devices = await run(['devices']);
    expect(devices.stdout).toContain(device.deviceId);
    expect(devices.stdout).toMatch(/"Team 3 laptop"\s+active/);
    const revoke = await run(['revoke', 'Team 3 laptop']);
    expect(revoke.code, revoke.stderr).toBe(0);
    expect(revoke.stdout).toContain(device.deviceId);
    expect((await run(['devices'])).stdout).toMatch(/"Team 3 laptop"\s+revoked/);
    const twice = await run(['revoke', device.deviceId]);
    expect(twice.stdout).toMatch(/"Team 3 laptop" was already revoked \(20/);
    const unknown = await run(['revoke', 'No such laptop']);
    expect(unknown.code).toBe(1);
    const epoch = await run(['new-epoch']);
    expect(epoch.stdout).toMatch(/New server epoch/);
    const check = await run(['check']);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toMatch(/no corruption found/);
    // Twelve server processes, each opening PGlite: on a loaded 2-core machine this passed 60 s.
  }, 150_000);

  it('refuses a command it does not know, or one without what it needs, before opening anything', async () => {
    const unknown = await run(['enrol']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Unknown command "enrol"');
    const nameless = await run(['enroll']);
    expect(nameless.code).toBe(1);
    expect(nameless.stderr).toContain('enroll needs --name');
    const extra = await run(['devices', 'all']);
    expect(extra.code).toBe(1);
    expect(extra.stderr).toContain('devices takes no arguments');
    const roleless = await run(['invite', 'ana@example.org']);
    expect(roleless.code).toBe(1);
    expect(roleless.stderr).toContain(
      'invite needs --role, one of administrator, reviewer, viewer.',
    );
    const addressless = await run(['invite', '--role', 'viewer']);
    expect(addressless.code).toBe(1);
    expect(addressless.stderr).toContain('invite needs an e-mail address');
  });
});

describe.each(syncBackends)('admin commands while `npm run server` serves (%s)', (backend) => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let postgres: Awaited<ReturnType<typeof createThrowawayDatabase>> | undefined;
  beforeAll(async () => {
    temp = await makeTempDir('server-admin');
    postgres = backend === 'postgres' ? await createThrowawayDatabase() : undefined;
  });
  afterAll(async () => {
    await postgres?.drop();
    await temp.remove();
  });

  const { run, serve } = serverCli(() => ({
    ...process.env,
    SALW_SERVER_DATA_DIR: temp.dir,
    SALW_SERVER_PORT: '0',
    DATABASE_URL: postgres?.url ?? '',
  }));

  it('invites the first console administrator; with no SMTP server the code is in the server’s log, and it works', async () => {
    const server = await serve();
    try {
      const invited = await run(['invite', 'Ana@Example.org', '--role', 'administrator']);
      expect(invited.code, invited.stderr).toBe(0);
      expect(invited.stdout).toContain('Invited ana@example.org as administrator');
      expect(invited.stdout).toContain("the code is in the server's log");
      await expect.poll(() => server.output()).toContain('No SMTP server is configured');
      const warning = server
        .output()
        .split('\n')
        .find((line) => line.includes('No SMTP server is configured'));
      expect(JSON.parse(warning ?? '{}')).toMatchObject({ level: 40 });
      const code = codeIn(JSON.parse(warning ?? '{}').msg as string);
      const accepted = await request(
        `${server.url}${consoleApiPrefix}${consoleRoutes.acceptInvitation}`,
        {
          method: 'POST',
          headers: { origin: server.url },
          body: JSON.stringify({ code, name: 'Ana Petrović', password: 'Granica-Sever-2026!' }),
        },
      );
      expect(accepted.status, accepted.text).toBe(200);
      expect(accepted.json).toMatchObject({ signedIn: true, account: { role: 'administrator' } });
      const twice = await run(['invite', 'ana@example.org', '--role', 'viewer']);
      expect(twice.code).toBe(1);
      expect(twice.stderr).toContain('That e-mail address has an account.');
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it('a code works at once, revoking ends the laptop’s next request and its stream, and it stays revoked after a restart', async () => {
    const server = await serve();
    try {
      const printed = await run(['enroll', '--name', 'Team 3 laptop']);
      expect(printed.code, printed.stderr).toBe(0);
      const enrolled = await enroll(server.url, codeIn(printed.stdout));
      expect(enrolled.status, enrolled.text).toBe(200);
      const device = EnrollResponseSchema.parse(enrolled.json);
      expect(
        (await request(`${server.url}${syncRoutes.pull}`, { credential: device.credential }))
          .status,
      ).toBe(200);

      // The laptop listens for changes, as the app does while it is unlocked.
      const stream = await fetch(`${server.url}${syncRoutes.events}`, {
        headers: { authorization: `Bearer ${device.credential}` },
      });
      expect(stream.status).toBe(200);
      const reader = stream.body!.getReader();
      expect(new TextDecoder().decode((await reader.read()).value)).toContain(': open');

      const revoked = await run(['revoke', 'Team 3 laptop']);
      expect(revoked.code, revoked.stderr).toBe(0);
      expect(revoked.stdout).toContain(`Revoked ${device.deviceId} "Team 3 laptop".`);
      expect(revoked.stdout).toContain('Its open event stream was ended.');
      // The stream ends now, not at the next heartbeat 25 s away.
      const ended = await Promise.race([
        reader.read().then((chunk) => chunk.done),
        new Promise<'still open'>((resolve) => setTimeout(() => resolve('still open'), 5_000)),
      ]);
      expect(ended).toBe(true);
      const next = await request(`${server.url}${syncRoutes.pull}`, {
        credential: device.credential,
      });
      expect(next.status).toBe(401);
      expect(SyncErrorBodySchema.parse(next.json).error).toBe('DEVICE_REVOKED');

      const listed = await run(['devices']);
      expect(listed.stdout).toMatch(/"Team 3 laptop"\s+revoked 20/);
      const epoch = await run(['new-epoch']);
      expect(epoch.code, epoch.stderr).toBe(0);
      const health = await request(`${server.url}${syncRoutes.health}`, {});
      expect(epoch.stdout).toContain((health.json as { serverEpoch: string }).serverEpoch);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    expect(server.output()).not.toMatch(/"level":50/);

    const again = await serve();
    expect((await run(['devices'])).stdout).toMatch(/"Team 3 laptop"\s+revoked 20/);
    expect(await again.stop()).toBe(0);
    if (backend === 'pglite') {
      const report = await checkPgliteConsistency(temp.dir);
      expect(report.problems).toEqual([]);
      expect(report.tables).toBeGreaterThan(5);
    }
  });
});

describe('one PGlite data directory, one process', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    temp = await makeTempDir('server-lock');
  });
  afterAll(() => temp.remove());

  const { run, serve } = serverCli(() => ({
    ...process.env,
    SALW_SERVER_DATA_DIR: temp.dir,
    SALW_SERVER_PORT: '0',
    DATABASE_URL: '',
  }));

  it('a server started while an admin command holds the data waits for it instead of refusing', async () => {
    await (await serve()).stop();
    const holder = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { lockDataDir, lockHolders } from './server/db/data-dir-lock.ts';
         const lock = lockDataDir(${JSON.stringify(temp.dir)}, lockHolders.adminCommand);
         console.log('held');
         process.stdin.on('end', () => lock.release()).resume();`,
      ],
      { cwd: projectDir, stdio: ['pipe', 'pipe', 'inherit'] },
    );
    await new Promise((resolve) => holder.stdout.once('data', resolve));
    // The admin command lets go once the server says it waits (not after a fixed time: on a busy
    // machine the server can take longer than that to reach the lock).
    const server = await serve((output) => {
      if (/waiting for it/.test(output)) holder.stdin.end();
    });
    try {
      expect(server.output()).toMatch(/in use by an admin command \(process \d+\); waiting for it/);
    } finally {
      holder.stdin.end();
      expect(await server.stop()).toBe(0);
    }
  });

  it('a second server on the same PGlite data is refused before it opens anything, and the first keeps serving', async () => {
    const first = await serve();
    try {
      const second = spawn(process.execPath, ['server/main.ts'], {
        cwd: projectDir,
        env: {
          ...process.env,
          SALW_SERVER_DATA_DIR: temp.dir,
          SALW_SERVER_PORT: '0',
          DATABASE_URL: '',
        },
      });
      let stderr = '';
      second.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => second.on('close', resolve));
      expect(code).toBe(1);
      expect(stderr).toContain(`The server's data directory ${temp.dir} is in use by`);
      expect(stderr).toContain(`the sync server (process ${String(first.child.pid)})`);
      expect(stderr).not.toMatch(/\n\s+at /);
      expect((await request(`${first.url}${syncRoutes.health}`, {})).status).toBe(200);
      expect((await run(['devices'])).code).toBe(0);
    } finally {
      expect(await first.stop()).toBe(0);
    }
    expect((await checkPgliteConsistency(temp.dir)).problems).toEqual([]);
  });
});

describe('`npm run server enroll --name X` without the `--`', () => {
  it('says that npm took the options', async () => {
    const temp = await makeTempDir('server-npm-hint');
    try {
      // What npm does with `npm run server enroll --name "X"`: `--name` becomes its own setting.
      const { run } = serverCli(() => ({
        ...process.env,
        SALW_SERVER_DATA_DIR: temp.dir,
        npm_config_name: 'Team 3 laptop',
      }));
      const result = await run(['enroll']);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('npm took the options for itself');
    } finally {
      await temp.remove();
    }
  });
});
