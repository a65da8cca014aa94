import { safeStorage } from 'electron';
import { isTrustworthyKeychainBackend, type OsKeychain } from '../keys/os-keychain.ts';

/** The OS keychain slot through Electron's asynchronous safeStorage API. */
export function createElectronKeychain(): OsKeychain {
  return {
    async isAvailable() {
      if (!(await safeStorage.isAsyncEncryptionAvailable())) return false;
      const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : '';
      return isTrustworthyKeychainBackend(process.platform, backend);
    },
    async seal(secret) {
      return new Uint8Array(await safeStorage.encryptStringAsync(secret));
    },
    async open(sealed) {
      const { result } = await safeStorage.decryptStringAsync(Buffer.from(sealed));
      return result;
    },
  };
}
