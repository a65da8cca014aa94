import { unwrapWithPassphrase } from '../../electron/keys/keyring.ts';
import { readKeyringFile } from '../../electron/keys/keyring-file.ts';
import { openDeviceDatabase } from '../../electron/store/device-database.ts';
import type { Db } from '../../electron/store/encrypted-database.ts';

/**
 * Opens a data folder the way the app does (keyring → passphrase slot → data key → database), so a
 * test can inspect what a host left behind after it was killed.
 */
export async function openDataFolder(
  dataDir: string,
  userId: string,
  passphrase: string,
): Promise<{ db: Db; dbId: string; close: () => void }> {
  const keyring = await readKeyringFile(dataDir);
  if (keyring === null) throw new Error(`no keyring in ${dataDir}`);
  const unwrapped = await unwrapWithPassphrase(keyring, userId, passphrase);
  if (unwrapped === null) throw new Error('passphrase does not open the keyring');
  const db = openDeviceDatabase(dataDir, unwrapped.dek, keyring.dbId);
  return {
    db,
    dbId: keyring.dbId,
    close: () => {
      db.close();
      unwrapped.dek.fill(0);
    },
  };
}
