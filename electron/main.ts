import path from 'node:path';
import { app, type BrowserWindow } from 'electron';
import { composeMainServices } from './compose-main-services.ts';
import { createDispatcher } from './ipc/dispatcher.ts';
import { kdfCostsFor } from './keys/kdf.ts';
import { createStderrLogger } from './logging/logger.ts';
import { electronEnvironment, resolveDataDirectory } from './platform/environment.ts';
import { electronDocumentOutput } from './platform/document-output.ts';
import { electronExportDestination } from './platform/export-destination.ts';
import { bindIpc, windowEventSink } from './platform/ipc.ts';
import { createElectronKeychain } from './platform/os-keychain.ts';
import { createElectronPositionSource } from './platform/position-source.ts';
import { registerAppScheme, serveRendererOverAppScheme } from './platform/protocol.ts';
import { installSecurityHooks } from './platform/security-hooks.ts';
import { createElectronSettingsBacking } from './platform/settings-backing.ts';
import { createMainWindow } from './platform/window.ts';
import { APP_ENTRY_URL, APP_ORIGIN } from './security/app-origin.ts';

/** Defined by Forge's Vite plugin during `npm start`; absent in packaged and standalone builds. */
declare const MAIN_WINDOW_VITE_DEV_SERVER_URL: string | undefined;

/**
 * Composition root of the desktop app: lifecycle, Electron adapters, IPC binding, the window.
 * Everything with a decision in it lives outside platform/ and is tested in plain Node.
 */
function main(): void {
  // S14: a second instance would open the same encrypted database; it focuses the first and exits.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.enableSandbox();
  registerAppScheme();

  const log = createStderrLogger();
  const dataDirectory = resolveDataDirectory(process.argv, process.env);
  const devServerUrl =
    typeof MAIN_WINDOW_VITE_DEV_SERVER_URL === 'string' && !app.isPackaged
      ? MAIN_WINDOW_VITE_DEV_SERVER_URL
      : undefined;
  const trustedOrigins =
    devServerUrl === undefined ? [APP_ORIGIN] : [APP_ORIGIN, new URL(devServerUrl).origin];
  let mainWindow: BrowserWindow | null = null;

  app.on('second-instance', () => {
    if (mainWindow === null) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());

  void app.whenReady().then(async () => {
    installSecurityHooks(trustedOrigins);
    serveRendererOverAppScheme(path.join(__dirname, '..', 'renderer', 'main_window'));
    const services = await composeMainServices({
      environment: electronEnvironment(dataDirectory),
      settingsBacking: createElectronSettingsBacking(dataDirectory),
      keychain: createElectronKeychain(),
      // A packaged app always derives keys at full cost; the test knob works only in development.
      kdfCost: kdfCostsFor(app.isPackaged ? {} : process.env),
      events: windowEventSink(() => mainWindow),
      documents: electronDocumentOutput(() => mainWindow),
      exports: electronExportDestination(() => mainWindow),
      position: createElectronPositionSource(() => mainWindow),
      log,
      // The pull's page reader thread, bundled beside main.cjs (vite.pull-worker.config.ts).
      sync: { pullWorker: path.join(__dirname, 'pull-page-worker.cjs') },
    });
    // Quit waits (once) for the database to close at rest: its threads end, then its log is
    // emptied into the file (Session.lock).
    let disposed = false;
    app.on('will-quit', (event) => {
      if (disposed) return;
      disposed = true;
      event.preventDefault();
      void services.dispose().finally(() => app.quit());
    });
    bindIpc(
      createDispatcher({
        handlers: services.handlers,
        trustedOrigins,
        checkOutput: !app.isPackaged,
        log,
      }),
    );
    mainWindow = createMainWindow({
      preloadPath: path.join(__dirname, 'preload.cjs'),
      entryUrl: devServerUrl ?? APP_ENTRY_URL,
      devTools: !app.isPackaged,
      title: app.getName(),
    });
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
    log.info('app.started', { version: app.getVersion(), dataDirectory });
  });
}

main();
