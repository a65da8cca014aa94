import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileStore } from '../../../../server/files/file-store.ts';
import { loadOrCreateFilesKey } from '../../../../server/files/files-key.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

const sha256Hex = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
/** Plaintext no file on disk may contain. */
const canary = Buffer.from('CANARY-EVIDENCE-PHOTO-'.repeat(400));

describe('photos at rest on the server', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let store: FileStore;

  beforeEach(async () => {
    temp = await makeTempDir('file-store');
    store = new FileStore(temp.dir, randomBytes(32));
    await store.init();
  });
  afterEach(() => temp.remove());

  it('never holds a photo in clear, in an upload part or in the received file', async () => {
    const upload = randomUUID();
    const sha256 = sha256Hex(canary);
    await store.createPart(upload);
    // Chunks at offsets that are not multiples of the cipher's 16-byte block, as tus allows.
    const cuts = [0, 1001, 4099, canary.length];
    for (let n = 0; n + 1 < cuts.length; n += 1) {
      await store.writeChunk(upload, cuts[n]!, canary.subarray(cuts[n], cuts[n + 1]));
    }
    const part = await readFile(store.partPath(upload));
    expect(part.length).toBe(canary.length);
    expect(part.includes(Buffer.from('CANARY-EVIDENCE'))).toBe(false);
    expect(await store.sha256Of(upload, canary.length)).toBe(sha256);

    await store.completePart(upload, canary.length, sha256);
    const blob = await readFile(store.blobPath(sha256));
    expect(blob.includes(Buffer.from('CANARY-EVIDENCE'))).toBe(false);
    expect((await store.readBlob(sha256)).equals(canary)).toBe(true);
    // The part stays until the caller has committed the upload's completion.
    expect(await store.partIds()).toEqual([upload]);
    await store.discardPart(upload);
    await expect(stat(store.partPath(upload))).rejects.toThrow(/ENOENT/);
  });

  it('refuses a received file changed on disk, and one read with another key', async () => {
    const upload = randomUUID();
    const sha256 = sha256Hex(canary);
    await store.createPart(upload);
    await store.writeChunk(upload, 0, canary);
    await store.completePart(upload, canary.length, sha256);

    const other = new FileStore(temp.dir, randomBytes(32));
    await expect(other.readBlob(sha256)).rejects.toThrow();
    const blob = await readFile(store.blobPath(sha256));
    blob.writeUInt8(blob.readUInt8(blob.length - 40) ^ 1, blob.length - 40);
    await writeFile(store.blobPath(sha256), blob);
    await expect(store.readBlob(sha256)).rejects.toThrow();
  });
});

describe('the photo key file', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeEach(async () => {
    temp = await makeTempDir('files-key');
  });
  afterEach(() => temp.remove());

  it('is created once, readable only by the server, and read back the same', async () => {
    const file = path.join(temp.dir, 'files.key');
    const first = await loadOrCreateFilesKey(file);
    expect(first.created).toBe(true);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const again = await loadOrCreateFilesKey(file);
    expect(again).toEqual({ key: first.key, created: false });
  });

  it('refuses a key file that does not hold a key', async () => {
    const file = path.join(temp.dir, 'files.key');
    await writeFile(file, 'not a key\n');
    await expect(loadOrCreateFilesKey(file)).rejects.toThrow(/64 hexadecimal characters/);
  });
});
