import type { DispatchedApp } from './dispatched-app.ts';

/**
 * Sync rounds on every laptop until two whole passes in a row end clean: the second pulls what
 * the first pushed. Called once the network is healed; fails if the laptops never settle.
 */
export async function settleSync(laptops: readonly DispatchedApp[]): Promise<void> {
  let clean = 0;
  for (let pass = 0; pass < 8; pass += 1) {
    let pending = 0;
    for (const app of laptops) {
      const status = await app.ok('syncNow');
      pending += status.pendingChanges + status.pendingPhotos;
      if (status.lastError !== null) pending += 1;
    }
    clean = pending === 0 ? clean + 1 : 0;
    if (clean >= 2) return;
  }
  throw new Error('sync did not settle after the network healed');
}
