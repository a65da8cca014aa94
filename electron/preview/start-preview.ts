import { randomBytes } from 'node:crypto';
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { composeMainServices } from '../compose-main-services.ts';
import { createDispatcher } from '../ipc/dispatcher.ts';
import type { EventSink } from '../ipc/handler-table.ts';
import type { Logger } from '../logging/logger.ts';
import { positionSourceFromTestEnv } from '../geolocation/position-source.ts';
import { kdfCostsFor } from '../keys/kdf.ts';
import { unavailableKeychain } from '../keys/os-keychain.ts';
import { createNodeSettingsBacking } from '../settings/node-settings-backing.ts';
import { startBridgeServer } from './bridge-server.ts';

export interface PreviewOptions {
  readonly dataDir: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly rendererDir: string;
  readonly projectDir: string;
  readonly log: Logger;
}

export interface RunningPreview {
  readonly url: string;
  readonly origin: string;
  readonly dataDir: string;
  stop(): Promise<void>;
}

/**
 * The browser preview: the same services main.ts composes, with Node adapters instead of
 * Electron's, behind an HTTP bridge instead of ipcMain. Used by `npm run preview` and by the
 * renderer test tier.
 */
export async function startPreview(options: PreviewOptions): Promise<RunningPreview> {
  await assertRendererBuilt(options.rendererDir);
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  const packageJson = JSON.parse(
    await readFile(path.join(options.projectDir, 'package.json'), 'utf8'),
  ) as { version: string; productName: string };

  // The bridge is created after the services, but services may emit events at any time.
  const events: { sink?: EventSink } = {};
  const services = await composeMainServices({
    environment: {
      name: packageJson.productName,
      version: packageJson.version,
      dataDirectory: path.resolve(options.dataDir),
      platform: process.platform,
      arch: process.arch,
      runtime: { kind: 'browser-preview', node: process.versions.node },
    },
    settingsBacking: createNodeSettingsBacking(options.dataDir),
    // The preview has no OS keychain: the keychain slot is simply not offered there.
    keychain: unavailableKeychain,
    // No position source either (see position-source.ts), except a fixed one for renderer tests.
    position: positionSourceFromTestEnv(process.env.SALW_TEST_POSITION),
    kdfCost: kdfCostsFor(process.env),
    events: { emit: (event, payload) => events.sink?.emit(event, payload) },
    log: options.log,
    // Renderer tests that stage "another laptop changed it before this one heard" turn the
    // server's event stream off (automated tests only); a person's preview always listens.
    sync: {
      pullWorker: new URL('../sync/pull-page-worker.ts', import.meta.url),
      ...(process.env.SALW_TEST_SYNC_POLL_ONLY === '1' ? { liveUpdates: false } : {}),
    },
  });

  const server = await startBridgeServer({
    rendererDir: options.rendererDir,
    createDispatch: (origin) =>
      createDispatcher({
        handlers: services.handlers,
        trustedOrigins: [origin],
        checkOutput: true,
        log: options.log,
      }),
    token: randomBytes(32).toString('base64url'),
    port: options.port,
    log: options.log,
  });
  events.sink = server;

  return {
    url: server.openUrl,
    origin: server.origin,
    dataDir: path.resolve(options.dataDir),
    async stop() {
      await server.close();
      await services.dispose();
    },
  };
}

async function assertRendererBuilt(rendererDir: string): Promise<void> {
  try {
    await stat(path.join(rendererDir, 'index.html'));
  } catch {
    throw new Error(
      `The renderer build was not found in ${rendererDir}. Run "npm run build:renderer" (npm run preview does this for you).`,
    );
  }
}
