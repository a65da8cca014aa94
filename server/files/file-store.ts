import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Photo bytes on disk under the data dir: uploads in progress as `uploads/<id>.part`, received
 * files by content address as `blobs/<sha256>`. The database says which are complete.
 */
export class FileStore {
  readonly #uploads: string;
  readonly #blobs: string;

  constructor(dataDir: string) {
    this.#uploads = path.join(dataDir, 'files', 'uploads');
    this.#blobs = path.join(dataDir, 'files', 'blobs');
  }

  async init(): Promise<void> {
    await mkdir(this.#uploads, { recursive: true });
    await mkdir(this.#blobs, { recursive: true });
  }

  partPath(uploadId: string): string {
    return path.join(this.#uploads, `${uploadId}.part`);
  }

  blobPath(sha256: string): string {
    return path.join(this.#blobs, sha256);
  }

  readStream(sha256: string): NodeJS.ReadableStream {
    return createReadStream(this.blobPath(sha256));
  }

  async createPart(uploadId: string): Promise<void> {
    const handle = await open(this.partPath(uploadId), 'w');
    await handle.close();
  }

  /** Writes a verified chunk at its offset and syncs it before the offset is advanced. */
  async writeChunk(uploadId: string, offset: number, chunk: Buffer): Promise<void> {
    const handle = await open(this.partPath(uploadId), 'r+');
    try {
      await handle.write(chunk, 0, chunk.length, offset);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  /** SHA-256 of the first `length` bytes (bytes past it are leftovers of an unrecorded write). */
  async sha256Of(uploadId: string, length: number): Promise<string> {
    const hash = createHash('sha256');
    if (length > 0) {
      for await (const block of createReadStream(this.partPath(uploadId), {
        start: 0,
        end: length - 1,
      })) {
        hash.update(block as Buffer);
      }
    }
    return hash.digest('hex');
  }

  async completePart(uploadId: string, length: number, sha256: string): Promise<void> {
    const handle = await open(this.partPath(uploadId), 'r+');
    try {
      await handle.truncate(length);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(this.partPath(uploadId), this.blobPath(sha256));
  }

  async discardPart(uploadId: string): Promise<void> {
    await rm(this.partPath(uploadId), { force: true });
  }
}
