import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';

import type { ByteSink } from '../../shared/exports/zip-stream.ts';

/** Where an export's bytes go, in order. */
export type { ByteSink };

/**
 * An export file written as it is made: to `<path>.part`, renamed to its name only once complete,
 * so a cancelled or failed export never leaves a file that looks whole.
 */
export class ExportFile implements ByteSink {
  readonly #path: string;
  readonly #partPath: string;
  #fd: number | null;
  #bytes = 0;

  constructor(path: string) {
    this.#path = path;
    this.#partPath = `${path}.part`;
    this.#fd = openSync(this.#partPath, 'w', 0o600);
  }

  get bytes(): number {
    return this.#bytes;
  }

  write(bytes: Uint8Array): void {
    if (this.#fd === null) throw new Error('The export file is closed.');
    let written = 0;
    while (written < bytes.length) {
      written += writeSync(this.#fd, bytes, written, bytes.length - written);
    }
    this.#bytes += bytes.length;
  }

  /** Flushes and gives the file its name. */
  complete(): void {
    if (this.#fd === null) return;
    fsyncSync(this.#fd);
    closeSync(this.#fd);
    this.#fd = null;
    renameSync(this.#partPath, this.#path);
  }

  /** Removes what was written. */
  abandon(): void {
    if (this.#fd !== null) closeSync(this.#fd);
    this.#fd = null;
    rmSync(this.#partPath, { force: true });
  }
}
