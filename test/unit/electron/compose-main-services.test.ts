import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fastTestCost } from '../../../electron/keys/kdf.ts';
import { unavailableKeychain } from '../../../electron/keys/os-keychain.ts';
import { composeMainServices, type MainServices } from '../../../electron/compose-main-services.ts';
import type { EventSink } from '../../../electron/ipc/handler-table.ts';
import type { Logger } from '../../../electron/logging/logger.ts';
import type { AppEnvironment } from '../../../electron/services/app-info-service.ts';
import { createNodeSettingsBacking } from '../../../electron/settings/node-settings-backing.ts';
import type { EventName } from '../../../shared/ipc/contract.ts';
import { defaultSettings } from '../../../shared/settings/settings.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

const electronEnvironment: AppEnvironment = {
  name: 'SALW Field',
  version: '4.5.6',
  dataDirectory: '/home/officer/.config/SALW Field',
  platform: 'win32',
  arch: 'arm64',
  runtime: { kind: 'electron', electron: '45.4.1', chrome: '142.0.0.0', node: '22.20.0' },
};

describe('composeMainServices', () => {
  let dir: string;
  let remove: () => Promise<void>;
  let emitted: Array<{ event: EventName; payload: unknown }>;
  let logged: Array<{ event: string; fields: unknown }>;
  let services: MainServices;

  beforeEach(async () => {
    ({ dir, remove } = await makeTempDir('compose'));
    emitted = [];
    logged = [];
    const events: EventSink = { emit: (event, payload) => emitted.push({ event, payload }) };
    const record = (event: string, fields?: Record<string, unknown>) =>
      logged.push({ event, fields });
    const log: Logger = { info: record, warn: record, error: record };
    services = await composeMainServices({
      environment: electronEnvironment,
      settingsBacking: createNodeSettingsBacking(dir),
      keychain: unavailableKeychain,
      kdfCost: { passphrase: fastTestCost, recovery: fastTestCost },
      events,
      log,
    });
  });
  afterEach(async () => {
    await services.dispose();
    await remove();
  });

  it('getAppInfo returns exactly the environment values', async () => {
    const info = await services.handlers.getAppInfo(undefined, { procedure: 'getAppInfo' });
    expect(info).toStrictEqual({ ...electronEnvironment });
  });

  it('getSettings starts with the defaults', async () => {
    expect(
      await services.handlers.getSettings(undefined, { procedure: 'getSettings' }),
    ).toStrictEqual(defaultSettings);
  });

  it('updateSettings returns and emits settingsChanged with the new settings', async () => {
    const next = await services.handlers.updateSettings(
      { theme: 'dark' },
      { procedure: 'updateSettings' },
    );
    expect(next).toStrictEqual({ ...defaultSettings, theme: 'dark' });
    expect(emitted).toStrictEqual([{ event: 'settingsChanged', payload: next }]);
    expect(
      await services.handlers.getSettings(undefined, { procedure: 'getSettings' }),
    ).toStrictEqual(next);
  });

  it('logs which settings changed, not their values', async () => {
    await services.handlers.updateSettings(
      { serverUrl: 'https://salw.example.org' },
      { procedure: 'updateSettings' },
    );
    expect(logged).toStrictEqual([
      { event: 'settings.updated', fields: { fields: ['serverUrl'] } },
    ]);
  });

  it('stops emitting events after dispose', async () => {
    await services.dispose();
    await services.handlers.updateSettings({ theme: 'light' }, { procedure: 'updateSettings' });
    expect(emitted).toStrictEqual([]);
  });
});
