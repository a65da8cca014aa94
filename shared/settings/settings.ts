import { z } from 'zod';

/**
 * The languages the interface and the documents ship in, as BCP 47 tags: Serbian in both its
 * scripts (`sr-Latn`, `sr-Cyrl`). Each is listed only once every screen and document has all its
 * words (test/unit/renderer/i18n/locales.test.ts fails on a missing key); what else the app
 * needs of a language (its own name, direction, Intl locale) is in shared/i18n/languages.ts.
 */
export const supportedLanguages = [
  'en',
  'sr-Latn',
  'sr-Cyrl',
  'bs',
  'hr',
  'cnr',
  'mk',
  'sq',
  'fr',
  'ar',
] as const;
export const LanguageSchema = z.enum(supportedLanguages);
export type Language = z.infer<typeof LanguageSchema>;

export const ThemeSchema = z.enum(['light', 'dark', 'system']);
export type Theme = z.infer<typeof ThemeSchema>;

/**
 * The central sync server. Empty means "not configured yet": the app is fully usable offline.
 * Only http(s) URLs are accepted; sync traffic runs in the main process, never in the renderer.
 */
export const ServerUrlSchema = z.union([
  z.literal(''),
  z
    .url({ protocol: /^https?$/, error: 'serverUrlInvalid' })
    .max(2048, { error: 'serverUrlTooLong' }),
]);

/**
 * Minutes without activity before the app locks itself and wipes the data key from memory: a
 * laptop left open at a checkpoint must not stay readable.
 */
export const IdleLockMinutesSchema = z
  .number({ error: 'idleLockMinutesInvalid' })
  .int({ error: 'idleLockMinutesInvalid' })
  .min(1, { error: 'idleLockMinutesInvalid' })
  .max(240, { error: 'idleLockMinutesInvalid' });

/**
 * Days a state is given to answer a trace request before the request counts as overdue, counted
 * from the last word on it (sent, acknowledged, answered in part). ITI states answer "in a timely
 * manner"; teams set their own reminder.
 */
export const TraceAnswerDaysSchema = z
  .number({ error: 'traceAnswerDaysInvalid' })
  .int({ error: 'traceAnswerDaysInvalid' })
  .min(1, { error: 'traceAnswerDaysInvalid' })
  .max(365, { error: 'traceAnswerDaysInvalid' });

export const SettingsSchema = z.object({
  language: LanguageSchema,
  theme: ThemeSchema,
  serverUrl: ServerUrlSchema,
  idleLockMinutes: IdleLockMinutesSchema,
  traceAnswerDays: TraceAnswerDaysSchema,
});
export type Settings = z.infer<typeof SettingsSchema>;

/** A partial update; unknown keys are an error so a typo never silently does nothing. */
export const SettingsPatchSchema = SettingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export const defaultSettings: Settings = {
  language: 'en',
  theme: 'system',
  serverUrl: '',
  idleLockMinutes: 10,
  traceAnswerDays: 30,
};
