import type { SyncErrorKind, SyncPhase, SyncStatus } from '../../shared/ipc/procedures/sync.ts';
import {
  CHANGES_EVENT,
  type SerialLookupRequest,
  type SerialLookupResponse,
} from '../../shared/sync/protocol.ts';
import { AppError } from '../ipc/app-error.ts';
import type { EventSink } from '../ipc/handler-table.ts';
import type { Logger } from '../logging/logger.ts';
import type { Session } from '../session/session.ts';
import { appendAuditEntry } from '../store/audit-log.ts';
import { StoreError } from '../store/store-error.ts';
import { readSyncState, syncCounts, updateSyncState } from '../store/sync-repository.ts';
import { backoffDelayMs } from './backoff.ts';
import { exchangePeople } from './people-sync.ts';
import { enrollmentKeyFor } from './enrollment-key.ts';
import { SyncHttp, SyncHttpError, type FetchLike } from './http-port.ts';
import {
  downloadPhotos,
  PHOTO_BYTES_PER_ROUND,
  pullAll,
  pushAll,
  startRepull,
  uploadPhotos,
  type RoundContext,
} from './sync-round.ts';

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SyncEngineOptions {
  readonly session: Session;
  readonly events: EventSink;
  readonly log: Logger;
  readonly appVersion: string;
  readonly fetch?: FetchLike;
  readonly now?: () => Date;
  readonly random?: () => number;
  readonly timers?: Timers;
  /** After a local save, before the automatic round (several quick saves make one round). */
  readonly debounceMs?: number;
  /** Between rounds while online. */
  readonly intervalMs?: number;
  readonly requestTimeoutMs?: number;
  /**
   * Listen on the server's event stream and pull soon after another laptop's push (default
   * true). Tests that drive every round with syncNow turn it off.
   */
  readonly liveUpdates?: boolean;
  /** After the server says another laptop's changes were stored, before the round. */
  readonly pokeDelayMs?: number;
  /**
   * Where the pull's page reader thread is (pull-page-worker.ts in the sources, its bundle in the
   * app): a pull of more than one page reads and validates pages there while this thread writes.
   * Left out, pages are read on this thread.
   */
  readonly pullWorker?: string | URL;
  /** Photo bytes a round moves each way (default PHOTO_BYTES_PER_ROUND). */
  readonly photoBytesPerRound?: number;
  /** Enrollment also records the server in the settings (shown in Settings). */
  readonly onEnrolled?: (serverUrl: string) => void;
}

const STALE_MS = 24 * 60 * 60 * 1000;
/** Attempts of one enrollment when the answer does not arrive (each after a second). */
const ENROLL_ATTEMPTS = 3;
/** Before the next round when the last one left photos to move. */
const MORE_PHOTOS_MS = 1_000;

const nodeTimers: Timers = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Runs sync while the data is unlocked and the laptop is enrolled: a round after local saves (short
 * debounce), every minute while online, and with exponential backoff (1 s → 5 min, jittered) after
 * failures. A round tests reachability with GET /v1/health, then pushes, pulls and uploads photos.
 * Stops on lock: timers cleared, requests in flight aborted (the database closes with the lock).
 * Revocation stops automatic sync until the laptop is enrolled again.
 */
export class SyncEngine {
  readonly #options: SyncEngineOptions;
  readonly #timers: Timers;
  readonly #now: () => Date;
  #active = false;
  #running: Promise<void> | null = null;
  /** A round is wanted after the one running, this long after it ends (null: none). */
  #againInMs: number | null = null;
  #timer: unknown = null;
  #nextAttemptAt: Date | null = null;
  #failures = 0;
  #phase: Exclude<SyncPhase, 'not_enrolled'> = 'idle';
  #progress: SyncStatus['progress'] = null;
  #abort = new AbortController();
  /** The stop signal of the session whose event stream is open: one stream per unlock. */
  #listeningUntil: AbortSignal | null = null;
  #streamFailures = 0;

  constructor(options: SyncEngineOptions) {
    this.#options = options;
    this.#timers = options.timers ?? nodeTimers;
    this.#now = options.now ?? (() => new Date());
  }

  /** The session unlocked: sync when enrolled. Idempotent. */
  start(): void {
    if (this.#active) return;
    this.#active = true;
    this.#abort = new AbortController();
    this.#failures = 0;
    this.#phase = 'idle';
    const state = this.#stateOrNull();
    if (state?.revoked === true) this.#phase = 'revoked';
    if (state !== null && state.credential !== null && !state.revoked) {
      this.#schedule(0);
      this.#listen();
    }
  }

  /** The session locked: nothing runs, nothing waits. */
  stop(): void {
    if (!this.#active) return;
    this.#active = false;
    this.#clearTimer();
    this.#abort.abort();
    this.#progress = null;
  }

  /** A record was saved: push it soon. */
  notifyLocalChange(): void {
    if (!this.#active || this.#phase === 'revoked') return;
    if (this.#running === null) {
      const state = this.#stateOrNull();
      if (state === null || state.credential === null) return;
    }
    // Several quick saves make one round (each moves it back), but a save never cuts a backoff.
    this.#roundIn(this.#options.debounceMs ?? 2000, this.#failures === 0);
  }

  /** Runs a round now (after the one running, if any); the status when it ends. */
  async syncNow(): Promise<SyncStatus> {
    const { db } = this.#options.session.requireUnlocked();
    const state = readSyncState(db);
    if (state.credential === null) {
      throw new AppError('NOT_ENROLLED', 'This laptop is not enrolled with a sync server yet.');
    }
    if (!state.revoked) {
      // A round already running may have started before the change the person wants sent:
      // let it finish, then run one that certainly includes it.
      await this.settled();
      this.#clearTimer();
      await this.#round();
    }
    if (readSyncState(this.#options.session.requireUnlocked().db).revoked) {
      throw new AppError(
        'DEVICE_REVOKED',
        'An administrator revoked this laptop. It can no longer sync; ask for a new enrollment code.',
      );
    }
    return this.status();
  }

  /** Enrolls with a one-time code; the credential goes into the encrypted database only. */
  async enroll(serverUrl: string, code: string): Promise<SyncStatus> {
    const { db: before, dek } = this.#options.session.requireUnlocked();
    const previous = readSyncState(before);
    const enrollmentKey = enrollmentKeyFor(dek, code);
    const http = new SyncHttp({
      baseUrl: serverUrl,
      credential: null,
      ...(this.#options.fetch === undefined ? {} : { fetch: this.#options.fetch }),
      timeoutMs: this.#options.requestTimeoutMs ?? 30_000,
    });
    let answer;
    // A bad link may lose the answer after the server spent the code: the same code and key
    // again get the same device, so asking again is safe (and what the person would do next).
    for (let attempt = 1; ; attempt += 1) {
      try {
        answer = await http.enroll(code, this.#options.appVersion, enrollmentKey);
        break;
      } catch (error) {
        const lost =
          error instanceof SyncHttpError &&
          (error.kind === 'unreachable' || error.kind === 'timeout');
        if (!lost || attempt >= ENROLL_ATTEMPTS) throw enrollmentError(error);
        this.#options.log.warn('sync.enroll_retry', { attempt });
        await new Promise((resolve) => this.#timers.setTimeout(() => resolve(undefined), 1000));
      }
    }
    const { db, dbId, user } = this.#options.session.requireUnlocked();
    const at = this.#now().toISOString();
    db.transaction(() => {
      updateSyncState(db, {
        serverUrl,
        deviceId: answer.deviceId,
        deviceName: answer.deviceName,
        credential: answer.credential,
        serverEpoch: answer.serverEpoch,
        nextMutationId: 1,
        revoked: false,
        lastErrorKind: null,
        lastErrorMessage: null,
        lastErrorAt: null,
      });
      // A new device id on the server: every change not yet acknowledged is sent again from 1.
      db.prepare('UPDATE outbox SET wire_id = NULL').run();
      appendAuditEntry(db, dbId, {
        at,
        userId: user.id,
        action: 'sync.enrolled',
        entity: 'device',
        entityId: answer.deviceId,
        before: previous.deviceId === null ? null : { deviceId: previous.deviceId },
        after: { serverUrl, deviceId: answer.deviceId, deviceName: answer.deviceName },
      });
    })();
    // Enrolled before (another server or a re-enrollment): what it acknowledged means nothing
    // to this one, so pull everything and re-send what it lacks.
    if (previous.deviceId !== null) startRepull(db, answer.serverEpoch);
    this.#options.log.info('sync.enrolled', { deviceId: answer.deviceId });
    this.#options.onEnrolled?.(serverUrl);
    this.#phase = 'idle';
    this.#failures = 0;
    if (this.#active) {
      this.#schedule(0);
      this.#listen();
    }
    this.#emit();
    return this.status();
  }

  status(): SyncStatus {
    const { db } = this.#options.session.requireUnlocked();
    const state = readSyncState(db);
    const counts = syncCounts(db);
    const enrolled = state.credential !== null;
    const oldest = counts.oldestPendingAt;
    return {
      phase: !enrolled ? 'not_enrolled' : state.revoked ? 'revoked' : this.#phase,
      serverUrl: state.serverUrl,
      deviceName: state.deviceName,
      deviceId: state.deviceId,
      progress: this.#progress,
      lastSuccessAt: state.lastSuccessAt,
      lastAttemptAt: state.lastAttemptAt,
      lastError:
        state.lastErrorKind === null
          ? null
          : {
              kind: state.lastErrorKind as SyncErrorKind,
              message: state.lastErrorMessage ?? '',
              at: state.lastErrorAt ?? '',
            },
      nextAttemptAt: this.#nextAttemptAt?.toISOString() ?? null,
      ...counts,
      staleWarning:
        oldest !== null && this.#now().getTime() - new Date(oldest).getTime() > STALE_MS,
    };
  }

  /** Resolves when the round in progress (if any) has ended. */
  async settled(): Promise<void> {
    while (this.#running !== null) await this.#running;
  }

  #round(): Promise<void> {
    if (this.#running !== null) return this.#running;
    this.#running = this.#runRound().finally(() => {
      this.#running = null;
      this.#progress = null;
      const again = this.#againInMs;
      this.#againInMs = null;
      if (this.#active && again !== null && this.#phase !== 'revoked') this.#schedule(again);
      this.#emit();
    });
    return this.#running;
  }

  async #runRound(): Promise<void> {
    const { session, log } = this.#options;
    const signal = this.#abort.signal;
    let state;
    try {
      const { db } = session.requireUnlocked();
      state = readSyncState(db);
      if (state.credential === null || state.serverUrl === null || state.revoked) return;
      updateSyncState(db, { lastAttemptAt: this.#now().toISOString() });
    } catch {
      return;
    }
    this.#phase = 'syncing';
    this.#againInMs = null;
    this.#emit();
    const http = this.#http(state.serverUrl, state.credential, signal);
    const ctx: RoundContext = {
      open: () => {
        if (signal.aborted) throw new AppError('LOCKED', 'Sync stopped.');
        return session.requireUnlocked();
      },
      http,
      ...(this.#options.pullWorker === undefined ? {} : { pullWorker: this.#options.pullWorker }),
      now: this.#now,
      log,
      progress: (step, done, total) => {
        this.#progress = { step, done, total };
        this.#emit();
      },
    };
    // The server may have been restored from a backup (a new epoch): then everything is pulled
    // again first, so that changes for records it lost are re-sent whole and the rest are based
    // on revisions it issued.
    const catchUpWithEpoch = async () => {
      const health = await http.health();
      const { db } = ctx.open();
      const stored = readSyncState(db);
      if (stored.serverEpoch !== null && health.serverEpoch !== stored.serverEpoch) {
        log.warn('sync.epoch_changed', {});
        startRepull(db, health.serverEpoch);
      }
      if (readSyncState(db).repull) await pullAll(ctx);
    };
    // Restored between this round's check and its push: the push is refused, nothing is applied.
    const push = async () => {
      try {
        await pushAll(ctx);
      } catch (error) {
        if (!(error instanceof SyncHttpError) || error.body?.error !== 'EPOCH_CHANGED') throw error;
        await catchUpWithEpoch();
        await pushAll(ctx);
      }
    };
    try {
      await catchUpWithEpoch();
      await push();
      await pullAll(ctx);
      // Changes saved while the round ran: push them before calling it done.
      await push();
      // Last: what the person signed in recorded is on the server before a decision of the
      // centre can sign them out.
      const peopleChanged = await exchangePeople(ctx);
      const { db: after } = ctx.open();
      updateSyncState(after, {
        lastSuccessAt: this.#now().toISOString(),
        lastErrorKind: null,
        lastErrorMessage: null,
        lastErrorAt: null,
      });
      // A new role counts at once; a deactivated person is signed out (the lock stops sync).
      // What they saved while the people were exchanged goes first: their last record must
      // not wait in the outbox for someone else to unlock. Followed after every round, not only
      // one whose exchange changed someone: a decision stored by a round whose push then failed
      // is not reported again (the cursor is past it), and must still be followed.
      if (peopleChanged.length > 0) await push();
      await session.followCentreDecisions();
      this.#failures = 0;
      this.#phase = 'idle';
      let photosLeft = false;
      try {
        const budget = this.#options.photoBytesPerRound ?? PHOTO_BYTES_PER_ROUND;
        const uploads = await uploadPhotos(ctx, budget);
        const downloads = await downloadPhotos(ctx, budget);
        photosLeft = uploads.left + downloads.left > 0;
      } catch (error) {
        if (signal.aborted) return;
        log.warn('sync.photos_failed', { kind: errorKind(error) });
      }
      // Photos left over: the next round comes soon, and sends what was saved meanwhile first.
      if (this.#active) {
        this.#schedule(photosLeft ? MORE_PHOTOS_MS : (this.#options.intervalMs ?? 60_000));
      }
    } catch (error) {
      if (signal.aborted || (error instanceof AppError && error.code === 'LOCKED')) return;
      this.#failed(error);
    }
  }

  #failed(error: unknown): void {
    const kind = errorKind(error);
    const message =
      error instanceof SyncHttpError
        ? error.message
        : kind === 'storage'
          ? 'The laptop could not store what the server sent.'
          : 'Sync failed unexpectedly.';
    this.#options.log.warn('sync.round_failed', {
      kind,
      status: error instanceof SyncHttpError ? error.status : null,
      ...(error instanceof SyncHttpError ? {} : { error: (error as Error)?.name }),
    });
    try {
      const { db } = this.#options.session.requireUnlocked();
      updateSyncState(db, {
        lastErrorKind: kind,
        lastErrorMessage: message,
        lastErrorAt: this.#now().toISOString(),
        ...(kind === 'revoked' ? { revoked: true } : {}),
      });
    } catch {
      // Locked meanwhile: nothing to record into.
    }
    if (kind === 'revoked') {
      this.#phase = 'revoked';
      this.#clearTimer();
      return;
    }
    this.#phase = kind === 'unreachable' || kind === 'timeout' ? 'offline' : 'error';
    this.#failures += 1;
    const retryAfter =
      error instanceof SyncHttpError ? (error.body?.retryAfterSeconds ?? 0) * 1000 : 0;
    if (this.#active) {
      this.#schedule(Math.max(retryAfter, backoffDelayMs(this.#failures, this.#options.random)));
    }
  }

  /** Another laptop's changes are on the server: a round soon, unless one is due sooner. */
  #remoteChanges(): void {
    if (!this.#active || this.#phase === 'revoked') return;
    this.#roundIn(this.#options.pokeDelayMs ?? 250, false);
  }

  /**
   * A round `delayMs` from now, unless one is due sooner (`postpone`: even if one is due
   * sooner, as a debounce). While a round runs, the next one follows it: the running round may
   * have read the outbox or pulled before what asked for this one.
   */
  #roundIn(delayMs: number, postpone: boolean): void {
    if (this.#running !== null) {
      this.#againInMs = Math.min(this.#againInMs ?? delayMs, delayMs);
      return;
    }
    const due = this.#now().getTime() + delayMs;
    if (postpone || this.#nextAttemptAt === null || this.#nextAttemptAt.getTime() > due) {
      this.#schedule(delayMs);
    }
  }

  /**
   * Keeps the event stream open while active and enrolled, reconnecting with backoff. It only
   * brings rounds forward: the minute's poll still runs, so a lost stream delays, never loses.
   */
  #listen(): void {
    const signal = this.#abort.signal;
    // A stream from before a lock may still be winding down: it has its own, aborted signal.
    if (this.#listeningUntil === signal || this.#options.liveUpdates === false) return;
    this.#listeningUntil = signal;
    void this.#listenUntilStopped(signal).finally(() => {
      if (this.#listeningUntil === signal) this.#listeningUntil = null;
    });
  }

  async #listenUntilStopped(signal: AbortSignal): Promise<void> {
    while (this.#active && !signal.aborted) {
      let state;
      try {
        state = readSyncState(this.#options.session.requireUnlocked().db);
      } catch {
        return;
      }
      if (state.credential === null || state.serverUrl === null || state.revoked) return;
      const http = this.#http(state.serverUrl, state.credential, signal);
      try {
        for await (const event of http.events(signal)) {
          if (event === 'open') {
            // Back after a break: changes may have been stored meanwhile.
            if (this.#streamFailures > 0) this.#remoteChanges();
            this.#streamFailures = 0;
          } else if (event === CHANGES_EVENT) {
            this.#remoteChanges();
          }
        }
      } catch (error) {
        // Revoked (the server ends a revoked laptop's stream, and refuses its reconnect): a
        // round now says so on the Sync screen and stops; nothing to listen for any more.
        if (error instanceof SyncHttpError && error.kind === 'revoked') {
          this.#remoteChanges();
          return;
        }
      }
      if (signal.aborted || !this.#active) return;
      this.#streamFailures += 1;
      const wait = backoffDelayMs(this.#streamFailures, this.#options.random);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        timer.unref?.();
        signal.addEventListener('abort', () => resolve(), { once: true });
      });
    }
  }

  /**
   * The server's serial lookup, for the serial check: the answer, or why there is none. Short
   * (timeoutMs): the check runs on a pause in typing and never waits on a slow network.
   */
  async lookUpSerial(
    request: SerialLookupRequest,
    timeoutMs: number,
  ): Promise<SerialLookupResponse | 'unreachable' | 'not_set_up'> {
    const state = this.#stateOrNull();
    if (state === null || state.credential === null || state.serverUrl === null || state.revoked) {
      return 'not_set_up';
    }
    const http = new SyncHttp({
      baseUrl: state.serverUrl,
      credential: state.credential,
      ...(this.#options.fetch === undefined ? {} : { fetch: this.#options.fetch }),
      timeoutMs,
      signal: this.#abort.signal,
    });
    try {
      return await http.serialLookup(request);
    } catch {
      // Offline, slow, refused: the laptop's own answer stands alone, and says so.
      return 'unreachable';
    }
  }

  /** The server's API with this laptop's credential; every request ends when `signal` aborts. */
  #http(serverUrl: string, credential: string, signal: AbortSignal): SyncHttp {
    return new SyncHttp({
      baseUrl: serverUrl,
      credential,
      ...(this.#options.fetch === undefined ? {} : { fetch: this.#options.fetch }),
      timeoutMs: this.#options.requestTimeoutMs ?? 30_000,
      signal,
    });
  }

  #schedule(delayMs: number): void {
    this.#clearTimer();
    if (!this.#active) return;
    this.#nextAttemptAt = new Date(this.#now().getTime() + delayMs);
    this.#timer = this.#timers.setTimeout(() => {
      this.#timer = null;
      this.#nextAttemptAt = null;
      void this.#round();
    }, delayMs);
  }

  #clearTimer(): void {
    if (this.#timer !== null) this.#timers.clearTimeout(this.#timer);
    this.#timer = null;
    this.#nextAttemptAt = null;
  }

  #stateOrNull() {
    try {
      return readSyncState(this.#options.session.requireUnlocked().db);
    } catch {
      return null;
    }
  }

  #emit(): void {
    if (this.#options.session.state.kind !== 'unlocked') return;
    try {
      this.#options.events.emit('syncChanged', this.status());
    } catch (error) {
      this.#options.log.warn('sync.status_failed', { error: (error as Error)?.name });
    }
  }
}

function errorKind(error: unknown): SyncErrorKind {
  if (error instanceof SyncHttpError) return error.kind;
  if (error instanceof StoreError) return 'storage';
  if ((error as { code?: unknown } | null)?.code?.toString().startsWith('SQLITE') === true) {
    return 'storage';
  }
  return 'protocol';
}

function enrollmentError(error: unknown): AppError {
  if (!(error instanceof SyncHttpError)) {
    return new AppError('SERVER_UNREACHABLE', 'The server could not be reached.');
  }
  if (error.body?.error === 'ENROLLMENT_CODE_INVALID' || error.body?.error === 'VALIDATION_ERROR') {
    return new AppError(
      'ENROLLMENT_CODE_INVALID',
      'The enrollment code is not valid: it may be mistyped, already used or expired.',
    );
  }
  switch (error.kind) {
    case 'rate_limited':
      return new AppError(
        'TOO_MANY_ATTEMPTS',
        'Too many enrollment attempts. Wait a minute and try again.',
        [],
        error.body?.retryAfterSeconds ?? 60,
      );
    case 'revoked':
      return new AppError('DEVICE_REVOKED', 'This laptop was revoked by an administrator.');
    case 'unreachable':
    case 'timeout':
      return new AppError(
        'SERVER_UNREACHABLE',
        'The server could not be reached. Check the address and the network.',
      );
    default:
      return new AppError(
        'SERVER_UNREACHABLE',
        'The address did not answer as a SALW Field sync server.',
      );
  }
}
