import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';

const KEY_BYTES = 32;

/**
 * The key that encrypts received photos at rest (sync-and-crypto.md 7.5: "encrypted with a
 * server-side key"): 32 random bytes as 64 hex characters in a file only the server's user can
 * read. Created on first start when missing. Kept apart from the data directory (SALW_FILES_KEY_FILE),
 * a copy or backup of the data alone does not show a single photo.
 */
export async function loadOrCreateFilesKey(
  file: string,
): Promise<{ key: Buffer; created: boolean }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const key = randomBytes(KEY_BYTES);
    try {
      // 'wx': two servers starting at once never overwrite each other's key.
      await writeFile(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
      return { key, created: true };
    } catch (raced) {
      if ((raced as NodeJS.ErrnoException).code !== 'EEXIST') throw raced;
      text = await readFile(file, 'utf8');
    }
  }
  const hex = text.trim();
  if (!/^[0-9a-f]{64}$/i.test(hex)) {
    throw new Error(`The photo key file ${file} does not hold 64 hexadecimal characters.`);
  }
  return { key: Buffer.from(hex, 'hex'), created: false };
}
