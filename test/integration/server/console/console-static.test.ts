import { mkdir, writeFile } from 'node:fs/promises';
import { brotliCompressSync, brotliDecompressSync, gzipSync, gunzipSync } from 'node:zlib';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basemapFileName } from '../../../../packaging/basemap.ts';
import { consoleStaticPlugin } from '../../../../server/console/console-static.ts';
import { CONTENT_SECURITY_POLICY } from '../../../../shared/security/content-security-policy.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

const script = 'assets/index-Ab12Cd34.js';

/** A console build in miniature: the files `npm run build:console` writes, by the same names. */
const files: Record<string, string> = {
  'index.html': '<!doctype html><meta charset="utf-8" /><div id="root"></div>',
  'assets/index-Ab12Cd34.js': 'console.log(1);',
  'assets/maplibre-gl-worker-Ef56Gh78.mjs': 'self.onmessage = () => {};',
  [basemapFileName]: JSON.stringify({ type: 'FeatureCollection', attribution: '', features: [] }),
};

/**
 * The console's static files as the server sends them: the map's basemap as JSON that a browser
 * may fetch under the console's CSP and must check again after an upgrade, MapLibre's worker as
 * a script a module worker accepts, and hashed assets cached for good.
 */
describe('the console’s static files', () => {
  let app: FastifyInstance;
  let remove: () => Promise<void>;

  beforeAll(async () => {
    const temp = await makeTempDir('console-static');
    remove = temp.remove;
    for (const [name, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(temp.dir, name)), { recursive: true });
      await writeFile(path.join(temp.dir, name), text);
    }
    // The compressed copies the build writes beside its text files (precompress-vite-plugin.ts).
    for (const name of [script, basemapFileName]) {
      await writeFile(path.join(temp.dir, `${name}.br`), brotliCompressSync(files[name]!));
      await writeFile(path.join(temp.dir, `${name}.gz`), gzipSync(files[name]!));
    }
    app = Fastify();
    await app.register(consoleStaticPlugin(temp.dir));
    await app.ready();
  });

  afterAll(async () => {
    await app?.close();
    await remove?.();
  });

  it('serves the basemap as JSON, under the CSP, checked again after an upgrade', async () => {
    const response = await app.inject({ method: 'GET', url: `/console/${basemapFileName}` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json\b/);
    expect(response.json()).toMatchObject({ type: 'FeatureCollection' });
    expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    // Not hashed: a year's cache would keep last version's borders after an upgrade.
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it('serves MapLibre’s worker as JavaScript and hashed assets for good', async () => {
    const worker = await app.inject({
      method: 'GET',
      url: '/console/assets/maplibre-gl-worker-Ef56Gh78.mjs',
    });
    expect(worker.statusCode).toBe(200);
    // nosniff: a module worker is refused unless its type is JavaScript.
    expect(worker.headers['content-type']).toMatch(/^(text|application)\/javascript\b/);
    expect(worker.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const script = await app.inject({ method: 'GET', url: '/console/assets/index-Ab12Cd34.js' });
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('sends the build’s compressed copy to a browser that accepts it, the file itself to others', async () => {
    for (const name of [script, basemapFileName]) {
      const url = `/console/${name}`;
      const br = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br' } });
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers['vary']).toMatch(/accept-encoding/i);
      expect(brotliDecompressSync(br.rawPayload).toString()).toBe(files[name]);
      const gz = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gz.rawPayload).toString()).toBe(files[name]);
      const plain = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': '' } });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body).toBe(files[name]);
      // Still the CSP and the cache rules of the file it stands for.
      expect(br.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(br.headers['cache-control']).toBe(plain.headers['cache-control']);
      expect(br.headers['content-type']).toBe(plain.headers['content-type']);
    }
  });

  it('serves index.html to be read again, and no file outside the build', async () => {
    const index = await app.inject({ method: 'GET', url: '/console/' });
    expect(index.statusCode).toBe(200);
    // As a browser asks for it, accepting compressed copies (the build makes none of index.html).
    const asked = await app.inject({
      method: 'GET',
      url: '/console/',
      headers: { 'accept-encoding': 'gzip, deflate, br, zstd' },
    });
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toBe(files['index.html']);
    expect(index.headers['content-type']).toMatch(/^text\/html\b/);
    expect(index.headers['cache-control']).toBe('no-cache');
    const outside = await app.inject({ method: 'GET', url: '/console/../package.json' });
    expect(outside.statusCode).toBe(404);
  });
});
