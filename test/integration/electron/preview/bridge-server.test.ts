import { mkdir, writeFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeMainServices } from '../../../../electron/compose-main-services.ts';
import { createDispatcher } from '../../../../electron/ipc/dispatcher.ts';
import type { EventSink } from '../../../../electron/ipc/handler-table.ts';
import { fastTestCost } from '../../../../electron/keys/kdf.ts';
import { unavailableKeychain } from '../../../../electron/keys/os-keychain.ts';
import { silentLogger } from '../../../../electron/logging/logger.ts';
import {
  startBridgeServer,
  type BridgeServer,
} from '../../../../electron/preview/bridge-server.ts';
import { CONTENT_SECURITY_POLICY } from '../../../../electron/security/content-security-policy.ts';
import { createNodeSettingsBacking } from '../../../../electron/settings/node-settings-backing.ts';
import { procedureNames } from '../../../../shared/ipc/contract.ts';
import {
  BRIDGE_SCRIPT,
  MAX_BRIDGE_BODY_BYTES,
} from '../../../../shared/ipc/preview-bridge-protocol.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

const token = 'test-token-0123456789abcdefghijklmnopqrstuv';

/** Raw HTTP, so tests control every header a browser would set (Host, Origin, Cookie). */
function request(
  server: BridgeServer,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const url = new URL(server.origin);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

describe('browser preview bridge over loopback HTTP', () => {
  let server: BridgeServer;
  let remove: () => Promise<void>;
  let rendererDir: string;
  const emitted: unknown[] = [];

  beforeAll(async () => {
    const temp = await makeTempDir('bridge');
    remove = temp.remove;
    rendererDir = path.join(temp.dir, 'renderer');
    await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
    await writeFile(
      path.join(rendererDir, 'index.html'),
      '<!doctype html><html><head><script type="module" src="./assets/app.js"></script></head><body></body></html>',
    );
    await writeFile(path.join(rendererDir, 'assets', 'app.js'), 'console.log("app")');
    await writeFile(path.join(temp.dir, 'secret.txt'), 'outside the renderer build');

    const sinkHolder: { sink?: EventSink } = {};
    const services = await composeMainServices({
      environment: {
        name: 'SALW Field',
        version: '9.9.9',
        dataDirectory: temp.dir,
        platform: 'linux',
        arch: 'x64',
        runtime: { kind: 'browser-preview', node: '22.0.0' },
      },
      settingsBacking: createNodeSettingsBacking(path.join(temp.dir, 'data')),
      keychain: unavailableKeychain,
      kdfCost: { passphrase: fastTestCost, recovery: fastTestCost },
      events: {
        emit: (event, payload) => {
          emitted.push({ event, payload });
          sinkHolder.sink?.emit(event, payload);
        },
      },
      log: silentLogger,
    });
    server = await startBridgeServer({
      rendererDir,
      token,
      port: 0,
      log: silentLogger,
      createDispatch: (origin) =>
        createDispatcher({
          handlers: services.handlers,
          trustedOrigins: [origin],
          checkOutput: true,
          log: silentLogger,
        }),
    });
    sinkHolder.sink = server;
  });

  afterAll(async () => {
    await server.close();
    await remove();
  });

  /** A call as the page makes it; a header set to null is left out. */
  const call = (procedure: string, body: unknown, headers: Record<string, string | null> = {}) => {
    const merged: Record<string, string | null> = {
      host: new URL(server.origin).host,
      origin: server.origin,
      'content-type': 'application/json',
      'x-salw-bridge-token': token,
      ...headers,
    };
    return request(server, {
      method: 'POST',
      path: `/__bridge/call/${procedure}`,
      headers: Object.fromEntries(
        Object.entries(merged).filter((entry): entry is [string, string] => entry[1] !== null),
      ),
      body: JSON.stringify(body),
    });
  };

  it('listens on 127.0.0.1 only and prints a link carrying the token', () => {
    expect(new URL(server.origin).hostname).toBe('127.0.0.1');
    expect(server.openUrl).toBe(`${server.origin}/?token=${token}`);
  });

  it('answers a good call with the value', async () => {
    const response = await call('getAppInfo', {});
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ ok: true, value: { version: '9.9.9' } });
  });

  it('routes every contract procedure to the dispatcher', async () => {
    for (const name of procedureNames) {
      const response = await call(name, {});
      // Some need input or an unlocked session; none may be unknown to the bridge.
      expect(JSON.parse(response.body).error?.code, name).not.toBe('NOT_FOUND');
    }
  });

  it('refuses a call without the token with UNAUTHORIZED', async () => {
    const response = await call('getSettings', {}, { 'x-salw-bridge-token': null });
    expect(response.status).toBe(401);
    expect(JSON.parse(response.body).error.code).toBe('UNAUTHORIZED');
  });

  it('refuses a call with a wrong token of the same length', async () => {
    const wrong = token.replace(/.$/, 'X');
    const response = await call('getSettings', {}, { 'x-salw-bridge-token': wrong });
    expect(JSON.parse(response.body).error.code).toBe('UNAUTHORIZED');
  });

  it('refuses a call from another origin with FORBIDDEN, even with the token', async () => {
    const response = await call('getSettings', {}, { origin: 'http://evil.example' });
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body).error.code).toBe('FORBIDDEN');
  });

  it('refuses a call with no Origin at all', async () => {
    const { status, body } = await request(server, {
      method: 'POST',
      path: '/__bridge/call/getSettings',
      headers: {
        host: new URL(server.origin).host,
        'content-type': 'application/json',
        'x-salw-bridge-token': token,
      },
      body: '{}',
    });
    expect(status).toBe(403);
    expect(JSON.parse(body).error.code).toBe('FORBIDDEN');
  });

  it('answers an unknown procedure with NOT_FOUND naming it', async () => {
    const response = await call('dropAllTables', {});
    expect(response.status).toBe(404);
    const { error } = JSON.parse(response.body);
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain('dropAllTables');
  });

  it('answers wrong types with VALIDATION_ERROR and the failing paths', async () => {
    const response = await call('updateSettings', { input: { theme: 42, language: 'klingon' } });
    expect(response.status).toBe(400);
    const { error } = JSON.parse(response.body);
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.issues.map((issue: { path: string }) => issue.path).sort()).toEqual([
      'language',
      'theme',
    ]);
  });

  it('answers a body that is not JSON with VALIDATION_ERROR', async () => {
    const { status, body } = await request(server, {
      method: 'POST',
      path: '/__bridge/call/getSettings',
      headers: {
        host: new URL(server.origin).host,
        origin: server.origin,
        'content-type': 'application/json',
        'x-salw-bridge-token': token,
      },
      body: '{"input": ',
    });
    expect(status).toBe(400);
    expect(JSON.parse(body).error).toMatchObject({
      code: 'VALIDATION_ERROR',
      message: 'The request body is not valid JSON.',
    });
  });

  it('refuses a form-encoded body (a cross-site form cannot call the bridge)', async () => {
    const response = await call('getSettings', {}, { 'content-type': 'text/plain' });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).error.code).toBe('VALIDATION_ERROR');
  });

  it('refuses a body over the size limit', async () => {
    const response = await call('updateSettings', {
      input: { serverUrl: 'x'.repeat(MAX_BRIDGE_BODY_BYTES + 1) },
    });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).error.message).toMatch(/larger than/);
  });

  it('refuses a request whose Host is not its loopback address (DNS rebinding)', async () => {
    const response = await request(server, { path: '/', headers: { host: 'attacker.example' } });
    expect(response.status).toBe(421);
  });

  it('trades a valid token link for an HttpOnly, SameSite=Strict cookie', async () => {
    const response = await request(server, {
      path: `/?token=${token}`,
      headers: { host: new URL(server.origin).host },
    });
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/');
    expect(response.headers['set-cookie']?.[0]).toMatch(/HttpOnly/);
    expect(response.headers['set-cookie']?.[0]).toMatch(/SameSite=Strict/);
  });

  it('refuses a stale or wrong token link', async () => {
    const response = await request(server, {
      path: '/?token=old',
      headers: { host: new URL(server.origin).host },
    });
    expect(response.status).toBe(401);
    expect(response.body).toContain('npm run preview');
  });

  it('accepts the cookie in place of the header', async () => {
    const response = await call(
      'getSettings',
      {},
      {
        'x-salw-bridge-token': null,
        cookie: `other=1; salw_preview_token=${token}`,
      },
    );
    expect(JSON.parse(response.body).ok).toBe(true);
  });

  it('serves index.html with the production CSP and the bridge script before the app script', async () => {
    const response = await request(server, {
      path: '/',
      headers: { host: new URL(server.origin).host },
    });
    expect(response.status).toBe(200);
    expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(response.body.indexOf(BRIDGE_SCRIPT)).toBeGreaterThan(-1);
    expect(response.body.indexOf(BRIDGE_SCRIPT)).toBeLessThan(
      response.body.indexOf('assets/app.js'),
    );
  });

  it("keeps every call's answer and the page out of Chromium's disk cache (Cache-Control: no-store)", async () => {
    // Answers carry record text (a record, a search's results, an unsaved backup); a browser
    // profile caches on disk in clear whatever it is allowed to (issue 12).
    const answers = [
      await call('getSettings', {}),
      await call('updateSettings', { input: { theme: 42 } }),
      await call('getUnsavedBackup', { input: { id: '0190f0e0-0000-7000-8000-000000000001' } }),
      await request(server, { path: '/', headers: { host: new URL(server.origin).host } }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([200, 400, 423, 200]);
    for (const answer of answers) expect(answer.headers['cache-control']).toBe('no-store');
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/assets/..%5c..%5csecret.txt',
    '/%00',
  ])('never serves files outside the renderer build (%s)', async (pathname) => {
    const response = await request(server, {
      path: pathname,
      headers: { host: new URL(server.origin).host },
    });
    expect(response.status).toBe(404);
    expect(response.body).not.toContain('outside the renderer build');
  });

  it('pushes contract events to the page over server-sent events', async () => {
    const received = new Promise<string>((resolve, reject) => {
      const url = new URL(server.origin);
      const req = http.get(
        {
          host: url.hostname,
          port: url.port,
          path: '/__bridge/events',
          headers: { host: url.host, cookie: `salw_preview_token=${token}` },
        },
        (response) => {
          let text = '';
          response.on('data', (chunk: Buffer) => {
            text += chunk.toString('utf8');
            if (text.includes('event: settingsChanged')) {
              req.destroy();
              resolve(text);
            }
          });
        },
      );
      req.on('error', (error) =>
        error.message.includes('socket hang up') ? undefined : reject(error),
      );
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await call('updateSettings', { input: { theme: 'dark' } });
    const text = await received;
    expect(text).toContain('"theme":"dark"');
  });

  it('keeps serving after all of the above', async () => {
    const response = await call('getSettings', {});
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body).value.theme).toBe('dark');
  });
});
