import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { offlineBasemap } from './packaging/basemap-vite-plugin.ts';
import { precompressedCopies } from './packaging/precompress-vite-plugin.ts';
import { CONTENT_SECURITY_POLICY_META } from './shared/security/content-security-policy.ts';

const projectDir = import.meta.dirname;
const consoleDir = path.join(projectDir, 'server', 'web');

/**
 * S3 for the web console: the renderer's one CSP (shared/security) as the first element of <head>;
 * the server sends the same policy as a header (server/console/console-static.ts).
 */
function contentSecurityPolicyMeta(): Plugin {
  const charset = '<meta charset="utf-8" />';
  return {
    name: 'salw-console-csp-meta',
    apply: 'build',
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        if (!html.includes(charset)) throw new Error(`index.html must contain ${charset}`);
        const meta = `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY_META}" />`;
        return html.replace(charset, `${charset}\n    ${meta}`);
      },
    },
  };
}

/**
 * The web console (server/web), served by the sync server at /console/ from .vite/console. Its
 * own bundle: it shares shared/ and the renderer's components and styles, never main's code, and
 * the laptop's basemap at the same place under its base (/console/basemap/countries.json).
 */
export default defineConfig({
  root: consoleDir,
  base: '/console/',
  publicDir: false,
  plugins: [react(), contentSecurityPolicyMeta(), offlineBasemap(), precompressedCopies()],
  build: {
    outDir: path.join(projectDir, '.vite', 'console'),
    emptyOutDir: true,
    target: 'chrome130',
    modulePreload: { polyfill: false },
  },
  server: { host: '127.0.0.1' },
});
