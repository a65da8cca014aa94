import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNodeSettingsBacking } from '../../../../electron/settings/node-settings-backing.ts';
import {
  createSettingsService,
  readSettings,
} from '../../../../electron/settings/settings-service.ts';
import {
  defaultSettings,
  SettingsPatchSchema,
  type Settings,
  type SettingsPatch,
} from '../../../../shared/settings/settings.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

describe('settings service on the real conf backing', () => {
  let dir: string;
  let remove: () => Promise<void>;
  let file: string;

  beforeEach(async () => {
    ({ dir, remove } = await makeTempDir('settings'));
    file = path.join(dir, 'settings.json');
  });
  afterEach(() => remove());

  /** A new backing on the same folder is what the next start of the app sees. */
  const start = () => createSettingsService(createNodeSettingsBacking(dir));

  it('starts with the defaults on first run', () => {
    expect(start().get()).toStrictEqual(defaultSettings);
  });

  it('keeps an update across a restart', () => {
    const updated = start().update({ language: 'sr-Latn', serverUrl: 'https://salw.example.org' });
    expect(updated).toStrictEqual({
      ...defaultSettings,
      language: 'sr-Latn',
      theme: 'system',
      serverUrl: 'https://salw.example.org',
    });
    expect(start().get()).toStrictEqual(updated);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject(updated);
  });

  it('changes only the fields in a partial update', () => {
    const service = start();
    service.update({ language: 'sr-Latn', serverUrl: 'https://salw.example.org' });
    expect(service.update({ theme: 'dark' })).toStrictEqual({
      ...defaultSettings,
      language: 'sr-Latn',
      theme: 'dark',
      serverUrl: 'https://salw.example.org',
    });
    expect(start().get()).toStrictEqual({
      ...defaultSettings,
      language: 'sr-Latn',
      theme: 'dark',
      serverUrl: 'https://salw.example.org',
    });
  });

  it.each([
    ['an unknown theme', { theme: 'purple' }],
    ['an unsupported language', { language: 'de' }],
    ['a non-http server URL', { serverUrl: 'file:///etc/passwd' }],
  ])('throws on %s and leaves the file and listeners untouched', (_label, patch) => {
    const service = start();
    service.update({ theme: 'light' });
    const before = readFileSync(file, 'utf8');
    const seen: Settings[] = [];
    service.onChange((settings) => seen.push(settings));

    expect(() => service.update(patch as unknown as SettingsPatch)).toThrow();

    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(service.get()).toStrictEqual({ ...defaultSettings, theme: 'light' });
    expect(seen).toStrictEqual([]);
  });

  it('falls back to the default for a hand-edited field only', () => {
    writeFileSync(
      file,
      JSON.stringify({ language: 'sr-Latn', theme: 'neon', serverUrl: 'https://salw.example.org' }),
    );
    expect(start().get()).toStrictEqual({
      ...defaultSettings,
      language: 'sr-Latn',
      theme: 'system',
      serverUrl: 'https://salw.example.org',
    });
  });

  it.each([
    ['a non-http server URL', { serverUrl: 'javascript:alert(1)' }, { serverUrl: '' }],
    ['a language of the wrong type', { language: 42 }, { language: 'en' }],
    ['a null theme', { theme: null }, { theme: 'system' }],
  ])('reads %s as that field’s default', (_label, stored, expected) => {
    writeFileSync(
      file,
      JSON.stringify({
        language: 'sr-Latn',
        theme: 'dark',
        serverUrl: 'https://a.example.org',
        ...stored,
      }),
    );
    expect(start().get()).toStrictEqual({
      ...defaultSettings,
      language: 'sr-Latn',
      theme: 'dark',
      serverUrl: 'https://a.example.org',
      ...expected,
    });
  });

  it.each([
    ['not JSON', '{ this is not json'],
    ['empty', ''],
    ['truncated', '{"language":"sr-Latn","th'],
  ])('starts with the defaults, without throwing, when settings.json is %s', (_label, content) => {
    writeFileSync(file, content);
    expect(() => start()).not.toThrow();
    expect(start().get()).toStrictEqual(defaultSettings);
  });

  // SettingsPatchSchema accepts `{ theme: undefined }` and Electron's structured clone keeps such
  // keys, so an explicit undefined must mean "unchanged", not an INTERNAL error.
  it('treats a field the patch schema accepts as undefined as "leave unchanged"', () => {
    const patch = SettingsPatchSchema.parse({ theme: undefined, language: 'sr-Latn' });
    const service = start();
    service.update({ theme: 'dark' });
    expect(service.update(patch)).toStrictEqual({
      ...defaultSettings,
      theme: 'dark',
      language: 'sr-Latn',
    });
  });

  it('can be updated after recovering from a corrupt file', () => {
    writeFileSync(file, '{ corrupt');
    start().update({ theme: 'dark' });
    expect(start().get()).toStrictEqual({ ...defaultSettings, theme: 'dark' });
  });

  it('tells listeners the new settings and stops after unsubscribe', () => {
    const service = start();
    const seen: Settings[] = [];
    const unsubscribe = service.onChange((settings) => seen.push(settings));

    service.update({ theme: 'dark' });
    unsubscribe();
    service.update({ theme: 'light' });

    expect(seen).toStrictEqual([{ ...defaultSettings, theme: 'dark' }]);
  });

  it('readSettings keeps only the settings fields of what is stored', () => {
    expect(
      readSettings({ ...defaultSettings, theme: 'dark', dataKey: 'x', extra: { a: 1 } }),
    ).toStrictEqual({
      ...defaultSettings,
      theme: 'dark',
    });
  });
});
