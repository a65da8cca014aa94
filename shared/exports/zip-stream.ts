import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

/** Where a writer's bytes go, in order (a file on the laptop, an HTTP response on the server). */
export interface ByteSink {
  write(bytes: Uint8Array): void;
}

const encoder = new TextEncoder();
/** Text is handed to the deflater in pieces of about this many characters. */
const flushAt = 64 * 1024;

/**
 * A zip written as a stream, one entry after the other (fflate buffers an entry that is not the
 * one being written, so entries are never open side by side): memory holds one piece of text.
 */
export class ZipStream {
  readonly #zip: Zip;
  #open: { file: ZipDeflate | ZipPassThrough; text: string[]; length: number } | null = null;

  constructor(sink: ByteSink) {
    this.#zip = new Zip((error, data) => {
      if (error !== null) throw error;
      sink.write(data);
    });
  }

  /** Starts an entry of text (deflated); write() then adds to it. */
  beginText(name: string): void {
    this.#closeEntry();
    const file = new ZipDeflate(name, { level: 6 });
    this.#zip.add(file);
    this.#open = { file, text: [], length: 0 };
  }

  write(text: string): void {
    const open = this.#open;
    if (open === null) throw new Error('No zip entry is open.');
    open.text.push(text);
    open.length += text.length;
    if (open.length >= flushAt) {
      open.file.push(encoder.encode(open.text.join('')), false);
      open.text = [];
      open.length = 0;
    }
  }

  /** A whole entry of bytes already compressed (a photo): stored as it is. */
  addBytes(name: string, bytes: Uint8Array): void {
    this.#closeEntry();
    const file = new ZipPassThrough(name);
    this.#zip.add(file);
    file.push(bytes, true);
  }

  end(): void {
    this.#closeEntry();
    this.#zip.end();
  }

  #closeEntry(): void {
    const open = this.#open;
    if (open === null) return;
    open.file.push(encoder.encode(open.text.join('')), true);
    this.#open = null;
  }
}
