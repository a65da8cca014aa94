/**
 * The OS keychain as an optional key slot (Electron safeStorage in the app, a fake in tests). It is
 * never the only way in: keychains break when a profile moves to another machine or the Linux
 * desktop changes (sync-and-crypto.md 4.5), so a passphrase slot always exists beside it.
 */
export interface OsKeychain {
  isAvailable(): Promise<boolean>;
  seal(secret: string): Promise<Uint8Array>;
  open(sealed: Uint8Array): Promise<string>;
}

/**
 * On Linux without a secret service, Chromium falls back to `basic_text`: a hard-coded key that
 * protects nothing. Such a backend counts as no keychain at all.
 */
export function isTrustworthyKeychainBackend(platform: string, linuxBackend: string): boolean {
  if (platform !== 'linux') return true;
  return linuxBackend !== 'basic_text' && linuxBackend !== 'unknown';
}

/** For hosts with no OS keychain (the browser preview): the slot is simply not offered. */
export const unavailableKeychain: OsKeychain = {
  isAvailable: () => Promise.resolve(false),
  seal: () => Promise.reject(new Error('No OS keychain on this host.')),
  open: () => Promise.reject(new Error('No OS keychain on this host.')),
};
