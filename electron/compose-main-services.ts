import type { HandlerTable, EventSink } from './ipc/handler-table.ts';
import type { Logger } from './logging/logger.ts';
import { getAppInfo, type AppEnvironment } from './services/app-info-service.ts';
import { createSettingsService, type SettingsBacking } from './settings/settings-service.ts';

/** The adapters a host supplies: Electron's in main.ts, Node's in the browser preview. */
export interface MainAdapters {
  readonly environment: AppEnvironment;
  readonly settingsBacking: SettingsBacking;
  readonly events: EventSink;
  readonly log: Logger;
}

export interface MainServices {
  readonly handlers: HandlerTable;
  dispose(): void;
}

/**
 * Builds every main-side service and the handler table from the adapters. main.ts and the browser
 * preview both call this, so the preview runs exactly the code the desktop app runs.
 */
export function composeMainServices(adapters: MainAdapters): MainServices {
  const settings = createSettingsService(adapters.settingsBacking);
  const stopSettingsEvents = settings.onChange((next) =>
    adapters.events.emit('settingsChanged', next),
  );

  const handlers: HandlerTable = {
    getAppInfo: () => getAppInfo(adapters.environment),
    getSettings: () => settings.get(),
    updateSettings: (patch) => {
      const next = settings.update(patch);
      adapters.log.info('settings.updated', { fields: Object.keys(patch) });
      return next;
    },
  };

  return {
    handlers,
    dispose() {
      stopSettingsEvents();
    },
  };
}
