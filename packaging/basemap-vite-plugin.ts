import type { Plugin } from 'vite';
import { basemapFileName, buildBasemapJson } from './basemap.ts';

/**
 * The offline map's basemap (packaging/basemap.ts), built from the locked `world-atlas` on every
 * build and emitted at `basemap/countries.json` next to index.html; the dev server answers the
 * same path. Never committed: it is derived, reproducible, and 1.4 MB of JSON. One plugin for
 * every bundle that shows the map (the laptop's renderer and the server's web console), so both
 * draw the same borders.
 */
export function offlineBasemap(): Plugin {
  let json: Promise<string> | undefined;
  const once = () => (json ??= buildBasemapJson());
  return {
    name: 'salw-offline-basemap',
    async generateBundle() {
      this.emitFile({ type: 'asset', fileName: basemapFileName, source: await once() });
    },
    configureServer(server) {
      // Relative to the dev server's base (`/` for the renderer, `/console/` for the console).
      server.middlewares.use(
        `${server.config.base}${basemapFileName}`,
        (_request, response, next) => {
          once().then((text) => {
            response.setHeader('content-type', 'application/json; charset=utf-8');
            response.end(text);
          }, next);
        },
      );
    },
  };
}
