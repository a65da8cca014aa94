import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY_META } from './electron/security/content-security-policy.ts';
import { offlineBasemap } from './packaging/basemap-vite-plugin.ts';

const projectDir = import.meta.dirname;
const rendererDir = path.join(projectDir, 'renderer');

/**
 * S3: writes the one CSP (electron/security/content-security-policy.ts) into index.html as the first
 * element of <head>, so the meta tag and the header sent by app:// and the preview can never drift.
 */
function contentSecurityPolicyMeta(): Plugin {
  const charset = '<meta charset="utf-8" />';
  return {
    name: 'salw-csp-meta',
    // Builds only: the Vite dev server behind `npm start` needs inline scripts for React refresh.
    // Every build that ships, and the browser preview, carries the policy.
    apply: 'build',
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        if (!html.includes(charset)) throw new Error(`index.html must contain ${charset}`);
        // Right after <meta charset>, before any script or style the policy governs.
        const meta = `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY_META}" />`;
        return html.replace(charset, `${charset}\n    ${meta}`);
      },
    },
  };
}

/**
 * The renderer bundle. Builds standalone (`vite build -c vite.renderer.config.ts`, what CI and the
 * browser preview use) and under Forge's Vite plugin, which merges this config over its own.
 * `preview-bridge.js` is a second entry that only the browser preview loads; index.html never does.
 */
export default defineConfig({
  root: rendererDir,
  base: './',
  publicDir: path.join(rendererDir, 'public'),
  plugins: [react(), contentSecurityPolicyMeta(), offlineBasemap()],
  build: {
    outDir: path.join(projectDir, '.vite', 'renderer', 'main_window'),
    emptyOutDir: true,
    target: 'chrome130',
    // The modulepreload polyfill is dead weight in Chromium and the CSP needs no exception for it.
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: {
        index: path.join(rendererDir, 'index.html'),
        'preview-bridge': path.join(rendererDir, 'preview-bridge.ts'),
      },
      output: {
        entryFileNames: (chunk) =>
          chunk.name === 'preview-bridge' ? 'preview-bridge.js' : 'assets/[name]-[hash].js',
      },
    },
  },
  server: { host: '127.0.0.1' },
});
