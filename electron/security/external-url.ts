/**
 * S5: links leave the app only to https pages on this list (reference material a field team is
 * likely to need), and only when a person clicks. Everything else is dropped, so a compromised
 * renderer cannot use the OS to open arbitrary URLs or local files.
 */
export const externalHostAllowlist: readonly string[] = [
  'www.unoda.org',
  'disarmament.unoda.org',
  'www.smallarmssurvey.org',
  'www.seesac.org',
];

/** Returns the normalised URL to open, or null when it must not leave the app. */
export function toExternalUrl(
  candidate: string,
  allowlist: readonly string[] = externalHostAllowlist,
): string | null {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '') return null;
  if (url.port !== '') return null;
  if (!allowlist.includes(url.hostname)) return null;
  return url.href;
}
