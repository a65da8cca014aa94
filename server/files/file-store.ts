import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Photo bytes on disk under the data dir, never in clear (they are evidence): uploads in progress
 * as `uploads/<id>.part`, received files by content address as `blobs/<sha256>`. The database
 * says which are complete.
 *
 * - A part is AES-256-CTR under a key derived for that upload: tus writes chunks at any offset,
 *   and CTR encrypts a chunk at its offset without touching what came before. A part has no
 *   tag of its own; the whole file's SHA-256 is checked before it becomes a blob.
 * - A blob is AES-256-GCM under a key derived for its digest, with a fresh nonce: `MAGIC | nonce |
 *   ciphertext | tag`. A changed byte fails the tag; the laptop also checks the digest.
 */
const MAGIC = Buffer.from('SALWSRV1', 'latin1');
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const BLOCK_BYTES = 16;

export class FileStore {
  readonly #uploads: string;
  readonly #blobs: string;
  readonly #key: Buffer;

  constructor(dataDir: string, key: Buffer) {
    this.#uploads = path.join(dataDir, 'files', 'uploads');
    this.#blobs = path.join(dataDir, 'files', 'blobs');
    this.#key = key;
  }

  async init(): Promise<void> {
    await mkdir(this.#uploads, { recursive: true, mode: 0o700 });
    await mkdir(this.#blobs, { recursive: true, mode: 0o700 });
  }

  partPath(uploadId: string): string {
    return path.join(this.#uploads, `${uploadId}.part`);
  }

  blobPath(sha256: string): string {
    return path.join(this.#blobs, sha256);
  }

  async createPart(uploadId: string): Promise<void> {
    const handle = await open(this.partPath(uploadId), 'w', 0o600);
    await handle.close();
  }

  /** Encrypts a verified chunk at its offset and syncs it before the offset is advanced. */
  async writeChunk(uploadId: string, offset: number, chunk: Buffer): Promise<void> {
    const sealed = this.#partCipher(uploadId, offset).update(chunk);
    const handle = await open(this.partPath(uploadId), 'r+');
    try {
      await handle.write(sealed, 0, sealed.length, offset);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  /** SHA-256 of the first `length` bytes (bytes past it are leftovers of an unrecorded write). */
  async sha256Of(uploadId: string, length: number): Promise<string> {
    const hash = createHash('sha256');
    for await (const block of this.#partPlaintext(uploadId, length)) hash.update(block);
    return hash.digest('hex');
  }

  /**
   * Re-encrypts the verified part as the blob of its digest, synced. The part stays until the
   * upload's completion is committed (the caller discards it then): a crash before that commit
   * brings the upload back at its previous offset, and its last chunk must still have a part to
   * be written into.
   */
  async completePart(uploadId: string, length: number, sha256: string): Promise<void> {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#fileKey(sha256), nonce);
    const temp = `${this.blobPath(sha256)}.${uploadId}.tmp`;
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.write(Buffer.concat([MAGIC, nonce]));
      for await (const block of this.#partPlaintext(uploadId, length)) {
        await handle.write(cipher.update(block));
      }
      await handle.write(Buffer.concat([cipher.final(), cipher.getAuthTag()]));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, this.blobPath(sha256));
  }

  /** A received photo in clear; throws if its file was changed on disk. */
  async readBlob(sha256: string): Promise<Buffer> {
    const sealed = await readFile(this.blobPath(sha256));
    if (
      sealed.length < MAGIC.length + NONCE_BYTES + TAG_BYTES ||
      !sealed.subarray(0, MAGIC.length).equals(MAGIC)
    ) {
      throw new Error(`The stored photo ${sha256} is damaged.`);
    }
    const nonce = sealed.subarray(MAGIC.length, MAGIC.length + NONCE_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.#fileKey(sha256), nonce);
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    return Buffer.concat([
      decipher.update(sealed.subarray(MAGIC.length + NONCE_BYTES, sealed.length - TAG_BYTES)),
      decipher.final(),
    ]);
  }

  /** The uploads that have a part on disk. */
  async partIds(): Promise<string[]> {
    const names = await readdir(this.#uploads);
    return names.flatMap((name) =>
      /^[0-9a-f-]{36}\.part$/.test(name) ? [name.slice(0, -'.part'.length)] : [],
    );
  }

  async discardPart(uploadId: string): Promise<void> {
    await rm(this.partPath(uploadId), { force: true });
  }

  async *#partPlaintext(uploadId: string, length: number): AsyncGenerator<Buffer> {
    if (length === 0) return;
    const decipher = this.#partCipher(uploadId, 0);
    for await (const block of createReadStream(this.partPath(uploadId), {
      start: 0,
      end: length - 1,
    })) {
      yield decipher.update(block as Buffer);
    }
  }

  /** CTR is its own inverse: the same keystream, started at `offset`, seals and opens. */
  #partCipher(uploadId: string, offset: number) {
    const counter = Buffer.alloc(BLOCK_BYTES);
    counter.writeBigUInt64BE(BigInt(Math.floor(offset / BLOCK_BYTES)), 8);
    const cipher = createCipheriv('aes-256-ctr', this.#derive(`upload:${uploadId}`), counter);
    const skip = offset % BLOCK_BYTES;
    if (skip > 0) cipher.update(Buffer.alloc(skip));
    return cipher;
  }

  #fileKey(sha256: string): Buffer {
    return this.#derive(`file:${sha256}`);
  }

  #derive(info: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.#key, Buffer.alloc(0), `salw-server:${info}`, 32));
  }
}
