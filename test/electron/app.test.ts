import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventListenerKey, eventNames, procedureNames } from '../../shared/ipc/contract.ts';
import type {} from '../../renderer/api.ts';
import { ensureBundlesBuilt } from '../support/bundles.ts';
import { findElectronBinary } from '../support/electron-binary.ts';
import { projectDir } from '../support/project.ts';
import { makeTempDir } from '../support/temp-dir.ts';

/**
 * What only a real Electron can show (T4): the sandboxed preload, app://, the live webPreferences,
 * the navigation guards and the single-instance lock. Skips, saying why, when no binary exists.
 */
const binary = findElectronBinary();
if (!binary.found) {
  process.stdout.write(`[electron tier] skipped: ${binary.reason}\n`);
}

describe.skipIf(!binary.found)(
  `desktop app under a real Electron${binary.found ? '' : ` (skipped: ${binary.reason})`}`,
  () => {
    let app: ElectronApplication;
    let appWindow: Page;
    let removeDataDir: () => Promise<void>;
    let dataDir: string;

    beforeAll(async () => {
      await ensureBundlesBuilt();
      const temp = await makeTempDir('electron');
      dataDir = temp.dir;
      removeDataDir = temp.remove;
      app = await electron.launch({
        executablePath: binary.found ? binary.path : '',
        args: [projectDir, `--data-dir=${dataDir}`, '--no-sandbox'],
        cwd: projectDir,
        env: { ...process.env, SALW_TEST_FAST_KDF: '1' },
      });
      appWindow = await app.firstWindow();
      // First run: set up the first person through the real preload, then show the app.
      await appWindow.waitForFunction(() => window.api !== undefined);
      // The first person is the administrator; the recovery code sheet is confirmed as kept.
      await appWindow.evaluate(async () => {
        await window.api?.setUp({
          name: 'Electron Tester',
          passphrase: 'Electron-Tier-Passphrase-1!',
        });
        await window.api?.confirmRecoveryCode();
      });
      await appWindow.reload();
      await appWindow.getByRole('navigation').waitFor();
    });

    afterAll(async () => {
      await app?.close();
      await removeDataDir?.();
    });

    it('S2: loads the renderer from app://app, not file://', () => {
      expect(appWindow.url()).toMatch(/^app:\/\/app\/index\.html/);
    });

    it('S9: the preload exposes exactly the contract as a frozen window.api', async () => {
      const shape = await appWindow.evaluate(() => ({
        keys: Object.keys(window.api ?? {}).sort(),
        frozen: Object.isFrozen(window.api),
        hasRequire: typeof (window as unknown as { require?: unknown }).require !== 'undefined',
      }));
      expect(shape).toEqual({
        keys: [...procedureNames, ...eventNames.map(eventListenerKey)].sort(),
        frozen: true,
        hasRequire: false,
      });
    });

    it('S1: the live page has no Node: no require, process, Buffer or module', async () => {
      // Electron has no public getter for a live window's webPreferences, so this checks their
      // effect: sandbox + contextIsolation + no nodeIntegration leave the page a plain web page.
      const globals = await appWindow.evaluate(() => {
        const scope = window as unknown as Record<string, unknown>;
        return ['require', 'process', 'Buffer', 'module', 'global'].filter(
          (name) => typeof scope[name] !== 'undefined',
        );
      });
      expect(globals).toEqual([]);
    });

    it('S4: the window cannot be navigated away or open new windows', async () => {
      const before = appWindow.url();
      await appWindow.evaluate(() => {
        window.location.href = 'https://example.com/';
      });
      await appWindow.waitForTimeout(300);
      expect(appWindow.url()).toBe(before);
      const opened = await appWindow.evaluate(() => window.open('https://example.com/') !== null);
      expect(opened).toBe(false);
      expect(app.windows()).toHaveLength(1);
    });

    it('S2: app:// refuses paths outside the renderer build', async () => {
      const status = await appWindow.evaluate(
        async () => (await fetch('app://app/%2e%2e/%2e%2e/package.json')).status,
      );
      expect(status).toBe(404);
    });

    it('About reports Electron as the runtime and the chosen data folder', async () => {
      await appWindow.getByRole('navigation').getByRole('link', { name: 'About' }).click();
      await expect(appWindow.getByTestId('about-runtime').textContent()).resolves.toMatch(
        /^Electron \d+/,
      );
      await expect(appWindow.getByTestId('about-data-directory').textContent()).resolves.toBe(
        dataDir,
      );
    });

    it('S14: a second instance exits at once instead of opening the same data', async () => {
      const second = await electron.launch({
        executablePath: binary.found ? binary.path : '',
        args: [projectDir, `--data-dir=${dataDir}`, '--no-sandbox'],
        cwd: projectDir,
      });
      const exited = await new Promise<boolean>((resolve) => {
        second.process().once('exit', () => resolve(true));
        setTimeout(() => resolve(false), 10_000);
      });
      expect(exited).toBe(true);
    });
  },
);
