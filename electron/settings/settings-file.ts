import { defaultSettings } from '../../shared/settings/settings.ts';

/**
 * The options both settings backings hand to Conf: `<dataDir>/settings.json`, the shared defaults,
 * and a corrupt file treated as absent (readSettings() then restores defaults) instead of stopping
 * the app from starting. electron-store passes them through to Conf unchanged.
 */
export function settingsFileOptions(dataDir: string) {
  return {
    cwd: dataDir,
    configName: 'settings',
    defaults: { ...defaultSettings } as Record<string, unknown>,
    clearInvalidConfig: true,
  };
}
