import Conf from 'conf';
import { defaultSettings } from '../../shared/settings/settings.ts';
import type { SettingsBacking } from './settings-service.ts';

/**
 * Settings on disk for the Node hosts (browser preview, tests): `conf`, the class electron-store
 * extends, writing `<dataDir>/settings.json` atomically.
 */
export function createNodeSettingsBacking(dataDir: string): SettingsBacking {
  return new Conf<Record<string, unknown>>({
    cwd: dataDir,
    configName: 'settings',
    defaults: { ...defaultSettings },
    // A corrupt file must not stop the app from starting; readSettings() restores defaults.
    clearInvalidConfig: true,
  });
}
