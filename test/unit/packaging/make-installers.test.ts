import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import {
  FORGE_APP_NAME,
  hostPlatform,
  installerPlan,
  parseArgs,
} from '../../../packaging/make-installers.ts';

const projectDir = path.join(path.sep, 'proj');
const host = { platform: 'linux', arch: 'x64' };

describe('parseArgs', () => {
  it('defaults to the host platform and arch', () => {
    expect(parseArgs([], host)).toStrictEqual({ platform: 'linux', arch: 'x64' });
    expect(parseArgs([], { platform: 'win32', arch: 'arm64' })).toStrictEqual({
      platform: 'win',
      arch: 'arm64',
    });
    expect(parseArgs([], { platform: 'darwin', arch: 'arm64' })).toStrictEqual({
      platform: 'mac',
      arch: 'arm64',
    });
  });

  it('accepts --platform/--arch with a space or =', () => {
    expect(parseArgs(['--platform', 'win'], host)).toStrictEqual({ platform: 'win', arch: 'x64' });
    expect(parseArgs(['--platform=mac', '--arch=arm64'], host)).toStrictEqual({
      platform: 'mac',
      arch: 'arm64',
    });
  });

  it('rejects unknown platforms, archs, arguments and missing values', () => {
    expect(() => parseArgs(['--platform', 'win32'], host)).toThrow(/linux\|win\|mac/);
    expect(() => parseArgs(['--arch', 'ia32'], host)).toThrow(/x64\|arm64/);
    expect(() => parseArgs(['--linux'], host)).toThrow(/Unknown argument/);
    expect(() => parseArgs(['--platform'], host)).toThrow(/needs a value/);
    expect(() => hostPlatform('freebsd')).toThrow(/--platform/);
  });
});

describe('installerPlan', () => {
  it('wraps out/salw-field-linux-x64 for Linux', () => {
    const dir = path.join(projectDir, 'out', 'salw-field-linux-x64');
    expect(installerPlan(projectDir, { platform: 'linux', arch: 'x64' })).toStrictEqual({
      forgeOutputDir: dir,
      prepackaged: dir,
      args: [
        '--prepackaged',
        dir,
        '--linux',
        '--x64',
        '--config',
        'electron-builder.yml',
        '--publish',
        'never',
      ],
    });
  });

  it('uses the win32 folder name for Windows', () => {
    const plan = installerPlan(projectDir, { platform: 'win', arch: 'arm64' });
    expect(plan.prepackaged).toBe(path.join(projectDir, 'out', 'salw-field-win32-arm64'));
    expect(plan.args.slice(2, 4)).toStrictEqual(['--win', '--arm64']);
  });

  it('points --prepackaged at the .app bundle inside the darwin folder for macOS', () => {
    const plan = installerPlan(projectDir, { platform: 'mac', arch: 'arm64' });
    const dir = path.join(projectDir, 'out', 'salw-field-darwin-arm64');
    expect(plan.forgeOutputDir).toBe(dir);
    expect(plan.prepackaged).toBe(path.join(dir, 'salw-field.app'));
    expect(plan.args.slice(0, 4)).toStrictEqual([
      '--prepackaged',
      plan.prepackaged,
      '--mac',
      '--arm64',
    ]);
  });

  it('never publishes', () => {
    const { args } = installerPlan(projectDir, { platform: 'linux', arch: 'x64' });
    expect(args.join(' ')).toContain('--publish never');
  });
});

describe('names shared with the other packaging configs', () => {
  it('matches packagerConfig.name/executableName in forge.config.ts', async () => {
    const config = (await import('../../../forge.config.ts')).default;
    expect(config.packagerConfig?.name).toBe(FORGE_APP_NAME);
    expect(config.packagerConfig?.executableName).toBe(FORGE_APP_NAME);
  });

  it('matches executableName in electron-builder.yml and disables publishing there', () => {
    const yml = readFileSync(
      path.resolve(import.meta.dirname, '../../../electron-builder.yml'),
      'utf8',
    );
    expect(yml).toMatch(new RegExp(`^executableName: ${FORGE_APP_NAME}$`, 'm'));
    expect(yml).toMatch(/^publish: null$/m);
  });
});
