import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../../server/db/database.ts';
import { openDatabase } from '../../../../server/db/open-database.ts';
import { buildServer } from '../../../../server/http/build-server.ts';
import { ServerConfigSchema } from '../../../../server/server-config.ts';
import { commandLineActor } from '../../../../server/console/console-audit.ts';
import { inviteAccount } from '../../../../server/console/console-accounts.ts';
import { createMailer } from '../../../../server/console/mailer.ts';
import { consoleApiPrefix, consoleRoutes } from '../../../../shared/console/api.ts';
import { HealthResponseSchema, syncRoutes } from '../../../../shared/sync/protocol.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

/** GET over HTTPS trusting only the given certificate, as a laptop pinned to its server would. */
function httpsGet(url: string, ca: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca }, (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

describe('the server with a certificate and key (TLS)', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let db: Database;
  let app: FastifyInstance;
  let url: string;
  let cert: Buffer;

  beforeAll(async () => {
    temp = await makeTempDir('server-tls');
    const certFile = path.join(temp.dir, 'cert.pem');
    const keyFile = path.join(temp.dir, 'key.pem');
    // A self-signed certificate for 127.0.0.1, made the way an administrator would for a pilot.
    execFileSync('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ]);
    cert = readFileSync(certFile);
    const config = ServerConfigSchema.parse({
      host: '127.0.0.1',
      port: 0,
      dataDir: temp.dir,
      tlsCertFile: certFile,
      tlsKeyFile: keyFile,
    });
    db = await openDatabase(config);
    app = await buildServer({ config, db, log: false });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
  });

  afterAll(async () => {
    await app?.close();
    await db?.close();
    await temp?.remove();
  });

  it('listens on https and answers the health check over TLS', async () => {
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const response = await httpsGet(`${url}${syncRoutes.health}`, cert);
    expect(response.status).toBe(200);
    expect(HealthResponseSchema.parse(JSON.parse(response.body)).status).toBe('ok');
  });

  it('is refused by a client that does not trust the certificate', async () => {
    await expect(
      new Promise((resolve, reject) => {
        https.get(`${url}${syncRoutes.health}`, resolve).on('error', reject);
      }),
    ).rejects.toThrow(/self[- ]signed/i);
  });

  it("marks the console's session cookie Secure", async () => {
    const logged: string[] = [];
    const mailer = createMailer({ smtpUrl: undefined, from: 'x@y.z', warn: (m) => logged.push(m) });
    await inviteAccount(
      { db, mailer, consoleUrl: `${url}/console/`, now: new Date() },
      { email: 'tls@salw.test', role: 'viewer' },
      commandLineActor,
    );
    const code = /[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}/.exec(logged.join('\n'))?.[0];
    const body = JSON.stringify({ code, name: 'Tess', password: 'Granica-Sever-2026!' });
    const cookie = await new Promise<string | undefined>((resolve, reject) => {
      const request = https.request(
        `${url}${consoleApiPrefix}${consoleRoutes.acceptInvitation}`,
        {
          method: 'POST',
          ca: cert,
          headers: { 'content-type': 'application/json', origin: url },
        },
        (response) => {
          response.resume();
          resolve(response.headers['set-cookie']?.[0]);
        },
      );
      request.on('error', reject);
      request.end(body);
    });
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
  });
});
