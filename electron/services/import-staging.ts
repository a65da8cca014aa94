import { createCipheriv, createDecipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, readSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

/**
 * The file a person is importing, kept by main between the preview and the confirm without
 * holding it in memory (issue 15: memory must not grow with the file) and without writing its
 * plaintext to disk (a register is record text; finding 0.2 of sync-and-crypto.md). It arrives in
 * chunks over IPC and is written to `<dataDir>/import-staging/<id>.bin` in blocks of 64 KiB, each
 * AES-256-GCM under a key that exists only in this process's memory: a file left behind by a crash
 * or a kill is unreadable noise, removed at the next import.
 */
const BLOCK = 64 * 1024;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const SEALED_BLOCK = BLOCK + TAG_BYTES;

export class StagingError extends Error {}

export function stagingDirectory(dataDir: string): string {
  return path.join(dataDir, 'import-staging');
}

/** Removes the staged files this process does not hold (their keys died with another process). */
export function removeStaleStagedFiles(dataDir: string, keep: ReadonlySet<string>): void {
  let names: string[];
  try {
    names = readdirSync(stagingDirectory(dataDir));
  } catch {
    return;
  }
  for (const name of names) {
    const file = path.join(stagingDirectory(dataDir), name);
    if (!keep.has(file)) rmSync(file, { force: true });
  }
}

function nonceOf(block: number): Buffer {
  // A fresh random key per file, so the block number alone never repeats a (key, nonce) pair.
  const nonce = Buffer.alloc(NONCE_BYTES);
  nonce.writeUIntBE(block, NONCE_BYTES - 6, 6);
  return nonce;
}

/** The block's number and whether it is the last bind it to its place: no reordering, no cut. */
function aadOf(block: number, last: boolean): Buffer {
  const aad = Buffer.alloc(7);
  aad.writeUIntBE(block, 0, 6);
  aad[6] = last ? 1 : 0;
  return aad;
}

export class StagedFile {
  readonly file: string;
  readonly #key = randomBytes(32);
  readonly #hash = createHash('sha256');
  #fd: number | null;
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  #blocks = 0;
  #size = 0;
  #sha256: string | null = null;

  constructor(dataDir: string) {
    mkdirSync(stagingDirectory(dataDir), { recursive: true, mode: 0o700 });
    this.file = path.join(stagingDirectory(dataDir), `${randomUUID()}.bin`);
    this.#fd = openSync(this.file, 'wx', 0o600);
  }

  /** Bytes received so far. */
  get size(): number {
    return this.#size;
  }

  /** The plaintext's SHA-256, once complete. */
  get sha256(): string {
    if (this.#sha256 === null) throw new StagingError('The file is not complete.');
    return this.#sha256;
  }

  get complete(): boolean {
    return this.#sha256 !== null;
  }

  /** The next bytes of the file, in order: `offset` is where they start. */
  append(offset: number, bytes: Buffer): void {
    if (this.#sha256 !== null) throw new StagingError('The file is already complete.');
    if (offset !== this.#size) throw new StagingError('A part of the file arrived out of order.');
    this.#hash.update(bytes);
    this.#size += bytes.length;
    // A copy: the caller may reuse its buffer for the next part.
    this.#pending.push(Buffer.from(bytes));
    this.#pendingBytes += bytes.length;
    if (this.#pendingBytes < BLOCK) return;
    const joined = Buffer.concat(this.#pending);
    let start = 0;
    for (; joined.length - start >= BLOCK; start += BLOCK) {
      this.#seal(joined.subarray(start, start + BLOCK), false);
    }
    this.#pending = start < joined.length ? [Buffer.from(joined.subarray(start))] : [];
    this.#pendingBytes = joined.length - start;
  }

  /** Writes the last block; the file can then be read, as often as needed. */
  finish(): void {
    if (this.#sha256 !== null) return;
    this.#seal(Buffer.concat(this.#pending), true);
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#sha256 = this.#hash.digest('hex');
  }

  /** The plaintext, block by block, read synchronously (a SQLite transaction cannot await). */
  *chunks(): Generator<Buffer> {
    if (this.#sha256 === null) throw new StagingError('The file is not complete.');
    const fd = openSync(this.file, 'r');
    try {
      const sealed = Buffer.alloc(SEALED_BLOCK);
      for (let block = 0; block < this.#blocks; block += 1) {
        const read = readSync(fd, sealed, 0, SEALED_BLOCK, block * SEALED_BLOCK);
        if (read < TAG_BYTES) throw new StagingError('The staged file is damaged.');
        const decipher = createDecipheriv('aes-256-gcm', this.#key, nonceOf(block));
        decipher.setAAD(aadOf(block, block === this.#blocks - 1));
        decipher.setAuthTag(sealed.subarray(read - TAG_BYTES, read));
        try {
          yield Buffer.concat([
            decipher.update(sealed.subarray(0, read - TAG_BYTES)),
            decipher.final(),
          ]);
        } catch (error) {
          throw new StagingError('The staged file is damaged.', { cause: error });
        }
      }
    } finally {
      closeSync(fd);
    }
  }

  /** Closes and removes the file, and forgets its key. */
  discard(): void {
    if (this.#fd !== null) {
      closeSync(this.#fd);
      this.#fd = null;
    }
    this.#key.fill(0);
    this.#pending = [];
    rmSync(this.file, { force: true });
  }

  #seal(plaintext: Buffer, last: boolean): void {
    if (this.#fd === null) throw new StagingError('The staged file is closed.');
    const cipher = createCipheriv('aes-256-gcm', this.#key, nonceOf(this.#blocks));
    cipher.setAAD(aadOf(this.#blocks, last));
    const sealed = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
    writeSync(this.#fd, sealed, 0, sealed.length, this.#blocks * SEALED_BLOCK);
    this.#blocks += 1;
    if (last) {
      closeSync(this.#fd);
      this.#fd = null;
    }
  }
}
