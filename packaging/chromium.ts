import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's Chromium, as the icon renderer (packaging/render-icons.ts) and the renderer test tier
 * drive it. Flags for a headless Chromium on a closed network, as root, with no background chatter.
 */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * Finds a Chromium: CHROMIUM_PATH, then Debian's /usr/bin/chromium, then a
 * browser Playwright itself installed. Never downloads one.
 */
export function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  exists: (file: string) => boolean = existsSync,
  playwrightPath: () => string | undefined = safePlaywrightPath,
): string {
  const candidates = [env.CHROMIUM_PATH, '/usr/bin/chromium', playwrightPath()].filter(
    (candidate): candidate is string => candidate !== undefined && candidate !== '',
  );
  const found = candidates.find((candidate) => exists(candidate));
  if (found !== undefined) return found;
  throw new Error(
    [
      "No Chromium found (needed by the renderer tests and the icon renderer). Looked at: CHROMIUM_PATH, /usr/bin/chromium, Playwright's own browser.",
      'Install one with `sudo apt-get install -y chromium` (Debian/Ubuntu), or point CHROMIUM_PATH at a Chromium or Chrome binary.',
    ].join('\n'),
  );
}

function safePlaywrightPath(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), args: chromiumArgs, headless: true });
}
