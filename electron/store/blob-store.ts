import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync } from 'node:fs';
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { StoreError } from './store-error.ts';

/**
 * Photos of weapons and markings, encrypted at rest (sync-and-crypto.md 7.5): one file per photo
 * under `<dataDir>/blobs/<sha256>.bin`, named by the SHA-256 of the plaintext, AES-256-GCM with a
 * per-file key HKDF-SHA256(DEK, "salw-blob:<sha256>"). The AAD binds the ciphertext to its name, so
 * swapping two files is detected. Photos are small enough (≤ 25 MiB) for one GCM message.
 */
const MAGIC = Buffer.from('SALWBLB1', 'latin1');
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export function blobDirectory(dataDir: string): string {
  return path.join(dataDir, 'blobs');
}

function blobPath(dataDir: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a sha256 hex digest');
  return path.join(blobDirectory(dataDir), `${sha256}.bin`);
}

function fileKey(dek: Uint8Array, sha256: string): Buffer {
  return Buffer.from(hkdfSync('sha256', dek, Buffer.alloc(0), `salw-blob:${sha256}`, 32));
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Stores the photo once (same content, same file) and returns its digest. */
export async function writeBlob(
  dataDir: string,
  dek: Uint8Array,
  plaintext: Uint8Array,
): Promise<string> {
  const sha256 = sha256Hex(plaintext);
  const target = blobPath(dataDir, sha256);
  if (await exists(target)) return sha256;
  await mkdir(blobDirectory(dataDir), { recursive: true, mode: 0o700 });

  const key = fileKey(dek, sha256);
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.concat([MAGIC, Buffer.from(sha256, 'latin1')]));
  const body = Buffer.concat([
    MAGIC,
    nonce,
    cipher.update(plaintext),
    cipher.final(),
    cipher.getAuthTag(),
  ]);
  key.fill(0);

  // Only ciphertext ever touches the disk, including the temp file of the atomic write.
  // Unique per write: two saves of the same photo at once must not remove each other's file.
  const temp = `${target}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temp, body, { mode: 0o600, flag: 'wx' });
    const fd = openSync(temp, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    await rename(temp, target);
    // The rename itself must survive a power cut, or a saved record could point at no file.
    const dirFd = openSync(blobDirectory(dataDir), 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC' || code === 'EDQUOT') {
      throw new StoreError('STORAGE_FULL', 'The disk is full. The photo was not saved.', {
        cause: error,
      });
    }
    if (code === 'EACCES' || code === 'EROFS' || code === 'EPERM') {
      throw new StoreError(
        'STORAGE_READ_ONLY',
        'The data folder cannot be written to. The photo was not saved.',
        {
          cause: error,
        },
      );
    }
    throw error;
  }
  return sha256;
}

/**
 * Deletes a photo's file once no row refers to it any more (a record that left the laptop's team
 * scope took its photo's description with it). A file already gone is fine.
 */
export async function deleteBlob(dataDir: string, sha256: string): Promise<void> {
  try {
    await unlink(blobPath(dataDir, sha256));
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
  }
}

/** Decrypts and checks the photo against its name; a tampered or swapped file throws. */
export async function readBlob(dataDir: string, dek: Uint8Array, sha256: string): Promise<Buffer> {
  const body = await readFile(blobPath(dataDir, sha256));
  if (
    body.length < MAGIC.length + NONCE_BYTES + TAG_BYTES ||
    !body.subarray(0, MAGIC.length).equals(MAGIC)
  ) {
    throw new StoreError('DATABASE_DAMAGED', 'A photo file is damaged.');
  }
  const nonce = body.subarray(MAGIC.length, MAGIC.length + NONCE_BYTES);
  const tag = body.subarray(body.length - TAG_BYTES);
  const key = fileKey(dek, sha256);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.concat([MAGIC, Buffer.from(sha256, 'latin1')]));
    decipher.setAuthTag(tag);
    const plaintext = Buffer.concat([
      decipher.update(body.subarray(MAGIC.length + NONCE_BYTES, body.length - TAG_BYTES)),
      decipher.final(),
    ]);
    if (sha256Hex(plaintext) !== sha256) throw new Error('digest mismatch');
    return plaintext;
  } catch (error) {
    throw new StoreError('DATABASE_DAMAGED', 'A photo file is damaged or was tampered with.', {
      cause: error,
    });
  } finally {
    key.fill(0);
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
