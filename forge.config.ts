import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { FusesPlugin } from '@electron-forge/plugin-fuses';
import { VitePlugin } from '@electron-forge/plugin-vite';
import type { ForgeConfig } from '@electron-forge/shared-types';

import { copyDocumentFonts } from './packaging/document-fonts.ts';
import { fuseOptions, packageFlavour } from './packaging/fuses.ts';
import { NATIVE_MODULES, copyNativeModules } from './packaging/native-modules.ts';

// Forge loads this file through jiti; resolve the project root from the file, not the cwd.
const projectDir = path.dirname(fileURLToPath(import.meta.url));

/**
 * Forge owns the *contents* of the app (bundles, asar, unpacked natives, fuses); electron-builder
 * only wraps Forge's output into installers (`packaging/make-installers.ts`), so no makers here.
 */
const config: ForgeConfig = {
  packagerConfig: {
    // Also names Forge's output folder: out/salw-field-<platform>-<arch>.
    name: 'salw-field',
    executableName: 'salw-field',
    appBundleId: 'org.salwfield.app',
    // S13: the app ships as an asar so EnableEmbeddedAsarIntegrityValidation/OnlyLoadAppFromAsar
    // mean something. Native `.node` files cannot be dlopen()ed from inside an asar, so they are
    // unpacked. This is what @electron-forge/plugin-auto-unpack-natives does, done by hand because
    // that plugin has no Forge 8 release. Its pattern, not a bare `**/*.node`: asar matches it
    // against the absolute staging path, and `**` skips dot folders (e.g. a TMPDIR under ~/.cache),
    // which would silently leave the driver inside the asar and break the first DB open.
    asar: { unpack: '**/{.**,**}/**/*.node' },
    // Packager appends .ico (Windows) / .icns (macOS); Linux icons come from electron-builder.
    icon: 'build/icon',
  },
  // The cipher driver ships N-API prebuilds that load unchanged in Electron, and rebuilding it would
  // need Electron headers from the internet. `onlyModules: []` rebuilds nothing, so a future native
  // dependency must be added here on purpose; `ignoreModules` keeps the driver out even then.
  rebuildConfig: {
    onlyModules: [],
    ignoreModules: NATIVE_MODULES.map((m) => m.name),
  },
  hooks: {
    // Runs before the plugins' packageAfterCopy hooks and before the rebuild step. Vite bundles
    // everything except the native driver, and the Vite plugin's `ignore` drops node_modules, so
    // the driver is copied back in here (electron/forge#3738), and so is the Arabic documents'
    // font, which main reads as a file, with its licence.
    packageAfterCopy: async (_forgeConfig, buildPath, _electronVersion, platform, arch) => {
      await copyNativeModules({ projectDir, buildPath, platform, arch });
      await copyDocumentFonts({ projectDir, buildPath });
    },
  },
  makers: [],
  plugins: [
    new VitePlugin({
      build: [
        { entry: 'electron/main.ts', config: 'vite.main.config.ts', target: 'main' },
        {
          entry: 'electron/sync/pull-page-worker.ts',
          config: 'vite.pull-worker.config.ts',
          target: 'main',
        },
        { entry: 'electron/preload.ts', config: 'vite.preload.config.ts', target: 'preload' },
      ],
      renderer: [{ name: 'main_window', config: 'vite.renderer.config.ts' }],
    }),
    // S12. SALW_PACKAGE_FLAVOUR=e2e is the only way to get a debuggable build; unset means release.
    new FusesPlugin(fuseOptions(packageFlavour(process.env))),
  ],
};

export default config;
