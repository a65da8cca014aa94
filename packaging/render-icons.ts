import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { launchChromium } from './chromium.ts';

/**
 * Regenerates every raster icon from build/icon.svg, so the SVG stays the single source:
 *   build/icon.png            512 px (electron-builder fallback, Forge Linux window icon)
 *   build/icons/<n>x<n>.png   Linux hicolor sizes (electron-builder `linux.icon: icons`)
 *   build/icon.ico            Windows (Forge's packager embeds it in the .exe; NSIS uses it)
 *   build/icon.icns           macOS (Forge's packager copies it into the .app; DMG uses it)
 * Usage: node packaging/render-icons.ts   (CHROMIUM_PATH overrides /usr/bin/chromium)
 */

const LINUX_SIZES = [16, 32, 48, 64, 128, 256, 512] as const;
// 24 covers small icons at 150 % scaling; 256 is the largest size an ICO entry can declare.
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;
// PNG-payload ICNS types (macOS 10.7+). The 16/32 px 1x slots (icp4/icp5) are left out on purpose:
// several macOS versions mis-read PNG in them, and Finder downsamples the @2x entries instead.
const ICNS_TYPES = [
  ['ic11', 32],
  ['ic12', 64],
  ['ic07', 128],
  ['ic13', 256],
  ['ic08', 256],
  ['ic14', 512],
  ['ic09', 512],
  ['ic10', 1024],
] as const;

/** ICO with PNG-compressed entries (supported since Windows Vista; resedit/rcedit accept it). */
export function buildIco(images: ReadonlyArray<{ size: number; png: Buffer }>): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  const entries: Buffer[] = [];
  let offset = 6 + 16 * images.length;
  for (const { size, png } of images) {
    if (size > 256) throw new Error(`ICO entries are at most 256 px; got ${size}.`);
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size === 256 ? 0 : size, 0); // 0 means 256
    entry.writeUInt8(size === 256 ? 0 : size, 1);
    entry.writeUInt8(0, 2); // no palette
    entry.writeUInt8(0, 3);
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    entries.push(entry);
    offset += png.length;
  }
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

/** ICNS: big-endian 'icns' + total length, then (type, length incl. 8-byte header, PNG) chunks. */
export function buildIcns(chunks: ReadonlyArray<{ type: string; png: Buffer }>): Buffer {
  const parts = chunks.map(({ type, png }) => {
    if (!/^[\x20-\x7e]{4}$/.test(type)) throw new Error(`Bad ICNS type ${JSON.stringify(type)}.`);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + parts.reduce((n, p) => n + p.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

async function main(): Promise<void> {
  const buildDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'build');
  const svg = await readFile(path.join(buildDir, 'icon.svg'), 'utf8');
  const browser = await launchChromium();
  const rendered = new Map<number, Buffer>();
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    const sizes = new Set<number>([...LINUX_SIZES, ...ICO_SIZES, ...ICNS_TYPES.map(([, s]) => s)]);
    for (const size of [...sizes].sort((a, b) => a - b)) {
      await page.setViewportSize({ width: size, height: size });
      // The SVG is rasterised by Chromium at each target size (not scaled down from 512 px),
      // so small sizes get crisp edges.
      const sized = svg.replace(/width="\d+" height="\d+"/, `width="${size}" height="${size}"`);
      await page.setContent(
        `<!doctype html><html><head><style>html,body{margin:0;padding:0;background:transparent}` +
          `svg{display:block}</style></head><body>${sized}</body></html>`,
      );
      rendered.set(size, await page.screenshot({ omitBackground: true, type: 'png' }));
    }
  } finally {
    await browser.close();
  }
  const png = (size: number): Buffer => {
    const image = rendered.get(size);
    if (!image) throw new Error(`No ${size}px render.`);
    return image;
  };

  await mkdir(path.join(buildDir, 'icons'), { recursive: true });
  await writeFile(path.join(buildDir, 'icon.png'), png(512));
  for (const size of LINUX_SIZES) {
    await writeFile(path.join(buildDir, 'icons', `${size}x${size}.png`), png(size));
  }
  await writeFile(
    path.join(buildDir, 'icon.ico'),
    buildIco(ICO_SIZES.map((size) => ({ size, png: png(size) }))),
  );
  await writeFile(
    path.join(buildDir, 'icon.icns'),
    buildIcns(ICNS_TYPES.map(([type, size]) => ({ type, png: png(size) }))),
  );
  console.log(`Wrote icon.png, icons/, icon.ico and icon.icns to ${buildDir}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await main();
}
