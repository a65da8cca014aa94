import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** Text the browser fetches (not index.html: about 1 KB); images and fonts are compressed already. */
const compressible = /\.(?:js|mjs|css|json|svg)$/;
/** Below this a compressed copy saves less than its headers cost. */
const smallest = 1024;

/**
 * A Brotli and a gzip copy beside every text file of a build (`index-Ab12.js.br`, `.gz`), for a
 * server that sends them to browsers that accept them (@fastify/static's preCompressed): the web
 * console's scripts, styles and 1.4 MB basemap are mostly repetitive text, and a coordinator may
 * open the console over a slow link. Made once at build time, at the strongest settings, so the
 * server compresses nothing per request.
 */
export function precompressedCopies(): Plugin {
  return {
    name: 'salw-precompressed-copies',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir;
      if (dir === undefined) return;
      await Promise.all(
        Object.values(bundle).map(async (output) => {
          if (!compressible.test(output.fileName)) return;
          const content = output.type === 'chunk' ? output.code : output.source;
          const bytes = Buffer.from(content);
          if (bytes.length < smallest) return;
          const file = path.join(dir, output.fileName);
          await writeFile(
            `${file}.br`,
            await brotli(bytes, {
              params: {
                [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
                [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
              },
            }),
          );
          await writeFile(`${file}.gz`, await gzipped(bytes, { level: 9 }));
        }),
      );
    },
  };
}
