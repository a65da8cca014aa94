import ElectronStore from 'electron-store';
import { defaultSettings } from '../../shared/settings/settings.ts';
import type { SettingsBacking } from '../settings/settings-service.ts';

/** Settings in the app: electron-store (a Conf subclass), same file name and defaults as in Node. */
export function createElectronSettingsBacking(dataDir: string): SettingsBacking {
  return new ElectronStore<Record<string, unknown>>({
    cwd: dataDir,
    name: 'settings',
    defaults: { ...defaultSettings },
    clearInvalidConfig: true,
  });
}
