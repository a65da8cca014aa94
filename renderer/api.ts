import type { Api } from '../shared/ipc/contract.ts';
import { createUnwrappedApi, type UnwrappedApi } from '../shared/ipc/create-api.ts';

declare global {
  interface Window {
    /** Installed by Electron's preload, or by preview-bridge.ts in the browser preview. */
    readonly api?: Api;
  }
}

let cached: UnwrappedApi | undefined;

/**
 * The renderer's one way to reach main: `window.api` with every result unwrapped, so a failed call
 * throws an IpcError that carries the typed code.
 */
export function api(): UnwrappedApi {
  if (cached !== undefined) return cached;
  if (window.api === undefined) {
    throw new Error('window.api is missing: the page was opened outside SALW Field.');
  }
  cached = createUnwrappedApi(window.api);
  return cached;
}

export function rawApi(): Api {
  if (window.api === undefined) {
    throw new Error('window.api is missing: the page was opened outside SALW Field.');
  }
  return window.api;
}
