import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncHttp, SyncHttpError } from '../../../../electron/sync/http-port.ts';
import {
  pagesInThread,
  pagesOnWorker,
  type PullPageSource,
} from '../../../../electron/sync/pull-page-source.ts';
import type { PreparedPullPage } from '../../../../electron/sync/pulled-page.ts';
import { pullWorkerSource } from '../../../support/project.ts';
import { intakeDraftCreations, pushInBatches } from '../../../support/sync-client.ts';
import { startSyncServer, type SyncServerHandle } from '../../../support/sync-server.ts';

const RECORDS = 23;
const PAGE = 5;
const start = { afterVersion: 0, afterId: '' };

async function readAll(pages: PullPageSource): Promise<PreparedPullPage[]> {
  const read: PreparedPullPage[] = [];
  try {
    for (;;) {
      const page = await pages.next();
      read.push(page);
      if (!page.page.hasMore) return read;
    }
  } finally {
    pages.close();
  }
}

/** What a laptop would write from the pages: each record's id, its prepared event or raw data. */
function written(pages: readonly PreparedPullPage[]) {
  return pages.flatMap(({ page, intakes }) =>
    page.changes.map((change, index) => ({
      id: change.id,
      stored: intakes[index]?.dataJson ?? JSON.stringify(change.data),
    })),
  );
}

describe('the pages of a long pull, read on a worker thread', () => {
  let server: SyncServerHandle;
  let device: { deviceId: string; credential: string };
  const http = () => new SyncHttp({ baseUrl: server.url, credential: device.credential });

  beforeAll(async () => {
    server = await startSyncServer({ backend: 'pglite' });
    await pushInBatches(
      server.url,
      await server.enrollDevice('Seeding laptop'),
      intakeDraftCreations(RECORDS),
    );
    device = await server.enrollDevice('Fresh laptop');
  }, 60_000);
  afterAll(() => server?.stop());

  it('hands over every page in order, each validated as this thread would', async () => {
    const lost: string[] = [];
    const onWorker = pagesOnWorker(pullWorkerSource, http(), start, PAGE, (why) => lost.push(why));
    expect(onWorker).not.toBeNull();
    const fromWorker = await readAll(onWorker as PullPageSource);
    const here = await readAll(pagesInThread(http(), start, PAGE));
    expect(lost).toEqual([]);
    expect(fromWorker.map(({ page }) => page.changes.length)).toEqual([5, 5, 5, 5, 3]);
    expect(written(fromWorker)).toEqual(written(here));
    // Every seizure arrives validated, its raw data replaced by the event the store writes.
    expect(fromWorker.every(({ intakes }) => intakes.every((intake) => intake !== undefined))).toBe(
      true,
    );
    expect(fromWorker[0]?.page.changes[0]?.data).toBeNull();
    expect(fromWorker[0]?.intakes[0]?.event).toMatchObject({ status: 'draft', revision: 1 });
  });

  it('goes on reading on this thread when the worker cannot start, and says so', async () => {
    const lost: string[] = [];
    const missing = new URL('./no-such-worker.ts', pullWorkerSource);
    const pages = pagesOnWorker(missing, http(), start, PAGE, (why) => lost.push(why));
    const read = await readAll(pages as PullPageSource);
    expect(written(read)).toEqual(written(await readAll(pagesInThread(http(), start, PAGE))));
    expect(lost).toHaveLength(1);
  });

  it("passes the server's refusal on as the error this thread would raise", async () => {
    const revoked = await server.enrollDevice('Revoked laptop');
    await server.revoke(revoked.deviceId);
    const pages = pagesOnWorker(
      pullWorkerSource,
      new SyncHttp({ baseUrl: server.url, credential: revoked.credential }),
      start,
      PAGE,
    ) as PullPageSource;
    try {
      const refusal = await pages.next().catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(SyncHttpError);
      expect(refusal).toMatchObject({ kind: 'revoked', status: 401 });
    } finally {
      pages.close();
    }
  });

  it('stops with sync: a page asked for after the stop fails as stopped', async () => {
    const stop = new AbortController();
    const pages = pagesOnWorker(
      pullWorkerSource,
      new SyncHttp({ baseUrl: server.url, credential: device.credential, signal: stop.signal }),
      start,
      PAGE,
    ) as PullPageSource;
    try {
      await pages.next();
      stop.abort();
      await expect(pages.next()).rejects.toMatchObject({ message: 'Sync was stopped.' });
    } finally {
      pages.close();
    }
  });

  it('is not used when requests go through a fetch given to this thread', () => {
    const given = new SyncHttp({ baseUrl: server.url, credential: null, fetch: globalThis.fetch });
    expect(pagesOnWorker(pullWorkerSource, given, start, PAGE)).toBeNull();
  });
});
