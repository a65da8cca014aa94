import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createLogger } from '../electron/logging/logger.ts';
import { createDeviceDatabase } from '../electron/store/device-database.ts';
import { updateSyncState } from '../electron/store/sync-repository.ts';
import { insertUser } from '../electron/store/users-repository.ts';
import {
  MAIN_AUTOCHECKPOINT_PAGES,
  startWalCheckpointer,
} from '../electron/store/wal-checkpointer.ts';
import { SyncHttp } from '../electron/sync/http-port.ts';
import { pullAll } from '../electron/sync/sync-round.ts';

/**
 * A fresh laptop's first sync, exactly as the engine runs it: a new encrypted device database
 * with the unlocked session's log checkpoints (a thread copies the write-ahead log into the file;
 * the main connection only past MAIN_AUTOCHECKPOINT_PAGES), then pullAll (pages of up to 5,000
 * read and validated on a worker thread, each applied with its cursor in one local transaction).
 */
export async function pullIntoFreshLaptop(
  serverUrl: string,
  device: { deviceId: string; credential: string },
  dataDir: string,
): Promise<{ records: number; seconds: number }> {
  mkdirSync(dataDir, { recursive: true });
  const dek = randomBytes(32);
  const now = new Date().toISOString();
  const db = createDeviceDatabase(dataDir, dek, randomUUID(), now);
  db.pragma(`wal_autocheckpoint = ${MAIN_AUTOCHECKPOINT_PAGES}`);
  const log = createLogger(() => undefined);
  const checkpointer = startWalCheckpointer({ file: db.name, dek, log });
  try {
    insertUser(
      db,
      { id: randomUUID(), name: 'Officer', role: 'field_officer', createdAt: now },
      null,
    );
    updateSyncState(db, {
      serverUrl,
      deviceId: device.deviceId,
      deviceName: 'Fresh laptop',
      credential: device.credential,
    });
    const http = new SyncHttp({ baseUrl: serverUrl, credential: device.credential });
    const start = performance.now();
    await pullAll({
      open: () => ({ db, dbId: 'bench', dek, dataDir }),
      http,
      pullWorker: new URL('../electron/sync/pull-page-worker.ts', import.meta.url),
      now: () => new Date(),
      log,
      progress: () => undefined,
    });
    const seconds = (performance.now() - start) / 1000;
    const records = (db.prepare('SELECT count(*) AS n FROM intake_events').get() as { n: number })
      .n;
    return { records, seconds };
  } finally {
    await checkpointer.stop();
    db.close();
  }
}
