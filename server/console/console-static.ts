import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/content-security-policy.ts';

/** Where `npm run build:console` (vite.console.config.ts) writes the console. */
export const defaultConsoleDir = path.join(import.meta.dirname, '..', '..', '.vite', 'console');

const immutable = 'public, max-age=31536000, immutable';

/** Whether a served file is one of the build's content-hashed assets (`assets/name-hash.js`). */
function isHashedAsset(consoleDir: string, file: string): boolean {
  const relative = path.relative(consoleDir, file).split(path.sep);
  return relative.length === 2 && relative[0] === 'assets';
}

/**
 * Serves the console's build at /console/ with the renderer's own strict CSP as a header (its
 * index.html carries the same policy as <meta>), and headers that keep it out of frames and
 * other sites' referrers. Without a build the address says how to make one.
 */
export function consoleStaticPlugin(consoleDir: string) {
  return async (app: FastifyInstance): Promise<void> => {
    app.addHook('onSend', async (_request, reply) => {
      void reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
      void reply.header('x-content-type-options', 'nosniff');
      void reply.header('referrer-policy', 'no-referrer');
      void reply.header('x-frame-options', 'DENY');
    });
    app.get('/console', async (_request, reply) => reply.redirect('/console/'));
    if (!existsSync(path.join(consoleDir, 'index.html'))) {
      app.get('/console/*', async (_request, reply) =>
        reply
          .code(404)
          .type('text/plain; charset=utf-8')
          .send('The web console is not built: run `npm run build:console`, then reload.'),
      );
      return;
    }
    await app.register(fastifyStatic, {
      root: consoleDir,
      prefix: '/console/',
      // A list: with preCompressed, @fastify/static (10) looks a directory's index up only in a
      // list, and answers /console/ with 404 to a browser that accepts compression otherwise.
      index: ['index.html'],
      // The build writes a Brotli and a gzip copy of each text file (precompress-vite-plugin.ts):
      // a browser that accepts one gets it, with Vary: Accept-Encoding.
      preCompressed: true,
      // Hashed assets (Vite writes them under assets/) never change. Everything else keeps its
      // name across upgrades and must be checked again: index.html, and the map's basemap
      // (basemap/countries.json), whose borders change with the locked world-atlas.
      setHeaders: (reply, file) => {
        void reply.header(
          'cache-control',
          isHashedAsset(consoleDir, file) ? immutable : 'no-cache',
        );
      },
    });
  };
}
