import { FuseV1Options, FuseVersion } from '@electron/fuses';
import type { FuseV1Config } from '@electron/fuses';

/**
 * `release` is what ships to field teams. `e2e` is a test-only build for Playwright's `_electron`,
 * which can only attach through `--inspect`/`--remote-debugging-port`; it must never be
 * distributed (S12).
 */
export type PackageFlavour = 'release' | 'e2e';

const FLAVOURS: readonly PackageFlavour[] = ['release', 'e2e'];

/** Fuses are burnt into the Electron binary at package time, so these hold even if the app code is bypassed. */
export function fuseOptions(flavour: PackageFlavour): FuseV1Config {
  return {
    version: FuseVersion.V1,
    // Threat: the signed binary reused as a general Node runtime (`ELECTRON_RUN_AS_NODE=1`) to run
    // arbitrary scripts under our code signature ("living off the land").
    [FuseV1Options.RunAsNode]: false,
    // Threat: another local user or malware copying the cookie/session store off disk.
    [FuseV1Options.EnableCookieEncryption]: true,
    // Threat: `NODE_OPTIONS=--require evil.js` injecting code into the main process.
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    // Threat: `--inspect` attaching a debugger to main and reading the DB key from memory.
    // Only the e2e flavour keeps it, because Playwright's `_electron` cannot launch without it.
    [FuseV1Options.EnableNodeCliInspectArguments]: flavour === 'e2e',
    // Threat: tampering with app.asar after signing (macOS and Windows; Linux has no support).
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    // Threat: dropping a loose `resources/app/` folder next to app.asar, which would bypass the
    // integrity check above.
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    // Threat: file:// pages getting privileges a web page should not have. We serve from app://.
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  };
}

function isPackageFlavour(value: string): value is PackageFlavour {
  return (FLAVOURS as readonly string[]).includes(value);
}

/**
 * Reads `SALW_PACKAGE_FLAVOUR`. An unset or empty variable means `release`, so a forgotten variable
 * can only ever produce the locked-down build. A typo throws instead of silently falling back,
 * so nobody believes they built `e2e` when they did not (or the other way round).
 */
export function packageFlavour(env: Readonly<Record<string, string | undefined>>): PackageFlavour {
  const raw = env['SALW_PACKAGE_FLAVOUR'];
  if (raw === undefined || raw === '') return 'release';
  if (isPackageFlavour(raw)) return raw;
  throw new Error(
    `SALW_PACKAGE_FLAVOUR must be one of ${FLAVOURS.map((f) => `"${f}"`).join(', ')} ` +
      `(or unset for "release"); got ${JSON.stringify(raw)}.`,
  );
}
