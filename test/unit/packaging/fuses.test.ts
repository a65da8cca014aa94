import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { describe, expect, it, vi } from 'vitest';

import { fuseOptions, packageFlavour } from '../../../packaging/fuses.ts';

// S12/S13: the fuse values and the packaging shape that forge.config.ts really uses.

describe('fuseOptions', () => {
  const common = {
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  };

  it('locks everything down for release, including --inspect', () => {
    expect(fuseOptions('release')).toStrictEqual({
      version: FuseVersion.V1,
      ...common,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
    });
  });

  it('differs for e2e only in allowing CLI inspect arguments (Playwright _electron)', () => {
    expect(fuseOptions('e2e')).toStrictEqual({
      version: FuseVersion.V1,
      ...common,
      [FuseV1Options.EnableNodeCliInspectArguments]: true,
    });
  });
});

describe('packageFlavour', () => {
  it('defaults to release when unset or empty', () => {
    expect(packageFlavour({})).toBe('release');
    expect(packageFlavour({ SALW_PACKAGE_FLAVOUR: '' })).toBe('release');
  });

  it('accepts release and e2e', () => {
    expect(packageFlavour({ SALW_PACKAGE_FLAVOUR: 'release' })).toBe('release');
    expect(packageFlavour({ SALW_PACKAGE_FLAVOUR: 'e2e' })).toBe('e2e');
  });

  it.each(['E2E', 'debug', 'e2e ', 'production'])('rejects %j with a clear error', (value) => {
    expect(() => packageFlavour({ SALW_PACKAGE_FLAVOUR: value })).toThrow(
      /SALW_PACKAGE_FLAVOUR must be one of "release", "e2e"/,
    );
  });
});

describe('forge.config.ts', () => {
  async function loadForgeConfig(flavour: string | undefined) {
    vi.resetModules();
    if (flavour === undefined) vi.stubEnv('SALW_PACKAGE_FLAVOUR', undefined);
    else vi.stubEnv('SALW_PACKAGE_FLAVOUR', flavour);
    try {
      return (await import('../../../forge.config.ts')).default;
    } finally {
      vi.unstubAllEnvs();
    }
  }

  function pluginNamed(plugins: readonly unknown[] | undefined, name: string) {
    const found = (plugins ?? []).filter(
      (p): p is Record<string, unknown> =>
        typeof p === 'object' && p !== null && (p as { name?: unknown }).name === name,
    );
    expect(found).toHaveLength(1);
    return found[0] as Record<string, unknown>;
  }

  it('uses FusesPlugin with exactly the release fuses when SALW_PACKAGE_FLAVOUR is unset', async () => {
    const config = await loadForgeConfig(undefined);
    const { FusesPlugin } = await import('@electron-forge/plugin-fuses');
    const fuses = pluginNamed(config.plugins, 'fuses');
    expect(fuses).toBeInstanceOf(FusesPlugin);
    expect(fuses['fusesConfig']).toStrictEqual(fuseOptions('release'));
  });

  it('switches to the e2e fuses only when asked', async () => {
    const config = await loadForgeConfig('e2e');
    expect(pluginNamed(config.plugins, 'fuses')['fusesConfig']).toStrictEqual(fuseOptions('e2e'));
  });

  it('refuses to load with an unknown flavour rather than packaging something', async () => {
    await expect(loadForgeConfig('debug')).rejects.toThrow(/SALW_PACKAGE_FLAVOUR/);
  });

  it('packs the app into an asar with native .node files unpacked (S13)', async () => {
    const config = await loadForgeConfig(undefined);
    const asar = config.packagerConfig?.asar;
    expect(asar).toBeTypeOf('object');
    const unpack = String((asar as { unpack?: string }).unpack);
    expect(unpack).toContain('**/*.node');
    // The auto-unpack-natives pattern, which also matches under dot folders in the staging path.
    expect(unpack).toBe('**/{.**,**}/**/*.node');
  });

  it("builds main, the pull's page reader thread, preload and the main_window renderer with Vite", async () => {
    const config = await loadForgeConfig(undefined);
    const { VitePlugin } = await import('@electron-forge/plugin-vite');
    const vite = pluginNamed(config.plugins, 'vite');
    expect(vite).toBeInstanceOf(VitePlugin);
    expect(vite['config']).toStrictEqual({
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
    });
  });

  it('never rebuilds the N-API cipher driver and copies it back in after Forge copies the app', async () => {
    const config = await loadForgeConfig(undefined);
    expect(config.rebuildConfig?.onlyModules).toStrictEqual([]);
    expect(config.rebuildConfig?.ignoreModules).toContain('better-sqlite3-multiple-ciphers');
    expect(config.hooks?.packageAfterCopy).toBeTypeOf('function');
  });
});
