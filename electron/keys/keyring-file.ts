import { closeSync, fsyncSync, openSync } from 'node:fs';
import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { KeyringSchema, type Keyring } from './keyring.ts';

export const KEYRING_FILE = 'keyring.json';
/**
 * A second copy, written after the first: every way into the data (passphrases, the recovery code)
 * lives in the keyring, so one damaged file must not lock everyone out.
 */
export const KEYRING_BACKUP_FILE = 'keyring.backup.json';

export class KeyringFileError extends Error {
  override readonly name = 'KeyringFileError';
}

/** Null when this data directory has never been set up; the backup stands in for a damaged file. */
export async function readKeyringFile(dataDir: string): Promise<Keyring | null> {
  try {
    // A missing main file with a backup beside it is a damaged keyring, not a new computer.
    return (
      (await readOne(path.join(dataDir, KEYRING_FILE))) ??
      (await readOne(path.join(dataDir, KEYRING_BACKUP_FILE)).catch(() => null))
    );
  } catch (error) {
    const backup = await readOne(path.join(dataDir, KEYRING_BACKUP_FILE)).catch(() => null);
    if (backup !== null) return backup;
    throw error;
  }
}

async function readOne(file: string): Promise<Keyring | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new KeyringFileError(`${KEYRING_FILE} is not valid JSON; it may have been damaged.`);
  }
  const parsed = KeyringSchema.safeParse(json);
  if (!parsed.success) throw new KeyringFileError(`${KEYRING_FILE} is not a SALW Field keyring.`);
  return parsed.data;
}

/**
 * Atomic replace: write a temp file, fsync it, rename over the old one, fsync the directory. A
 * crash at any point leaves either the old keyring or the new one, never half of either.
 */
export async function writeKeyringFile(dataDir: string, keyring: Keyring): Promise<void> {
  await writeOne(dataDir, KEYRING_FILE, keyring);
  await writeOne(dataDir, KEYRING_BACKUP_FILE, keyring);
}

async function writeOne(dataDir: string, name: string, keyring: Keyring): Promise<void> {
  const target = path.join(dataDir, name);
  const temp = `${target}.${process.pid}.tmp`;
  // A leftover temp file from a crash would keep its old mode through writeFile: start afresh.
  await unlink(temp).catch(() => undefined);
  await writeFile(temp, `${JSON.stringify(KeyringSchema.parse(keyring), null, 2)}\n`, {
    mode: 0o600,
    flag: 'wx',
  });
  try {
    fsyncPath(temp);
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  fsyncPath(dataDir);
}

function fsyncPath(file: string): void {
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
