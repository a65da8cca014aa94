import { Worker } from 'node:worker_threads';
import type { SyncErrorKind } from '../../shared/ipc/procedures/sync.ts';
import type { PullCursor, SyncErrorBody } from '../../shared/sync/protocol.ts';
import { SyncHttpError, type SyncHttp } from './http-port.ts';
import { preparePullPage, type PreparedPullPage } from './pulled-page.ts';
import type { PullWorkerData } from './pull-page-worker.ts';

/** The pages of one pull, in order, each read and its intake events validated (pulled-page.ts). */
export interface PullPageSource {
  next(): Promise<PreparedPullPage>;
  /** Stops reading ahead; a page still on its way is dropped. */
  close(): void;
}

/** What the worker thread sends: a page, the server's refusal, or its own failure. */
export type PullWorkerMessage =
  | { type: 'page'; prepared: PreparedPullPage }
  | {
      type: 'sync_error';
      kind: SyncErrorKind;
      message: string;
      status: number | null;
      body: SyncErrorBody | null;
    }
  | { type: 'failed'; message: string };

/** Pages the worker may read ahead of the writes: memory stays at a few pages. */
const PAGES_AHEAD = 2;

/**
 * Pages read on this thread: the next one is requested as soon as one is handed over, so it
 * travels while the caller writes this one.
 */
export function pagesInThread(http: SyncHttp, from: PullCursor, pageSize: number): PullPageSource {
  const request = (cursor: PullCursor) => {
    const page = http.pullText(cursor, pageSize).then(preparePullPage);
    // Abandoned on close, an epoch change or a failed write: no one awaits it then.
    page.catch(() => undefined);
    return page;
  };
  let coming: Promise<PreparedPullPage> | null = request(from);
  return {
    async next() {
      if (coming === null) throw new Error('No page is left to read.');
      const prepared = await coming;
      coming = prepared.page.hasMore ? request(prepared.page.next) : null;
      // Let the request leave before the caller's synchronous write holds the thread.
      await new Promise((resolve) => setImmediate(resolve));
      return prepared;
    },
    close() {
      coming = null;
    },
  };
}

/**
 * Pages read and validated on a worker thread (pull-page-worker.ts) while this thread writes
 * the ones before: reading and validating a page costs about as much as writing it, and a first
 * pull is 20 pages. The server's refusals arrive as the same SyncHttpError as on this thread. If
 * the thread itself fails (it cannot start, it dies), reading goes on here from the first page
 * it did not deliver, so a pull never depends on the worker. Null when the requests cannot be
 * made elsewhere (a fetch given to SyncHttp).
 */
export function pagesOnWorker(
  workerUrl: string | URL,
  http: SyncHttp,
  from: PullCursor,
  pageSize: number,
  /** Told when the thread is lost and reading goes on here (the round logs it). */
  onLost: (reason: string) => void = () => undefined,
): PullPageSource | null {
  const request = http.requestOptions;
  if (request === null) return null;
  const data: PullWorkerData = { request, cursor: from, pageSize, ahead: PAGES_AHEAD };
  let thread: Worker | null;
  try {
    thread = new Worker(workerUrl, { workerData: data });
  } catch {
    return null;
  }
  const received: PullWorkerMessage[] = [];
  /** Where reading goes on if the thread is lost: after the last page it sent (null: none left). */
  let resumeFrom: PullCursor | null = from;
  let fallback: PullPageSource | null = null;
  let stopped: SyncHttpError | null = null;
  let waiting: (() => void) | null = null;
  const wakeUp = () => {
    const wake = waiting;
    waiting = null;
    wake?.();
  };
  /** Ends the thread on purpose; one that ends by itself is noticed in next(). */
  const end = () => {
    const ending = thread;
    thread = null;
    void ending?.terminate();
  };
  const onAbort = () => {
    stopped = new SyncHttpError('unreachable', 'Sync was stopped.');
    end();
    wakeUp();
  };
  http.signal?.addEventListener('abort', onAbort, { once: true });
  if (http.signal?.aborted === true) onAbort();

  thread.on('message', (message: PullWorkerMessage) => {
    received.push(message);
    if (message.type === 'page') {
      resumeFrom = message.prepared.page.hasMore ? message.prepared.page.next : null;
    }
    wakeUp();
  });
  let lostReason = 'the thread ended before the last page';
  thread.on('error', (error) => {
    lostReason = error.message;
  });
  thread.on('exit', () => {
    thread = null;
    wakeUp();
  });

  return {
    async next() {
      for (;;) {
        if (stopped !== null) throw stopped;
        const message = received.shift();
        if (message?.type === 'page') {
          thread?.postMessage('taken');
          return message.prepared;
        }
        if (message?.type === 'sync_error') {
          end();
          throw new SyncHttpError(message.kind, message.message, message.status, message.body);
        }
        if (message?.type === 'failed') {
          lostReason = message.message;
          end();
          continue;
        }
        if (fallback !== null) return fallback.next();
        if (thread === null) {
          if (resumeFrom === null) throw new Error('No page is left to read.');
          // The thread is gone (it could not start, or died): read the rest here.
          onLost(lostReason);
          fallback = pagesInThread(http, resumeFrom, pageSize);
          continue;
        }
        await new Promise<void>((resolve) => (waiting = resolve));
      }
    },
    close() {
      http.signal?.removeEventListener('abort', onAbort);
      end();
      fallback?.close();
    },
  };
}
