import { contextBridge, ipcRenderer } from 'electron';
import { eventChannel, procedureChannel } from '../shared/ipc/contract.ts';
import { createApi } from '../shared/ipc/create-api.ts';

/**
 * S9: the preload exposes exactly one frozen object, `window.api`, built from the contract, and
 * nothing else: no ipcRenderer, no generic invoke, no Electron event objects in callbacks.
 */
contextBridge.exposeInMainWorld(
  'api',
  createApi({
    invoke: (procedure, input) =>
      ipcRenderer.invoke(procedureChannel(procedure), input).catch(() => ({
        ok: false as const,
        error: { code: 'UNAVAILABLE' as const, message: 'The main process did not answer.' },
      })),
    subscribe: (event, listener) => {
      const channel = eventChannel(event);
      const forward = (_event: unknown, payload: unknown) => listener(payload);
      ipcRenderer.on(channel, forward);
      return () => {
        ipcRenderer.removeListener(channel, forward);
      };
    },
  }),
);
