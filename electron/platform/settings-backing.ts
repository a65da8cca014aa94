import ElectronStore from 'electron-store';
import { settingsFileOptions } from '../settings/settings-file.ts';
import type { SettingsBacking } from '../settings/settings-service.ts';

/** Settings in the app: electron-store (a Conf subclass) on the same file as the Node hosts. */
export function createElectronSettingsBacking(dataDir: string): SettingsBacking {
  return new ElectronStore<Record<string, unknown>>(settingsFileOptions(dataDir));
}
