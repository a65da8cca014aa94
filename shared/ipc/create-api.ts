import {
  eventListenerKey,
  eventNames,
  procedureNames,
  type Api,
  type EventName,
  type ProcedureName,
  type Unsubscribe,
} from './contract.ts';
import { unwrapResult, type IpcResult } from './errors.ts';

/** How calls leave the renderer: ipcRenderer in Electron's preload, fetch in the browser preview. */
export interface ApiTransport {
  invoke(procedure: ProcedureName, input: unknown): Promise<IpcResult<unknown>>;
  subscribe(event: EventName, listener: (payload: unknown) => void): Unsubscribe;
}

/**
 * Builds the frozen `window.api` from the contract (security statement S9): exactly one function per
 * procedure and one `on…` per event, no generic invoke, and listeners receive the payload only,
 * never a transport event object.
 */
export function createApi(transport: ApiTransport): Api {
  const api: Record<string, unknown> = {};
  for (const name of procedureNames) {
    api[name] = (input?: unknown) => transport.invoke(name, input);
  }
  for (const event of eventNames) {
    api[eventListenerKey(event)] = (listener: (payload: unknown) => void): Unsubscribe => {
      if (typeof listener !== 'function') throw new TypeError('listener must be a function');
      return transport.subscribe(event, (payload) => listener(payload));
    };
  }
  return Object.freeze(api) as Api;
}

/** `window.api` with each result unwrapped: resolves to the value or throws an IpcError. */
export type UnwrappedApi = {
  readonly [N in ProcedureName]: (
    ...args: Parameters<Api[N]>
  ) => Promise<Extract<Awaited<ReturnType<Api[N]>>, { ok: true }>['value']>;
};

export function createUnwrappedApi(api: Api): UnwrappedApi {
  const unwrapped: Record<string, unknown> = {};
  for (const name of procedureNames) {
    const call = api[name] as (input?: unknown) => Promise<IpcResult<unknown>>;
    unwrapped[name] = async (input?: unknown) => unwrapResult(await call(input));
  }
  return Object.freeze(unwrapped) as UnwrappedApi;
}
