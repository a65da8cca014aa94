import { parentPort, workerData } from 'node:worker_threads';
import type { PullCursor } from '../../shared/sync/protocol.ts';
import { SyncHttp, SyncHttpError, type SyncHttpOptions } from './http-port.ts';
import { preparePullPage } from './pulled-page.ts';
import type { PullWorkerMessage } from './pull-page-source.ts';

/**
 * A long pull's page reader (pull-page-source.ts): requests the pages one after another, reads
 * and validates each, and hands them over while the main thread writes the ones before. It stays
 * at most `ahead` pages ahead of what the main thread took ('taken' messages). It never touches
 * the database.
 */
export interface PullWorkerData {
  readonly request: Pick<SyncHttpOptions, 'baseUrl' | 'credential' | 'timeoutMs'>;
  readonly cursor: PullCursor;
  readonly pageSize: number;
  readonly ahead: number;
}

const port = parentPort;
if (port === null) throw new Error('pull-page-worker runs as a worker thread.');
const { request, pageSize, ahead } = workerData as PullWorkerData;
const http = new SyncHttp(request);

let credit = ahead;
let wake: (() => void) | null = null;
port.on('message', (message: unknown) => {
  if (message !== 'taken') return;
  credit += 1;
  wake?.();
});

const send = (message: PullWorkerMessage) => port.postMessage(message);

/** One page after another until the last; a failure is sent and ends the thread. */
async function readPages(from: PullCursor): Promise<void> {
  let cursor = from;
  for (;;) {
    while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
    credit -= 1;
    const prepared = preparePullPage(await http.pullText(cursor, pageSize));
    send({ type: 'page', prepared });
    if (!prepared.page.hasMore) return;
    cursor = prepared.page.next;
  }
}

// Not awaited at the top: the app's bundle of this file is CommonJS.
void readPages((workerData as PullWorkerData).cursor)
  .catch((error: unknown) => {
    if (error instanceof SyncHttpError) {
      const { kind, message, status, body } = error;
      send({ type: 'sync_error', kind, message, status, body });
    } else {
      send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  })
  .finally(() => port.close());
