import { z } from 'zod';
import { AppInfoSchema } from '../../app/app-info.ts';
import { SettingsPatchSchema, SettingsSchema } from '../../settings/settings.ts';

export const noInput = z.undefined();

/** The app itself: what it is and how it is set up. */
export const appProcedures = {
  getAppInfo: { input: noInput, output: AppInfoSchema },
  getSettings: { input: noInput, output: SettingsSchema },
  updateSettings: { input: SettingsPatchSchema, output: SettingsSchema },
} as const;
