import { APP_ORIGIN } from './app-origin.ts';
import { parseOrigin } from './sender-policy.ts';

/**
 * S6: the renderer gets no browser permission (camera, geolocation, notifications, media, USB…)
 * unless it is on this list, and only for our own origin. Photos of weapons arrive as files chosen
 * by the person, so no device permission is needed today.
 */
export const grantedPermissions: readonly string[] = ['clipboard-sanitized-write'];

export function permissionDecision(
  permission: string,
  requestingUrl: string,
  allowedOrigins: readonly string[] = [APP_ORIGIN],
  /** Held for the length of one main-side call only (temporary-permissions.ts). */
  alsoGranted: readonly string[] = [],
): 'grant' | 'deny' {
  if (!grantedPermissions.includes(permission) && !alsoGranted.includes(permission)) return 'deny';
  const origin = parseOrigin(requestingUrl);
  return origin !== null && allowedOrigins.includes(origin) ? 'grant' : 'deny';
}
