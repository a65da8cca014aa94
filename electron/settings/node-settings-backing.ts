import Conf from 'conf';
import { settingsFileOptions } from './settings-file.ts';
import type { SettingsBacking } from './settings-service.ts';

/** Settings on disk for the Node hosts (browser preview, tests): `conf`, which electron-store extends. */
export function createNodeSettingsBacking(dataDir: string): SettingsBacking {
  return new Conf<Record<string, unknown>>(settingsFileOptions(dataDir));
}
