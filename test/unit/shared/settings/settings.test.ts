import { describe, expect, it } from 'vitest';
import {
  defaultSettings,
  ServerUrlSchema,
  SettingsPatchSchema,
  SettingsSchema,
  supportedLanguages,
} from '../../../../shared/settings/settings.ts';

function messagesOf(result: {
  success: boolean;
  error?: { issues: ReadonlyArray<{ message: string }> };
}): string[] {
  return result.error?.issues.map((issue) => issue.message) ?? [];
}

describe('ServerUrlSchema', () => {
  it.each([
    ['empty (offline only)', ''],
    ['an https URL', 'https://salw.example.org'],
    ['an https URL with a path', 'https://salw.example.org/api/v1'],
    ['an http URL with a port', 'http://localhost:8443'],
    ['an http IP address', 'http://192.168.1.20:8443/'],
  ])('accepts %s', (_label, url) => {
    expect(ServerUrlSchema.safeParse(url).success).toBe(true);
  });

  it.each([
    ['ftp:', 'ftp://files.example.org/'],
    ['javascript:', 'javascript:alert(1)'],
    ['file:', 'file:///etc/passwd'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['a relative path', '/api/v1'],
    ['a bare host name', 'salw.example.org'],
    ['a look-alike scheme', 'httpx://salw.example.org'],
    ['a scheme without slashes', 'https:salw.example.org'],
  ])('rejects %s with the serverUrlInvalid message key', (_label, url) => {
    const result = ServerUrlSchema.safeParse(url);
    expect(result.success).toBe(false);
    expect(messagesOf(result)).toStrictEqual(['serverUrlInvalid']);
  });

  it('rejects a URL longer than 2048 characters with the serverUrlTooLong message key', () => {
    const url = `https://salw.example.org/${'a'.repeat(2048)}`;
    const result = ServerUrlSchema.safeParse(url);
    expect(result.success).toBe(false);
    expect(messagesOf(result)).toStrictEqual(['serverUrlTooLong']);
  });

  it('accepts a URL of exactly 2048 characters', () => {
    const prefix = 'https://salw.example.org/';
    const url = `${prefix}${'a'.repeat(2048 - prefix.length)}`;
    expect(url).toHaveLength(2048);
    expect(ServerUrlSchema.safeParse(url).success).toBe(true);
  });
});

describe('SettingsPatchSchema', () => {
  it.each([
    ['nothing', {}],
    ['one field', { theme: 'dark' }],
    ['every field', { language: 'sr-Latn', theme: 'light', serverUrl: 'https://salw.example.org' }],
  ])('accepts a patch with %s', (_label, patch) => {
    expect(SettingsPatchSchema.safeParse(patch).success).toBe(true);
  });

  it.each([
    ['an unknown key', { colour: 'blue' }, ''],
    ['a typo of a real key', { Theme: 'dark' }, ''],
    ['an unknown theme', { theme: 'purple' }, 'theme'],
    ['an unsupported language', { language: 'de' }, 'language'],
    ['a language in the wrong case', { language: 'sr-latn' }, 'language'],
    ['a server URL that is not http(s)', { serverUrl: 'ftp://x.org' }, 'serverUrl'],
    ['a field of the wrong type', { theme: 1 }, 'theme'],
  ])('rejects %s', (_label, patch, path) => {
    const result = SettingsPatchSchema.safeParse(patch);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toStrictEqual([path]);
  });

  it.each([null, 'theme=dark', ['dark']])('rejects a patch that is not an object: %j', (patch) => {
    expect(SettingsPatchSchema.safeParse(patch).success).toBe(false);
  });
});

describe('defaultSettings', () => {
  it('pass the schema unchanged', () => {
    expect(SettingsSchema.parse(defaultSettings)).toStrictEqual(defaultSettings);
  });

  it('start offline, in English, following the system theme, an answer due in 30 days', () => {
    expect(defaultSettings).toStrictEqual({
      language: 'en',
      theme: 'system',
      serverUrl: '',
      idleLockMinutes: 10,
      traceAnswerDays: 30,
    });
  });

  it.each([0, 366, 1.5, '30'])('refuse %j as the days a trace answer is due in', (days) => {
    const result = SettingsPatchSchema.safeParse({ traceAnswerDays: days });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('traceAnswerDaysInvalid');
  });

  it('list Serbian in both its scripts among the supported languages', () => {
    expect([...supportedLanguages]).toContain('sr-Cyrl');
  });
});
