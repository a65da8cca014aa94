/**
 * Where the app keeps its data when told otherwise: `--data-dir=DIR` on the command line (tests,
 * a portable install on removable media), else SALW_DATA_DIR. Undefined means Electron's
 * per-user folder.
 */
export function dataDirectoryOverride(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  const flag = argv.find((arg) => arg.startsWith('--data-dir='));
  const chosen = flag === undefined ? env.SALW_DATA_DIR : flag.slice('--data-dir='.length);
  return chosen === undefined || chosen === '' ? undefined : chosen;
}
