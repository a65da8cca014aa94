import { describe, expect, it } from 'vitest';
import { secureWebPreferences } from '../../../../electron/security/web-preferences.ts';

describe('S1 web preferences (secureWebPreferences)', () => {
  it.each([true, false])('is exactly the locked-down object, with devTools %s', (devTools) => {
    expect(secureWebPreferences('/app/.vite/build/preload.cjs', devTools)).toStrictEqual({
      preload: '/app/.vite/build/preload.cjs',
      // An in-memory session: no sessionStorage or cache of the renderer on disk.
      partition: 'salw-field',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools,
    });
  });

  it('never enables Blink features, passes extra renderer arguments or swaps in another session', () => {
    const preferences = secureWebPreferences('/preload.cjs', true);
    for (const key of [
      'enableBlinkFeatures',
      'additionalArguments',
      'session',
      'contextIsolationInWorker',
    ]) {
      expect(Object.hasOwn(preferences, key), key).toBe(false);
    }
  });

  it('returns a fresh object each time, so one window cannot loosen another', () => {
    expect(secureWebPreferences('/p.cjs', false)).not.toBe(secureWebPreferences('/p.cjs', false));
  });
});

describe('the app partition', () => {
  it('is in memory only (no persist: prefix), so web storage never reaches the disk', () => {
    expect(secureWebPreferences('/preload.cjs', false).partition.startsWith('persist:')).toBe(
      false,
    );
  });
});
