/** Automatic retries after a failed round: 1 s, 2 s, 4 s … capped at 5 minutes. */
export const BACKOFF_MIN_MS = 1_000;
export const BACKOFF_MAX_MS = 5 * 60_000;

/**
 * The wait before retry number `failures` (1 = after the first failure): the exponential step plus
 * up to half of it at random, so many laptops coming back online after an outage do not all hit
 * the server in the same second; never under 1 s, never over 5 minutes.
 */
export function backoffDelayMs(failures: number, random: () => number = Math.random): number {
  const exponent = Math.max(0, Math.min(failures - 1, 30));
  const step = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** exponent);
  return Math.min(BACKOFF_MAX_MS, Math.round(step * (1 + random() * 0.5)));
}
