import { ESLint, type Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectDir } from '../support/project.ts';

// Layer rules of ARCHITECTURE.md and the lint-enforced parts of S1, S5 and S7, proved on the real
// eslint.config.js with in-memory sources (the file paths need not exist).

const useApp = "import { app } from 'electron';\nexport const ready = app.isReady();\n";
const useBrowserWindowType =
  "import type { BrowserWindow } from 'electron';\nexport type Window = BrowserWindow;\n";
const useFs = "import fs from 'node:fs';\nexport const exists = fs.existsSync;\n";
const useElectronStore = "import Store from 'electron-store';\nexport const store = new Store();\n";
const newWindow =
  "import { BrowserWindow } from 'electron';\nexport const win = new BrowserWindow({});\n";
const sendSync =
  "declare const ipcRenderer: { sendSync(channel: string): unknown };\nexport const r = ipcRenderer.sendSync('x');\n";
const ipcMainOn = "import { ipcMain } from 'electron';\nipcMain.on('x', () => {});\n";
const ipcMainHandle = "import { ipcMain } from 'electron';\nipcMain.handle('x', () => 1);\n";
const openExternal =
  "import { shell } from 'electron';\nvoid shell.openExternal('https://www.unoda.org/');\n";

type Case = readonly [file: string, code: string];

let eslint: ESLint;

async function lint(file: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath: `${projectDir}/${file}` });
  if (result === undefined) throw new Error(`no lint result for ${file}`);
  return result.messages;
}

async function errorRuleIds(file: string, code: string): Promise<string[]> {
  const messages = await lint(file, code);
  // A file the config ignores comes back as a warning; that must never pass for "no errors".
  expect(
    messages.filter((message) => message.ruleId === null),
    `${file}: ${JSON.stringify(messages)}`,
  ).toStrictEqual([]);
  return messages
    .filter((message) => message.severity === 2)
    .map((message) => message.ruleId ?? '(none)');
}

async function expectRule(file: string, code: string, ruleId: string): Promise<void> {
  expect(await errorRuleIds(file, code), file).toContain(ruleId);
}

async function expectClean(file: string, code: string): Promise<void> {
  expect(await errorRuleIds(file, code), file).toStrictEqual([]);
}

describe('ESLint layer rules (eslint.config.js)', { timeout: 60_000 }, () => {
  beforeAll(() => {
    eslint = new ESLint({ cwd: projectDir });
  });

  it.each<Case>([
    ['electron/services/x.ts', useApp],
    ['electron/ipc/x.ts', useApp],
    ['electron/store/x.ts', useApp],
    ['electron/security/x.ts', useApp],
    ['shared/x.ts', useApp],
    ['renderer/x.ts', useApp],
    ['renderer/features/x.tsx', useApp],
    ['server/x.ts', useApp],
    ['electron/store/x.ts', useBrowserWindowType],
    ['electron/services/x.ts', useBrowserWindowType],
    ['shared/x.ts', useBrowserWindowType],
    ['electron/settings/x.ts', useElectronStore],
    ['electron/services/x.ts', useElectronStore],
    ['renderer/x.ts', useElectronStore],
  ])('bans electron in %s: no-restricted-imports', async (file, code) => {
    await expectRule(file, code, 'no-restricted-imports');
  });

  it.each<Case>([
    ['electron/platform/x.ts', useApp],
    ['electron/platform/x.ts', useBrowserWindowType],
    ['electron/main.ts', useApp],
    ['electron/main.ts', useBrowserWindowType],
  ])('allows electron in %s', async (file, code) => {
    await expectClean(file, code);
  });

  it.each<Case>([
    ['renderer/x.ts', useFs],
    ['renderer/features/x.tsx', useFs],
    ['shared/x.ts', useFs],
    ['electron/preload.ts', useFs],
    ['renderer/x.ts', "import { readFile } from 'fs/promises';\nexport const read = readFile;\n"],
    ['shared/x.ts', "import Conf from 'conf';\nexport const c = Conf;\n"],
  ])('bans Node modules in %s: no-restricted-imports', async (file, code) => {
    await expectRule(file, code, 'no-restricted-imports');
  });

  it.each<Case>([
    ['electron/services/x.ts', useFs],
    ['electron/store/x.ts', useFs],
    ['server/x.ts', useFs],
  ])('allows Node modules in %s', async (file, code) => {
    await expectClean(file, code);
  });

  it.each<Case>([
    [
      'renderer/features/x.tsx',
      "import x from '../../electron/ipc/dispatcher.ts';\nexport const y = x;\n",
    ],
    ['renderer/x.ts', "import x from '../server/x.ts';\nexport const y = x;\n"],
    ['shared/ipc/x.ts', "import x from '../../electron/ipc/dispatcher.ts';\nexport const y = x;\n"],
    ['shared/x.ts', "import x from '../renderer/app/routes.ts';\nexport const y = x;\n"],
    [
      'electron/services/x.ts',
      "import x from '../../renderer/app/routes.ts';\nexport const y = x;\n",
    ],
    ['server/x.ts', "import x from '../electron/ipc/dispatcher.ts';\nexport const y = x;\n"],
    ['electron/preload.ts', "import x from './ipc/dispatcher.ts';\nexport const y = x;\n"],
  ])('keeps layers apart in %s: no-restricted-imports', async (file, code) => {
    await expectRule(file, code, 'no-restricted-imports');
  });

  it.each<Case>([
    [
      'renderer/features/x.tsx',
      "import { routes } from '../../shared/x.ts';\nexport const y = routes;\n",
    ],
    [
      'electron/services/x.ts',
      "import { routes } from '../../shared/x.ts';\nexport const y = routes;\n",
    ],
    [
      'electron/preload.ts',
      "import { createApi } from '../shared/ipc/create-api.ts';\nexport const y = createApi;\n",
    ],
  ])('lets %s import shared/', async (file, code) => {
    await expectClean(file, code);
  });

  it('S1: bans new BrowserWindow outside electron/platform/window.ts', async () => {
    await expectRule('electron/platform/other.ts', newWindow, 'no-restricted-syntax');
    await expectRule('electron/main.ts', newWindow, 'no-restricted-syntax');
    await expectClean('electron/platform/window.ts', newWindow);
  });

  it('S5: bans openExternal outside electron/platform/security-hooks.ts', async () => {
    await expectRule('electron/platform/other.ts', openExternal, 'no-restricted-syntax');
    await expectClean('electron/platform/security-hooks.ts', openExternal);
  });

  it.each([
    'renderer/x.ts',
    'shared/x.ts',
    'electron/preload.ts',
    'electron/main.ts',
    'electron/platform/window.ts',
    'electron/platform/security-hooks.ts',
    'electron/services/x.ts',
    'server/x.ts',
    'test/unit/x.test.ts',
  ])('S7: bans sendSync in %s', async (file) => {
    const messages = await lint(file, sendSync);
    expect(messages).toContainEqual(
      expect.objectContaining({
        ruleId: 'no-restricted-syntax',
        severity: 2,
        message: 'S7: no synchronous IPC.',
      }),
    );
  });

  it.each([
    'electron/platform/ipc2.ts',
    'electron/platform/window.ts',
    'electron/platform/security-hooks.ts',
    'electron/main.ts',
  ])('S7: bans ipcMain.on in %s but allows ipcMain.handle', async (file) => {
    await expectRule(file, ipcMainOn, 'no-restricted-syntax');
    await expectRule(
      file,
      ipcMainOn.replace("ipcMain.on('x'", "ipcMain.once('x'"),
      'no-restricted-syntax',
    );
    await expectClean(file, ipcMainHandle);
  });

  it('bans literal strings in renderer JSX: i18next/no-literal-string', async () => {
    await expectRule(
      'renderer/features/x.tsx',
      'export function X() {\n  return <p>Hello</p>;\n}\n',
      'i18next/no-literal-string',
    );
    await expectClean(
      'renderer/features/x.tsx',
      "declare function t(key: string): string;\nexport function X() {\n  return <p>{t('records.title')}</p>;\n}\n",
    );
  });
});
