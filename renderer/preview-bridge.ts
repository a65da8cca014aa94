import './zod-config.ts';
import type { EventName, ProcedureName } from '../shared/ipc/contract.ts';
import { createApi } from '../shared/ipc/create-api.ts';
import { IpcResultSchema, type IpcResult } from '../shared/ipc/errors.ts';
import { BRIDGE_CALL_PREFIX, BRIDGE_EVENTS_PATH } from '../shared/ipc/preview-bridge-protocol.ts';

/**
 * Browser preview only: installs `window.api` over the loopback HTTP bridge, built from the same
 * contract and createApi() as Electron's preload, so the app cannot tell the two apart. The bridge
 * token travels in an HttpOnly cookie the page never sees.
 */
async function invoke(procedure: ProcedureName, input: unknown): Promise<IpcResult<unknown>> {
  let response: Response;
  try {
    response = await fetch(`${BRIDGE_CALL_PREFIX}${encodeURIComponent(procedure)}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input === undefined ? {} : { input }),
    });
  } catch {
    return {
      ok: false,
      error: {
        code: 'UNAVAILABLE',
        message: 'The preview host is not reachable. Is "npm run preview" still running?',
      },
    };
  }
  const parsed = IpcResultSchema.safeParse(await response.json().catch(() => null));
  if (!parsed.success) {
    return {
      ok: false,
      error: {
        code: 'INTERNAL',
        message: `The preview host answered ${response.status} without a result.`,
      },
    };
  }
  return parsed.data;
}

let source: EventSource | undefined;

function subscribe(event: EventName, listener: (payload: unknown) => void): () => void {
  source ??= new EventSource(BRIDGE_EVENTS_PATH, { withCredentials: true });
  const handler = (message: MessageEvent<string>) => listener(JSON.parse(message.data));
  source.addEventListener(event, handler);
  return () => source?.removeEventListener(event, handler);
}

Object.defineProperty(window, 'api', {
  value: createApi({ invoke, subscribe }),
  enumerable: true,
  writable: false,
  configurable: false,
});
