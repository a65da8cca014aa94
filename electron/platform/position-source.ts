import type { BrowserWindow } from 'electron';
import { DevicePositionSchema, type DevicePosition } from '../../shared/ipc/procedures/position.ts';
import { positionErrorReason, type PositionSource } from '../geolocation/position-source.ts';
import { whileGranted } from '../security/temporary-permissions.ts';

/**
 * The desktop app's position port. Electron has no main-side location API: Chromium's
 * geolocation (Windows location service, macOS Core Location) answers in a page. So main asks
 * in the app's own window, holding the geolocation permission only for this call; the operating
 * system may still ask the person or refuse. On Linux Chromium locates only through Google's
 * network service, which needs an API key Electron does not ship: the button is not offered.
 */
const readingScript = `new Promise((resolve) => {
  if (!('geolocation' in navigator)) { resolve({ error: 2 }); return; }
  navigator.geolocation.getCurrentPosition(
    (p) => resolve({ lat: p.coords.latitude, lon: p.coords.longitude,
      accuracyM: p.coords.accuracy, at: new Date(p.timestamp).toISOString() }),
    (e) => resolve({ error: e.code }),
    { enableHighAccuracy: true, timeout: 20000, maximumAge: 60000 });
})`;

export function createElectronPositionSource(window: () => BrowserWindow | null): PositionSource {
  const offered = process.platform === 'win32' || process.platform === 'darwin';
  return {
    offered: () => Promise.resolve(offered),
    async current(): Promise<DevicePosition> {
      const target = window();
      if (!offered || target === null) return { kind: 'unavailable', reason: 'notOffered' };
      const answer = (await whileGranted('geolocation', () =>
        target.webContents.executeJavaScript(readingScript),
      )) as { error?: number };
      if (typeof answer.error === 'number') {
        return { kind: 'unavailable', reason: positionErrorReason(answer.error) };
      }
      const parsed = DevicePositionSchema.safeParse({ kind: 'position', ...answer });
      return parsed.success ? parsed.data : { kind: 'unavailable', reason: 'noFix' };
    },
  };
}
