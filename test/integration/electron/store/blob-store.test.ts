import { randomBytes } from 'node:crypto';
import { copyFile, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  blobDirectory,
  readBlob,
  sha256Hex,
  writeBlob,
} from '../../../../electron/store/blob-store.ts';
import { StoreError } from '../../../../electron/store/store-error.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

/** A fake JPEG: a real header, a long distinctive run an attacker could grep for, random filler. */
function photo(label: string): Buffer {
  const marker = Buffer.from(`SERIAL-${label}-`.padEnd(48, '#'), 'latin1');
  return Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
    marker,
    randomBytes(70_000),
    marker,
    Buffer.from([0xff, 0xd9]),
  ]);
}

async function rejection(promise: Promise<unknown>): Promise<StoreError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(StoreError);
    return error as StoreError;
  }
  throw new Error('expected a StoreError, but the call succeeded');
}

describe('blob store', () => {
  let dir: string;
  let remove: () => Promise<void>;
  const dek = randomBytes(32);
  const fileOf = (sha256: string) => path.join(blobDirectory(dir), `${sha256}.bin`);

  beforeEach(async () => {
    ({ dir, remove } = await makeTempDir('blobs'));
  });
  afterEach(() => remove());

  it('round-trips a photo and names it by the SHA-256 of its content', async () => {
    const plaintext = photo('AK47-0001');
    const sha256 = await writeBlob(dir, dek, plaintext);
    expect(sha256).toBe(sha256Hex(plaintext));
    expect((await readBlob(dir, dek, sha256)).equals(plaintext)).toBe(true);
  });

  it('writes no plaintext to disk: no 32-byte run of the photo appears in the file', async () => {
    const plaintext = photo('AK47-0002');
    const sha256 = await writeBlob(dir, dek, plaintext);
    const onDisk = await readFile(fileOf(sha256));
    // The distinctive marker, and a 32-byte window from the random middle of the photo.
    expect(onDisk.includes(plaintext.subarray(4, 36))).toBe(false);
    expect(onDisk.includes(Buffer.from('SERIAL-AK47-0002'))).toBe(false);
    expect(onDisk.includes(plaintext.subarray(30_000, 30_032))).toBe(false);
    expect(onDisk.includes(dek)).toBe(false);
    expect((await stat(fileOf(sha256))).mode & 0o777).toBe(0o600);
  });

  it('stores the same content once: the second write leaves the first file alone', async () => {
    const plaintext = photo('AK47-0003');
    const sha256 = await writeBlob(dir, dek, plaintext);
    const first = await stat(fileOf(sha256));
    const firstBytes = await readFile(fileOf(sha256));
    expect(await writeBlob(dir, dek, Buffer.from(plaintext))).toBe(sha256);
    const second = await stat(fileOf(sha256));
    expect(second.ino).toBe(first.ino);
    expect(second.mtimeMs).toBe(first.mtimeMs);
    // Each write would use a fresh nonce, so identical bytes prove it was not written again.
    expect((await readFile(fileOf(sha256))).equals(firstBytes)).toBe(true);
    expect(await readdir(blobDirectory(dir))).toEqual([`${sha256}.bin`]);
  });

  it('refuses to decrypt with another data key (DATABASE_DAMAGED)', async () => {
    const sha256 = await writeBlob(dir, dek, photo('AK47-0004'));
    const error = await rejection(readBlob(dir, randomBytes(32), sha256));
    expect(error.code).toBe('DATABASE_DAMAGED');
  });

  it("detects a file swapped with another photo's file", async () => {
    const a = await writeBlob(dir, dek, photo('AK47-0005'));
    const b = await writeBlob(dir, dek, photo('AK47-0006'));
    await copyFile(fileOf(b), fileOf(a));
    const error = await rejection(readBlob(dir, dek, a));
    expect(error.code).toBe('DATABASE_DAMAGED');
    expect(error.message).toMatch(/damaged or was tampered with/);
    // The untouched one still reads.
    expect(sha256Hex(await readBlob(dir, dek, b))).toBe(b);
  });

  it('detects a truncated file, down to an empty one', async () => {
    const sha256 = await writeBlob(dir, dek, photo('AK47-0007'));
    const original = await readFile(fileOf(sha256));
    for (const length of [original.length - 1, original.length - 16, 1000, 30, 8, 0]) {
      await writeFile(fileOf(sha256), original.subarray(0, length));
      const error = await rejection(readBlob(dir, dek, sha256));
      expect(error.code, `cut to ${length}`).toBe('DATABASE_DAMAGED');
    }
  });

  it('detects a single flipped bit in the ciphertext', async () => {
    const sha256 = await writeBlob(dir, dek, photo('AK47-0008'));
    const bytes = await readFile(fileOf(sha256));
    bytes[5_000] = (bytes[5_000] ?? 0) ^ 0x01;
    await writeFile(fileOf(sha256), bytes);
    expect((await rejection(readBlob(dir, dek, sha256))).code).toBe('DATABASE_DAMAGED');
  });

  it('leaves no temp file behind, after many writes', async () => {
    const written = new Set<string>();
    for (let i = 0; i < 10; i += 1) written.add(await writeBlob(dir, dek, photo(`AK47-1${i}`)));
    const names = await readdir(blobDirectory(dir));
    expect(names.filter((name) => !name.endsWith('.bin'))).toEqual([]);
    expect(new Set(names)).toEqual(new Set([...written].map((sha256) => `${sha256}.bin`)));
    expect((await stat(blobDirectory(dir))).mode & 0o777).toBe(0o700);
  });

  it('writes an owner-only file even when a stale temp file with looser permissions was in the way', async () => {
    const plaintext = photo('AK47-stale');
    const sha256 = sha256Hex(plaintext);
    await writeBlob(dir, dek, photo('AK47-seed'));
    await writeFile(`${fileOf(sha256)}.${process.pid}.tmp`, 'stale plaintext?', { mode: 0o644 });
    await writeBlob(dir, dek, plaintext);
    expect((await stat(fileOf(sha256))).mode & 0o777).toBe(0o600);
    expect((await readBlob(dir, dek, sha256)).equals(plaintext)).toBe(true);
    // The stale file of another process is left alone; this write left no temp file of its own.
    expect((await readdir(blobDirectory(dir))).filter((name) => name.endsWith('.tmp'))).toEqual([
      `${sha256}.bin.${process.pid}.tmp`,
    ]);
  });

  it('refuses a name that is not a SHA-256 digest (no path tricks)', async () => {
    await expect(readBlob(dir, dek, '../../etc/passwd')).rejects.toThrow(/sha256/);
    await expect(readBlob(dir, dek, 'A'.repeat(64))).rejects.toThrow(/sha256/);
  });
});
