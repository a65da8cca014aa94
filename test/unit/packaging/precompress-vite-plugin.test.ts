import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { Rollup } from 'vite';
import { describe, expect, it } from 'vitest';
import { precompressedCopies } from '../../../packaging/precompress-vite-plugin.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

describe('the build’s compressed copies', () => {
  it('writes a Brotli and a gzip copy beside each script, style and JSON worth compressing, and only those', async () => {
    const temp = await makeTempDir('precompress');
    try {
      const script = 'const figure = "K1";\n'.repeat(200);
      const basemap = JSON.stringify({ features: Array(200).fill({ type: 'Feature' }) });
      const bundle = {
        'index.js': { type: 'chunk', fileName: 'index.js', code: script },
        'countries.json': { type: 'asset', fileName: 'countries.json', source: basemap },
        'tiny.css': { type: 'asset', fileName: 'tiny.css', source: 'a{}' },
        'index.html': { type: 'asset', fileName: 'index.html', source: '<p>SALW</p>'.repeat(200) },
        'photo.png': { type: 'asset', fileName: 'photo.png', source: new Uint8Array(4096) },
      } as unknown as Rollup.OutputBundle;
      for (const output of Object.values(bundle)) {
        const content = output.type === 'chunk' ? output.code : output.source;
        await writeFile(path.join(temp.dir, output.fileName), content);
      }
      const hook = precompressedCopies().writeBundle as (
        options: { dir: string },
        bundle: Rollup.OutputBundle,
      ) => Promise<void>;
      await hook.call({}, { dir: temp.dir }, bundle);
      expect((await readdir(temp.dir)).sort()).toEqual([
        'countries.json',
        'countries.json.br',
        'countries.json.gz',
        'index.html',
        'index.js',
        'index.js.br',
        'index.js.gz',
        'photo.png',
        'tiny.css',
      ]);
      const br = await readFile(path.join(temp.dir, 'index.js.br'));
      expect(brotliDecompressSync(br).toString()).toBe(script);
      expect(br.length).toBeLessThan(script.length / 10);
      const gz = await readFile(path.join(temp.dir, 'countries.json.gz'));
      expect(gunzipSync(gz).toString()).toBe(basemap);
    } finally {
      await temp.remove();
    }
  });
});
