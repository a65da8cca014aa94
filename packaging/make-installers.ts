import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Wraps Forge's packaged app into installers with electron-builder `--prepackaged`.
 * Usage: node packaging/make-installers.ts [--platform linux|win|mac] [--arch x64|arm64]
 */

export type InstallerPlatform = 'linux' | 'win' | 'mac';
export type InstallerArch = 'x64' | 'arm64';

/**
 * Must equal `packagerConfig.name` in forge.config.ts (a unit test keeps them in sync). Forge 8 /
 * @electron/packager 20 name the output folder `<filenamified packagerConfig.name>-<platform>-<arch>`;
 * `productName` ("SALW Field") is only used when `name` is unset.
 */
export const FORGE_APP_NAME = 'salw-field';
const FORGE_OUT_DIR = 'out';
const BUILDER_CONFIG = 'electron-builder.yml';

const PLATFORMS: readonly InstallerPlatform[] = ['linux', 'win', 'mac'];
const ARCHS: readonly InstallerArch[] = ['x64', 'arm64'];

/** electron-builder's platform flag → the `process.platform` name Forge puts in the folder name. */
const FORGE_PLATFORM: Readonly<Record<InstallerPlatform, string>> = {
  linux: 'linux',
  win: 'win32',
  mac: 'darwin',
};

export interface InstallerRequest {
  readonly platform: InstallerPlatform;
  readonly arch: InstallerArch;
}

export interface InstallerPlan {
  /** Forge's output folder, which must exist. */
  readonly forgeOutputDir: string;
  /** What `--prepackaged` gets: the folder on Linux/Windows, the `.app` bundle inside it on macOS. */
  readonly prepackaged: string;
  /** Arguments for the electron-builder CLI. */
  readonly args: readonly string[];
}

function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

export function hostPlatform(platform: string): InstallerPlatform {
  if (platform === 'win32') return 'win';
  if (platform === 'darwin') return 'mac';
  if (platform === 'linux') return 'linux';
  throw new Error(`Cannot build installers on ${platform}; use --platform linux|win|mac.`);
}

/** Parses `--platform x` / `--platform=x` and `--arch`; defaults to the host. */
export function parseArgs(
  argv: readonly string[],
  host: { readonly platform: string; readonly arch: string },
): InstallerRequest {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const match = /^--(platform|arch)(?:=(.*))?$/.exec(arg);
    if (!match) throw new Error(`Unknown argument ${JSON.stringify(arg)}.`);
    const key = match[1] ?? '';
    const value = match[2] ?? argv[(i += 1)];
    if (value === undefined || value === '') throw new Error(`--${key} needs a value.`);
    values.set(key, value);
  }
  const platform = values.get('platform') ?? hostPlatform(host.platform);
  const arch = values.get('arch') ?? host.arch;
  if (!isOneOf(PLATFORMS, platform)) {
    throw new Error(
      `--platform must be one of ${PLATFORMS.join('|')}; got ${JSON.stringify(platform)}.`,
    );
  }
  if (!isOneOf(ARCHS, arch)) {
    throw new Error(`--arch must be one of ${ARCHS.join('|')}; got ${JSON.stringify(arch)}.`);
  }
  return { platform, arch };
}

/** Pure: where Forge's output is expected and the electron-builder arguments to wrap it. */
export function installerPlan(projectDir: string, request: InstallerRequest): InstallerPlan {
  const { platform, arch } = request;
  const forgeOutputDir = path.join(
    projectDir,
    FORGE_OUT_DIR,
    `${FORGE_APP_NAME}-${FORGE_PLATFORM[platform]}-${arch}`,
  );
  // electron-builder's mac packager uses --prepackaged as the .app path itself.
  const prepackaged =
    platform === 'mac' ? path.join(forgeOutputDir, `${FORGE_APP_NAME}.app`) : forgeOutputDir;
  return {
    forgeOutputDir,
    prepackaged,
    args: [
      '--prepackaged',
      prepackaged,
      `--${platform}`,
      // The arch cannot be inferred from a prepackaged app; without it artifacts get the host's.
      `--${arch}`,
      '--config',
      BUILDER_CONFIG,
      // Never publish from here; releases are uploaded by the release pipeline.
      '--publish',
      'never',
    ],
  };
}

async function main(): Promise<number> {
  const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const request = parseArgs(process.argv.slice(2), process);
  const plan = installerPlan(projectDir, request);

  if (!existsSync(plan.prepackaged)) {
    const forgePlatform = FORGE_PLATFORM[request.platform];
    console.error(
      `Forge output not found: ${plan.prepackaged}\n` +
        `Run "npm run package" first (explicitly for this target: ` +
        `npm run package -- --platform ${forgePlatform} --arch ${request.arch}).`,
    );
    return 1;
  }

  // Same as `npx electron-builder`, minus its pitfalls: npx would fetch an unpinned package from
  // the registry if the local one were missing, and on Windows `npx.cmd` needs a shell (and
  // quoting of paths with spaces). Running the locked local CLI with this Node avoids both.
  const cli = createRequire(import.meta.url).resolve('electron-builder/cli.js');
  console.log(`electron-builder ${plan.args.join(' ')}`);
  const child = spawn(process.execPath, [cli, ...plan.args], { cwd: projectDir, stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve(signal ? 1 : (code ?? 1)));
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
