import { APP_ORIGIN } from './app-origin.ts';
import { parseOrigin } from './sender-policy.ts';

/**
 * S4: the window may only ever show our own pages. `will-navigate` and `will-redirect` are cancelled
 * unless the parsed target origin is exactly one we serve (`app://app`, plus the Vite dev server in
 * development). `javascript:`, `data:`, `file:` and look-alike hosts all fail the parse-and-compare.
 */
export function isAllowedNavigation(
  targetUrl: string,
  allowedOrigins: readonly string[] = [APP_ORIGIN],
): boolean {
  const origin = parseOrigin(targetUrl);
  return origin !== null && allowedOrigins.includes(origin);
}
