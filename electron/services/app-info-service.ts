import type { AppInfo } from '../../shared/app/app-info.ts';

/**
 * Where the About page's values come from. The composition root fills this from Electron's `app`
 * or, in the browser preview, from the Node process; nothing here guesses.
 */
export interface AppEnvironment {
  readonly name: string;
  readonly version: string;
  readonly dataDirectory: string;
  readonly platform: string;
  readonly arch: string;
  readonly runtime: AppInfo['runtime'];
}

export function getAppInfo(environment: AppEnvironment): AppInfo {
  return {
    name: environment.name,
    version: environment.version,
    dataDirectory: environment.dataDirectory,
    platform: environment.platform,
    arch: environment.arch,
    runtime: environment.runtime,
  };
}
