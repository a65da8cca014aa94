import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EnrollResponseSchema,
  SYNC_PROTOCOL_VERSION,
  syncRoutes,
} from '../../../shared/sync/protocol.ts';
import { projectDir } from '../../support/project.ts';
import { request } from '../../support/sync-client.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

/** `npm run server -- …` as an administrator runs it: node server/main.ts with the environment. */
describe('server command line (PGlite in SALW_SERVER_DATA_DIR)', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    temp = await makeTempDir('server-cli');
  });
  afterAll(() => temp.remove());

  const env = () => ({
    ...process.env,
    SALW_SERVER_DATA_DIR: temp.dir,
    SALW_SERVER_PORT: '0',
    DATABASE_URL: '',
  });

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

  it('enrolls with a printed code, serves it, logs JSON without secrets, stops on SIGTERM, and revokes', async () => {
    const enroll = await run(['enroll', '--name', 'Team 3 laptop']);
    expect(enroll.code, enroll.stderr).toBe(0);
    const code = /([A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4})/.exec(enroll.stdout)?.[1];
    expect(code).toBeDefined();
    expect(enroll.stdout).toMatch(/Valid once, until \d{4}-\d\d-\d\dT/);

    const server = spawn(process.execPath, ['server/main.ts'], { cwd: projectDir, env: env() });
    let output = '';
    server.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no listen line:\n${output}`)), 30_000);
      server.stdout.on('data', () => {
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    });
    const enrolled = await request(`${url}${syncRoutes.enroll}`, {
      method: 'POST',
      body: JSON.stringify({ code, protocolVersion: SYNC_PROTOCOL_VERSION, appVersion: '0.1.0' }),
    });
    const device = EnrollResponseSchema.parse(enrolled.json);
    expect(
      (await request(`${url}${syncRoutes.pull}`, { credential: device.credential })).status,
    ).toBe(200);
    const exited = new Promise<number | null>((resolve) => server.on('close', resolve));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toMatch(/"msg":"request completed"/);
    expect(output).not.toContain(device.credential);
    expect(output).not.toContain(code ?? '');

    const devices = await run(['devices']);
    expect(devices.stdout).toContain(device.deviceId);
    expect(devices.stdout).toMatch(/"Team 3 laptop"\s+active/);
    const revoke = await run(['revoke', 'Team 3 laptop']);
    expect(revoke.code, revoke.stderr).toBe(0);
    expect(revoke.stdout).toContain(device.deviceId);
    expect((await run(['devices'])).stdout).toMatch(/"Team 3 laptop"\s+revoked/);
    const unknown = await run(['revoke', 'No such laptop']);
    expect(unknown.code).toBe(1);
    const epoch = await run(['new-epoch']);
    expect(epoch.stdout).toMatch(/New server epoch/);
  });
});
