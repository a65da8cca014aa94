import { APP_PARTITION } from './app-origin.ts';

/**
 * S1: every window's webPreferences. A structural type, not Electron's, because this folder must
 * not import `electron` (not even types); platform/window.ts hands the object to BrowserWindow and
 * the compiler checks the shapes match there.
 */
export interface SecureWebPreferences {
  readonly preload: string;
  readonly partition: string;
  readonly contextIsolation: true;
  readonly sandbox: true;
  readonly nodeIntegration: false;
  readonly nodeIntegrationInWorker: false;
  readonly nodeIntegrationInSubFrames: false;
  readonly webSecurity: true;
  readonly allowRunningInsecureContent: false;
  readonly experimentalFeatures: false;
  readonly webviewTag: false;
  readonly navigateOnDragDrop: false;
  readonly spellcheck: false;
  readonly devTools: boolean;
}

export function secureWebPreferences(preloadPath: string, devTools: boolean): SecureWebPreferences {
  return {
    preload: preloadPath,
    // In memory only (see APP_PARTITION): no web storage of the renderer ever reaches the disk.
    partition: APP_PARTITION,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    // S14: DevTools only in development builds.
    devTools,
  };
}
