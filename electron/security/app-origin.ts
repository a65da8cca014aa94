/**
 * The renderer is served from this privileged custom scheme in production (S2), never `file://`:
 * `file://` would let any local HTML page share the renderer's origin and privileges.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;
