import { app, session, shell, type WebContents } from 'electron';
import { APP_PARTITION } from '../security/app-origin.ts';
import { toExternalUrl } from '../security/external-url.ts';
import { isAllowedNavigation } from '../security/navigation-policy.ts';
import { permissionDecision } from '../security/permission-policy.ts';
import { temporarilyGranted } from '../security/temporary-permissions.ts';

/**
 * S4-S6 for every web contents the app ever creates: no navigation away from our origin, no new
 * windows (an allowed https link opens in the system browser instead), no <webview>, and no
 * permission beyond the allowlist. The decisions are pure functions in electron/security/.
 */
export function installSecurityHooks(allowedOrigins: readonly string[]): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, allowedOrigins));

  for (const guarded of [session.defaultSession, session.fromPartition(APP_PARTITION)]) {
    guarded.setPermissionRequestHandler((contents, permission, callback) => {
      callback(
        permissionDecision(permission, contents.getURL(), allowedOrigins, temporarilyGranted()) ===
          'grant',
      );
    });
    guarded.setPermissionCheckHandler(
      (_contents, permission, requestingOrigin) =>
        permissionDecision(permission, requestingOrigin, allowedOrigins, temporarilyGranted()) ===
        'grant',
    );
  }
}

function guardWebContents(contents: WebContents, allowedOrigins: readonly string[]): void {
  const blockNavigation = (event: { preventDefault(): void }, url: string) => {
    if (!isAllowedNavigation(url, allowedOrigins)) event.preventDefault();
  };
  contents.on('will-navigate', blockNavigation);
  contents.on('will-redirect', blockNavigation);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // S5: only a person's click reaches here (no popups without a gesture), and only allowlisted
    // https pages leave the app.
    const external = toExternalUrl(url);
    if (external !== null) void shell.openExternal(external);
    return { action: 'deny' };
  });
}
