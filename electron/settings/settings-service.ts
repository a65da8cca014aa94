import {
  defaultSettings,
  SettingsSchema,
  type Settings,
  type SettingsPatch,
} from '../../shared/settings/settings.ts';

/**
 * The part of `conf` that settings use. electron-store is a subclass of Conf, so the Electron
 * adapter (platform/settings-backing.ts) and the Node one (node-settings-backing.ts) both fit,
 * and the schema, defaults and atomic writes behave the same in tests and in the app.
 */
export interface SettingsBacking {
  readonly store: Record<string, unknown>;
  set(values: Record<string, unknown>): void;
}

export interface SettingsService {
  get(): Settings;
  update(patch: SettingsPatch): Settings;
  onChange(listener: (settings: Settings) => void): () => void;
}

/**
 * Reads field by field: a value that no longer passes the schema (hand-edited file, older app
 * version) falls back to its default instead of making the whole app unusable.
 */
export function readSettings(stored: Record<string, unknown>): Settings {
  const settings: Record<string, unknown> = {};
  for (const key of Object.keys(defaultSettings) as (keyof Settings)[]) {
    const parsed = SettingsSchema.shape[key].safeParse(stored[key]);
    settings[key] = parsed.success ? parsed.data : defaultSettings[key];
  }
  return SettingsSchema.parse(settings);
}

export function createSettingsService(backing: SettingsBacking): SettingsService {
  const listeners = new Set<(settings: Settings) => void>();
  return {
    get: () => readSettings(backing.store),
    update(patch) {
      // A key present with the value undefined (structured clone keeps those) means "unchanged".
      const changes = Object.fromEntries(
        Object.entries(patch).filter(([, value]) => value !== undefined),
      );
      const next = SettingsSchema.parse({ ...readSettings(backing.store), ...changes });
      backing.set(next);
      for (const listener of listeners) listener(next);
      return next;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
