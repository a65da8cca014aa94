import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  RecordAttachmentsSchema,
  SyncErrorBodySchema,
  syncRoutes,
  TUS_VERSION,
} from '../../../../shared/sync/protocol.ts';
import { mutation, newRecordId, request, syncClient } from '../../../support/sync-client.ts';
import {
  startSyncServer,
  syncBackends,
  type SyncServerHandle,
} from '../../../support/sync-server.ts';

const sha256Hex = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const sha256B64 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('base64');
const b64 = (text: string) => Buffer.from(text).toString('base64');

describe.each(syncBackends)('photo uploads with tus (%s)', (backend) => {
  let server: SyncServerHandle;
  let camera: Awaited<ReturnType<SyncServerHandle['enrollDevice']>>;
  let credential: string;
  let nextMutationId = 1;
  beforeAll(async () => {
    server = await startSyncServer({ backend });
    camera = await server.enrollDevice('Camera laptop');
    credential = camera.credential;
  });
  afterAll(() => server.stop());

  /** The camera laptop pushes one change, as its sync does before uploading the photos. */
  const pushOne = async (partial: Omit<Parameters<typeof mutation>[0], 'mutationId'>) => {
    const response = await syncClient(server.url, camera).push([
      mutation({ ...partial, mutationId: nextMutationId }),
    ]);
    nextMutationId += 1;
    expect(response.status, response.text).toBe(200);
    const result = (response.json as { results: Array<{ outcome: string }> }).results[0];
    expect(result?.outcome).toBe('applied');
  };
  const scenePhoto = (bytes: Buffer) => ({
    sha256: sha256Hex(bytes),
    mime: 'image/jpeg',
    size: bytes.length,
    kind: 'scene',
  });

  const tus = { 'Tus-Resumable': TUS_VERSION };
  const create = (file: Buffer, sha = sha256Hex(file), length = file.length) =>
    request(`${server.url}${syncRoutes.files}`, {
      method: 'POST',
      credential,
      headers: {
        ...tus,
        'Upload-Length': String(length),
        'Upload-Metadata': `sha256 ${b64(sha)},mime ${b64('image/jpeg')}`,
      },
    });
  const head = (location: string) =>
    request(`${server.url}${location}`, { method: 'HEAD', credential, headers: tus });
  const patch = (location: string, offset: number, chunk: Buffer, checksum = sha256B64(chunk)) =>
    request(`${server.url}${location}`, {
      method: 'PATCH',
      credential,
      headers: {
        ...tus,
        'Content-Type': 'application/offset+octet-stream',
        'Upload-Offset': String(offset),
        'Upload-Checksum': `sha256 ${checksum}`,
      },
      body: new Uint8Array(chunk),
    });
  const received = async (sha: string) =>
    (await request(`${server.url}${syncRoutes.fileBySha256(sha)}`, { method: 'HEAD', credential }))
      .status;

  it('advertises tus 1.0 with creation and sha256 checksums', async () => {
    const options = await request(`${server.url}${syncRoutes.files}`, { method: 'OPTIONS' });
    expect(options.status).toBe(204);
    expect(options.headers.get('tus-resumable')).toBe(TUS_VERSION);
    expect(options.headers.get('tus-extension')).toBe('creation,checksum');
    expect(options.headers.get('tus-checksum-algorithm')).toBe('sha256');
  });

  it('uploads in chunks, resumes from HEAD after an interrupted PATCH, and verifies the file', async () => {
    const file = randomBytes(2_500_000);
    const sha = sha256Hex(file);
    expect(await received(sha)).toBe(404);
    const created = await create(file);
    expect(created.status).toBe(201);
    expect(created.headers.get('tus-resumable')).toBe(TUS_VERSION);
    const location = created.headers.get('location') ?? '';
    expect(location).toMatch(/^\/v1\/files\/[0-9a-f-]{36}$/);

    const chunk = 1024 * 1024;
    expect((await patch(location, 0, file.subarray(0, chunk))).status).toBe(204);
    // The link drops half-way through the second chunk.
    await interruptedPatch(
      `${server.url}${location}`,
      credential,
      chunk,
      file.subarray(chunk, 2 * chunk),
    );
    const resumed = await head(location);
    expect(resumed.status).toBe(200);
    expect(resumed.headers.get('upload-offset')).toBe(String(chunk));
    expect(resumed.headers.get('upload-length')).toBe(String(file.length));

    const wrongOffset = await patch(location, 0, file.subarray(0, chunk));
    expect(wrongOffset.status).toBe(409);
    expect(SyncErrorBodySchema.parse(wrongOffset.json).error).toBe('OFFSET_MISMATCH');
    const corrupted = await patch(
      location,
      chunk,
      file.subarray(chunk, 2 * chunk),
      sha256B64(Buffer.from('other')),
    );
    expect(corrupted.status).toBe(460);
    expect(SyncErrorBodySchema.parse(corrupted.json).error).toBe('CHECKSUM_MISMATCH');
    expect((await head(location)).headers.get('upload-offset')).toBe(String(chunk));

    expect((await patch(location, chunk, file.subarray(chunk, 2 * chunk))).status).toBe(204);
    const last = await patch(location, 2 * chunk, file.subarray(2 * chunk));
    expect(last.status).toBe(204);
    expect(last.headers.get('upload-offset')).toBe(String(file.length));
    expect(await received(sha)).toBe(200);
    expect(existsSync(path.join(server.dataDir, 'files', 'blobs', sha))).toBe(true);
    // A lost last response: HEAD still tells the laptop the upload is complete.
    expect((await head(location)).headers.get('upload-offset')).toBe(String(file.length));
  });

  it('serves a received photo to the laptops that pull its record, byte for byte', async () => {
    const file = randomBytes(70_000);
    const sha = sha256Hex(file);
    const url = `${server.url}${syncRoutes.fileBySha256(sha)}`;
    // Not received yet (the other laptop's upload has not finished): 404, said plainly.
    const early = await fetch(url, { headers: { authorization: `Bearer ${credential}` } });
    expect(early.status).toBe(404);
    expect(SyncErrorBodySchema.parse(await early.json()).error).toBe('NOT_FOUND');

    await pushOne({
      entityId: newRecordId(),
      op: 'create',
      fields: { photos: [scenePhoto(file)] },
    });
    const location = (await create(file)).headers.get('location') ?? '';
    expect((await patch(location, 0, file)).status).toBe(204);
    const other = (await server.enrollDevice('Second laptop')).credential;
    const served = await fetch(url, { headers: { authorization: `Bearer ${other}` } });
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await served.arrayBuffer()).equals(file)).toBe(true);
    // Kept encrypted under the key created at first start, which a restart reads back.
    expect(existsSync(path.join(server.dataDir, 'files.key'))).toBe(true);
    await server.restart();
    const afterRestart = await fetch(url, { headers: { authorization: `Bearer ${other}` } });
    expect(Buffer.from(await afterRestart.arrayBuffer()).equals(file)).toBe(true);

    const anonymous = await fetch(url);
    expect(anonymous.status).toBe(401);
    await anonymous.body?.cancel();
    const notADigest = await fetch(`${server.url}${syncRoutes.fileBySha256('..%2F..%2Fetc')}`, {
      headers: { authorization: `Bearer ${credential}` },
    });
    expect(notADigest.status).toBe(404);
    await notADigest.body?.cancel();
  });

  it('serves a photo only while a stored record refers to it, never by its SHA-256 alone', async () => {
    const other = (await server.enrollDevice('Curious laptop')).credential;
    const fetchAs = async (who: string, sha: string) => {
      const response = await fetch(`${server.url}${syncRoutes.fileBySha256(sha)}`, {
        headers: { authorization: `Bearer ${who}` },
      });
      return { status: response.status, body: await response.json().catch(() => null) };
    };
    const upload = async (bytes: Buffer) => {
      const location = (await create(bytes)).headers.get('location') ?? '';
      expect((await patch(location, 0, bytes)).status).toBe(204);
    };

    // Uploaded, but no record refers to it: nobody gets it, not even the laptop that sent it.
    const orphan = randomBytes(6000);
    await upload(orphan);
    expect(await received(sha256Hex(orphan))).toBe(200);
    for (const who of [other, credential]) {
      const refused = await fetchAs(who, sha256Hex(orphan));
      expect(refused.status).toBe(404);
      expect(SyncErrorBodySchema.parse(refused.body).error).toBe('NOT_FOUND');
    }

    // A weapon's photo and a marking's photo of a record: served; dropped from it: not any more.
    const weaponPhoto = randomBytes(7000);
    const markingPhoto = randomBytes(8000);
    await upload(weaponPhoto);
    await upload(markingPhoto);
    const id = newRecordId();
    const weaponId = newRecordId();
    await pushOne({
      entityId: id,
      op: 'create',
      fields: {
        weapons: [
          {
            id: weaponId,
            photos: [scenePhoto(weaponPhoto)],
            markings: [{ id: newRecordId(), photoSha256: sha256Hex(markingPhoto) }],
          },
        ],
      },
    });
    expect((await fetchAs(other, sha256Hex(weaponPhoto))).status).toBe(200);
    expect((await fetchAs(other, sha256Hex(markingPhoto))).status).toBe(200);
    await pushOne({
      entityId: id,
      baseRev: 1,
      fields: { weapons: [{ id: weaponId, photos: [scenePhoto(weaponPhoto)], markings: [] }] },
    });
    expect((await fetchAs(other, sha256Hex(weaponPhoto))).status).toBe(200);
    expect((await fetchAs(other, sha256Hex(markingPhoto))).status).toBe(404);

    // The draft is deleted: its photos go with it.
    await pushOne({ entityId: id, op: 'delete', baseRev: 2 });
    expect((await fetchAs(other, sha256Hex(weaponPhoto))).status).toBe(404);
  });

  it('discards an upload whose whole file does not match its SHA-256', async () => {
    const file = randomBytes(5000);
    const claimed = sha256Hex(Buffer.from('what the record refers to'));
    const location = (await create(file, claimed)).headers.get('location') ?? '';
    const answer = await patch(location, 0, file);
    expect(answer.status).toBe(460);
    expect(SyncErrorBodySchema.parse(answer.json).error).toBe('CHECKSUM_MISMATCH');
    expect(await received(claimed)).toBe(404);
    expect((await head(location)).status).toBe(404);
  });

  it('refuses malformed creation and patch requests with 4xx codes', async () => {
    const file = randomBytes(10);
    const noVersion = await request(`${server.url}${syncRoutes.files}`, {
      method: 'POST',
      credential,
      headers: {
        'Upload-Length': '10',
        'Upload-Metadata': `sha256 ${b64(sha256Hex(file))},mime ${b64('image/jpeg')}`,
      },
    });
    expect(noVersion.status).toBe(412);
    expect((await create(file, 'not-a-sha')).status).toBe(400);
    expect((await create(file, sha256Hex(file), 30 * 1024 * 1024)).status).toBe(413);
    const location = (await create(file)).headers.get('location') ?? '';
    const badChecksum = await request(`${server.url}${location}`, {
      method: 'PATCH',
      credential,
      headers: {
        ...tus,
        'Content-Type': 'application/offset+octet-stream',
        'Upload-Offset': '0',
        'Upload-Checksum': 'md5 abc=',
      },
      body: new Uint8Array(file),
    });
    expect(badChecksum.status).toBe(400);
    const tooLong = await patch(location, 0, Buffer.concat([file, file]));
    expect(tooLong.status).toBe(400);
    expect((await head('/v1/files/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const otherDevice = await server.enrollDevice('Other laptop');
    const foreign = await request(`${server.url}${location}`, {
      method: 'HEAD',
      credential: otherDevice.credential,
      headers: tus,
    });
    expect(foreign.status).toBe(404);
  });

  it('lists expected and received photos of a record, deduplicated by SHA-256', async () => {
    const client = syncClient(server.url, await server.enrollDevice('Record laptop'));
    const photoA = randomBytes(3000);
    const photoB = randomBytes(4000);
    const ref = (bytes: Buffer, kind: string) => ({
      sha256: sha256Hex(bytes),
      mime: 'image/jpeg',
      size: bytes.length,
      kind,
    });
    const id = newRecordId();
    const push = await client.push([
      mutation({
        mutationId: 1,
        entityId: id,
        op: 'create',
        fields: {
          photos: [ref(photoA, 'scene')],
          weapons: [{ id: newRecordId(), photos: [ref(photoB, 'whole_weapon')] }],
        },
      }),
    ]);
    expect((push.json as { results: Array<{ outcome: string }> }).results[0]?.outcome).toBe(
      'applied',
    );
    const location = (await create(photoA)).headers.get('location') ?? '';
    await patch(location, 0, photoA);
    const attachments = await request(`${server.url}${syncRoutes.recordAttachments(id)}`, {
      credential,
    });
    expect(RecordAttachmentsSchema.parse(attachments.json)).toEqual({
      recordId: id,
      expected: [sha256Hex(photoA), sha256Hex(photoB)].sort(),
      received: [sha256Hex(photoA)],
    });
    // Another laptop with the same photo checks first and skips the upload.
    expect(await received(sha256Hex(photoA))).toBe(200);
    const missing = await request(`${server.url}${syncRoutes.recordAttachments(newRecordId())}`, {
      credential,
    });
    expect(SyncErrorBodySchema.parse(missing.json).error).toBe('NOT_FOUND');
  });
});

/** Sends the headers and half the chunk, then drops the connection, like a lost link. */
function interruptedPatch(
  url: string,
  credential: string,
  offset: number,
  chunk: Buffer,
): Promise<void> {
  return new Promise((resolve) => {
    const req = http.request(url, {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${credential}`,
        'Tus-Resumable': TUS_VERSION,
        'Content-Type': 'application/offset+octet-stream',
        'Content-Length': String(chunk.length),
        'Upload-Offset': String(offset),
        'Upload-Checksum': `sha256 ${sha256B64(chunk)}`,
      },
    });
    req.on('error', () => resolve());
    req.write(chunk.subarray(0, chunk.length / 2), () => {
      setTimeout(() => {
        req.destroy();
        setTimeout(resolve, 200);
      }, 100);
    });
  });
}
