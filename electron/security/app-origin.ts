/**
 * The renderer is served from this privileged custom scheme in production (S2), never `file://`:
 * `file://` would let any local HTML page share the renderer's origin and privileges.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * The window's session partition. No `persist:` prefix, so it lives in memory only: Chromium
 * keeps sessionStorage, localStorage, caches, cookies and session-history form state of a
 * persistent profile on disk, in clear. Nothing the renderer stores may reach the disk outside
 * the encrypted store; unsaved typing is kept by main, not the page (unsaved-typing-store.ts),
 * so the browser preview, whose Chromium has a real profile, writes none either.
 */
export const APP_PARTITION = 'salw-field';
