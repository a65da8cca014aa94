/**
 * The browser preview's HTTP bridge, shared by the host (bridge-server.ts) and the page
 * (renderer/preview-bridge.ts) so the two can never disagree on a path or a name.
 */
export const BRIDGE_CALL_PREFIX = '/__bridge/call/';
export const BRIDGE_EVENTS_PATH = '/__bridge/events';
export const BRIDGE_COOKIE = 'salw_preview_token';
export const BRIDGE_TOKEN_HEADER = 'x-salw-bridge-token';
export const BRIDGE_SCRIPT = 'preview-bridge.js';
/** Room for the largest call: a 25 MiB photo as base64 (about 33.4 MiB) plus its envelope. */
export const MAX_BRIDGE_BODY_BYTES = 36 * 1024 * 1024;
