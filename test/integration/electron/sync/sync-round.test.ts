import { randomBytes, randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../../electron/logging/logger.ts';
import { insertAttachment } from '../../../../electron/store/attachments-repository.ts';
import { readBlob, writeBlob } from '../../../../electron/store/blob-store.ts';
import { createDeviceDatabase } from '../../../../electron/store/device-database.ts';
import type { Db } from '../../../../electron/store/encrypted-database.ts';
import { readSyncState, updateSyncState } from '../../../../electron/store/sync-repository.ts';
import { insertUser } from '../../../../electron/store/users-repository.ts';
import { SyncHttp } from '../../../../electron/sync/http-port.ts';
import {
  downloadPhotos,
  pullAll,
  uploadPhotos,
  type RoundContext,
} from '../../../../electron/sync/sync-round.ts';
import { syncRoutes, UPLOAD_CHUNK_BYTES } from '../../../../shared/sync/protocol.ts';
import { startFaultProxy, type FaultProxy } from '../../../support/fault-proxy.ts';
import {
  intakeDraftCreations,
  mutation,
  newRecordId,
  pushInBatches,
} from '../../../support/sync-client.ts';
import { startSyncServer, type SyncServerHandle } from '../../../support/sync-server.ts';
import { pullWorkerSource } from '../../../support/project.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

/**
 * A fresh laptop (new encrypted store, one officer) enrolled with `server`, reaching it through a
 * fault proxy, and the round context the engine would give it.
 */
async function laptopBehindProxy(server: SyncServerHandle, name: string, pullWorker?: URL) {
  const proxy = await startFaultProxy(() => server.url);
  const temp = await makeTempDir('sync-round');
  const device = await server.enrollDevice(name);
  const dek = randomBytes(32);
  const now = new Date().toISOString();
  const db = createDeviceDatabase(temp.dir, dek, randomUUID(), now);
  const officer = randomUUID();
  insertUser(db, { id: officer, name: 'Officer', role: 'field_officer', createdAt: now }, null);
  const logs: string[] = [];
  updateSyncState(db, {
    serverUrl: proxy.url,
    deviceId: device.deviceId,
    deviceName: name,
    credential: device.credential,
  });
  const ctx: RoundContext = {
    open: () => ({ db, dbId: 'test', dek, dataDir: temp.dir }),
    http: new SyncHttp({ baseUrl: proxy.url, credential: device.credential, timeoutMs: 5_000 }),
    ...(pullWorker === undefined ? {} : { pullWorker }),
    now: () => new Date(),
    log: createLogger((line) => logs.push(line)),
    progress: () => undefined,
  };
  return {
    proxy,
    logs,
    db,
    ctx,
    officer,
    dataDir: temp.dir,
    async close() {
      db.close();
      await proxy.close();
      await temp.remove();
    },
  };
}

/**
 * A record on the server that refers to these photos, as the laptop that took them pushes before
 * uploading them: the server serves a photo only while a record refers to it.
 */
async function recordReferringTo(server: SyncServerHandle, digests: readonly string[]) {
  const recorder = await server.enrollDevice('Recording laptop');
  await pushInBatches(server.url, recorder, [
    mutation({
      mutationId: 1,
      entityId: newRecordId(),
      op: 'create',
      fields: {
        photos: digests.map((sha256) => ({ sha256, mime: 'image/jpeg', size: 1, kind: 'scene' })),
      },
    }),
  ]);
}

/**
 * A first pull over many pages that loses its connection part-way: every page already written
 * stays written with its cursor, and the next pull goes on from there (never from zero, never
 * skipping a page, never writing one twice).
 */
describe.each([
  ['on this thread', undefined],
  ['on a worker thread', pullWorkerSource],
])('pullAll over several pages, read %s, with a connection lost on the third', (_, pullWorker) => {
  let server: SyncServerHandle;
  let laptop: Awaited<ReturnType<typeof laptopBehindProxy>>;
  let proxy: FaultProxy;
  let db: Db;
  let ctx: RoundContext;
  const RECORDS = 23;
  const PAGE = 5;

  beforeAll(async () => {
    server = await startSyncServer({ backend: 'pglite' });
    const seeder = await server.enrollDevice('Seeding laptop');
    await pushInBatches(server.url, seeder, intakeDraftCreations(RECORDS));
    laptop = await laptopBehindProxy(server, 'Fresh laptop', pullWorker);
    ({ proxy, db, ctx } = laptop);
  }, 60_000);

  afterAll(async () => {
    await laptop?.close();
    await server?.stop();
  });

  const indexNames = () =>
    db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' ORDER BY name")
      .all()
      .map((row) => (row as { name: string }).name);

  const localCount = () =>
    (db.prepare('SELECT count(*) AS n FROM intake_events').get() as { n: number }).n;

  it('keeps the pages written before the cut, then resumes after them', async () => {
    // A first pull into an empty store builds its search indexes at the end, even a failed one.
    const indexes = indexNames();
    let pulls = 0;
    const acceptEncodings = new Set<string | undefined>();
    proxy.setPolicy((request) => {
      if (!request.path.startsWith(syncRoutes.pull)) return { kind: 'pass' };
      pulls += 1;
      acceptEncodings.add(request.headers['accept-encoding']);
      return pulls === 3 ? { kind: 'cut_response' } : { kind: 'pass' };
    });
    await expect(pullAll(ctx, PAGE)).rejects.toThrow();
    // The laptop asks for its pages gzipped (the server's side: pull.test.ts), cut one included.
    expect([...acceptEncodings].every((header) => /\bgzip\b/.test(header ?? ''))).toBe(true);
    expect(acceptEncodings.size).toBeGreaterThan(0);
    // Two whole pages arrived before the cut; the page requested early may not count.
    expect(localCount()).toBe(2 * PAGE);
    const cursor = readSyncState(db);
    expect(cursor.pullAfterId).not.toBe('');
    expect(indexNames()).toEqual(indexes);

    proxy.heal();
    const received = await pullAll(ctx, PAGE);
    expect(received).toBe(RECORDS - 2 * PAGE);
    expect(localCount()).toBe(RECORDS);
    // Nothing was written twice: one audit entry per record received.
    const audited = db
      .prepare(
        "SELECT count(DISTINCT entity_id) AS ids, count(*) AS n FROM audit_log WHERE action = 'sync.received'",
      )
      .get() as { ids: number; n: number };
    expect(audited).toEqual({ ids: RECORDS, n: RECORDS });
    expect(await pullAll(ctx, PAGE)).toBe(0);
    expect(indexNames()).toEqual(indexes);
    expect(db.prepare('SELECT count(*) AS n FROM deferred_indexes').get()).toEqual({ n: 0 });
    // Read where it was asked to be read: a lost worker thread is logged.
    expect(laptop.logs.join('\n')).not.toContain('sync.pull_reader_lost');
  });
});

/**
 * A photo upload cut in the middle of its second chunk: the next round asks the server where the
 * upload stands (HEAD) and sends only what it lacks, on the same upload, then checks the file.
 */
describe('uploadPhotos with a connection cut mid-chunk', () => {
  let server: SyncServerHandle;
  let laptop: Awaited<ReturnType<typeof laptopBehindProxy>>;

  beforeAll(async () => {
    server = await startSyncServer({ backend: 'pglite' });
    laptop = await laptopBehindProxy(server, 'Camera laptop');
  }, 60_000);

  afterAll(async () => {
    await laptop?.close();
    await server?.stop();
  });

  it('resumes from the server offset instead of starting again, and ends verified', async () => {
    // Two and a half chunks of 1 MiB.
    const photo = randomBytes(UPLOAD_CHUNK_BYTES * 2 + UPLOAD_CHUNK_BYTES / 2);
    const { proxy, db, ctx } = laptop;
    const sha256 = await writeBlob(laptop.dataDir, Buffer.from(ctx.open().dek), photo);
    insertAttachment(db, {
      sha256,
      mime: 'image/jpeg',
      size: photo.length,
      at: new Date().toISOString(),
      by: laptop.officer,
    });
    const seen: string[] = [];
    let patches = 0;
    proxy.setPolicy((request) => {
      seen.push(request.method);
      if (request.method !== 'PATCH') return { kind: 'pass' };
      patches += 1;
      return patches === 2 ? { kind: 'cut_request' } : { kind: 'pass' };
    });
    await expect(uploadPhotos(ctx)).rejects.toThrow();
    const state = () =>
      db
        .prepare('SELECT upload_state, uploaded_bytes FROM attachments WHERE sha256 = ?')
        .get(sha256);
    expect(state()).toEqual({ upload_state: 'uploading', uploaded_bytes: UPLOAD_CHUNK_BYTES });

    seen.length = 0;
    expect(await uploadPhotos(ctx)).toEqual({ moved: 1, left: 0 });
    // HEAD by digest (not there yet), HEAD of the upload (offset 1 MiB), the two missing chunks,
    // HEAD by digest (there): no second POST, no chunk sent twice.
    expect(seen).toEqual(['HEAD', 'HEAD', 'PATCH', 'PATCH', 'HEAD']);
    expect(state()).toEqual({ upload_state: 'verified', uploaded_bytes: photo.length });
    await recordReferringTo(server, [sha256]);
    const served = await fetch(`${server.url}${syncRoutes.fileBySha256(sha256)}`, {
      headers: { authorization: `Bearer ${(await server.enrollDevice('Reviewer')).credential}` },
    });
    expect(Buffer.from(await served.arrayBuffer()).equals(photo)).toBe(true);
  });
});

/**
 * Photos of records pulled from other laptops: one the server can no longer give whole does not
 * hold back the others, and stays waiting for a later round.
 */
describe('downloadPhotos with one photo damaged on the server', () => {
  let server: SyncServerHandle;
  let camera: Awaited<ReturnType<typeof laptopBehindProxy>>;
  let office: Awaited<ReturnType<typeof laptopBehindProxy>>;

  beforeAll(async () => {
    server = await startSyncServer({ backend: 'pglite' });
    camera = await laptopBehindProxy(server, 'Camera laptop');
    office = await laptopBehindProxy(server, 'Office laptop');
  }, 60_000);

  afterAll(async () => {
    await camera?.close();
    await office?.close();
    await server?.stop();
  });

  it('fetches the good one, logs and skips the damaged one', async () => {
    const photos = [randomBytes(40_000), randomBytes(50_000)];
    const digests: string[] = [];
    for (const photo of photos) {
      const sha256 = await writeBlob(camera.dataDir, Buffer.from(camera.ctx.open().dek), photo);
      const row = { sha256, mime: 'image/jpeg', size: photo.length, at: new Date().toISOString() };
      insertAttachment(camera.db, { ...row, by: camera.officer });
      // What a pull of the camera laptop's records tells the office laptop about the photo.
      insertAttachment(office.db, { ...row, by: office.officer });
      office.db
        .prepare("UPDATE attachments SET upload_state = 'remote' WHERE sha256 = ?")
        .run(sha256);
      digests.push(sha256);
    }
    expect(await uploadPhotos(camera.ctx)).toEqual({ moved: 2, left: 0 });
    await recordReferringTo(server, digests);
    const [damaged, good] = digests as [string, string];
    const onServer = path.join(server.dataDir, 'files', 'blobs', damaged);
    const sealed = await readFile(onServer);
    sealed.writeUInt8(sealed.readUInt8(100) ^ 1, 100);
    await writeFile(onServer, sealed);

    expect(await downloadPhotos(office.ctx)).toEqual({ moved: 1, left: 0 });
    const state = (sha256: string) =>
      (
        office.db.prepare('SELECT upload_state FROM attachments WHERE sha256 = ?').get(sha256) as {
          upload_state: string;
        }
      ).upload_state;
    expect(state(good)).toBe('verified');
    expect(state(damaged)).toBe('remote');
    const received = await readBlob(office.dataDir, Buffer.from(office.ctx.open().dek), good);
    expect(received.equals(photos[1]!)).toBe(true);
    expect(office.logs.some((line) => line.includes('sync.photo_download_failed'))).toBe(true);
  });
});
