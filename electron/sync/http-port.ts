import type { z } from 'zod';
import type { SyncErrorKind } from '../../shared/ipc/procedures/sync.ts';
import {
  EVENTS_HEARTBEAT_MS,
  EnrollResponseSchema,
  HealthResponseSchema,
  PeopleFeedResponseSchema,
  PeopleReportResponseSchema,
  PushResponseSchema,
  SerialLookupResponseSchema,
  SyncErrorBodySchema,
  syncRoutes,
  SYNC_PROTOCOL_VERSION,
  TUS_VERSION,
  type EnrollResponse,
  type HealthResponse,
  type PeopleFeedResponse,
  type PeopleReport,
  type PeopleReportResponse,
  type PullCursor,
  type PushRequest,
  type PushResponse,
  type SerialLookupRequest,
  type SerialLookupResponse,
  type SyncErrorBody,
} from '../../shared/sync/protocol.ts';

export type FetchLike = typeof globalThis.fetch;

/**
 * A failed exchange with the server, by kind (SyncErrorKind): the engine decides from the kind
 * whether to back off (unreachable, timeout, server_error, rate_limited), stop (revoked) or
 * report (unauthorized, protocol). `body` is the server's typed error, when it sent one.
 */
export class SyncHttpError extends Error {
  override readonly name = 'SyncHttpError';
  readonly kind: SyncErrorKind;
  readonly status: number | null;
  readonly body: SyncErrorBody | null;

  constructor(
    kind: SyncErrorKind,
    message: string,
    status: number | null = null,
    body: SyncErrorBody | null = null,
  ) {
    super(message);
    this.kind = kind;
    this.status = status;
    this.body = body;
  }
}

/** A server's answer read against its schema: the one place an answer's form is judged. */
export function parseAnswer<S extends z.ZodType>(text: string, schema: S): z.output<S> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // A cut body fails before this (reading it); a whole one that is not JSON is a proxy's page.
    throw new SyncHttpError('unreachable', 'The server sent an answer that is not JSON.');
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    throw new SyncHttpError('protocol', 'The server answered in a form this app does not know.');
  }
  return result.data;
}

export interface SyncHttpOptions {
  readonly baseUrl: string;
  /** Never logged; sent only as the Authorization header. */
  readonly credential: string | null;
  readonly fetch?: FetchLike;
  /** Per request; a slow network must not hang a round forever. */
  readonly timeoutMs?: number;
  /** Aborts every request in flight (lock, stop). */
  readonly signal?: AbortSignal;
}

export interface TusResponse {
  readonly status: number;
  readonly headers: Headers;
}

/** The sync API over global fetch, every response checked against shared/sync/protocol.ts. */
export class SyncHttp {
  readonly #options: SyncHttpOptions;
  readonly #fetch: FetchLike;

  constructor(options: SyncHttpOptions) {
    this.#options = options;
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  url(pathOrUrl: string): string {
    return new URL(pathOrUrl, this.#options.baseUrl.replace(/\/?$/, '/')).toString();
  }

  health(): Promise<HealthResponse> {
    return this.#json('GET', syncRoutes.health, undefined, HealthResponseSchema, false);
  }

  enroll(code: string, appVersion: string, enrollmentKey: string): Promise<EnrollResponse> {
    return this.#json(
      'POST',
      syncRoutes.enroll,
      { code, protocolVersion: SYNC_PROTOCOL_VERSION, appVersion, enrollmentKey },
      EnrollResponseSchema,
      false,
    );
  }

  push(request: PushRequest): Promise<PushResponse> {
    return this.#json('POST', syncRoutes.push, request, PushResponseSchema, true);
  }

  /** Tells the centre of every person this laptop holds. */
  reportPeople(report: PeopleReport): Promise<PeopleReportResponse> {
    return this.#json('POST', syncRoutes.people, report, PeopleReportResponseSchema, true);
  }

  /** The centre's decisions about people after `after`. */
  peopleFeed(after: number, limit: number): Promise<PeopleFeedResponse> {
    const query = new URLSearchParams({ after: String(after), limit: String(limit) });
    return this.#json(
      'GET',
      `${syncRoutes.people}?${query}`,
      undefined,
      PeopleFeedResponseSchema,
      true,
    );
  }

  serialLookup(request: SerialLookupRequest): Promise<SerialLookupResponse> {
    return this.#json('POST', syncRoutes.serialLookup, request, SerialLookupResponseSchema, true);
  }

  /**
   * One pull page as the server sent it, unread: preparePullPage reads and validates it, on a
   * worker thread for a long pull (pull-page-source.ts).
   */
  async pullText(cursor: PullCursor, limit: number): Promise<string> {
    const query = new URLSearchParams({
      afterVersion: String(cursor.afterVersion),
      afterId: cursor.afterId,
      limit: String(limit),
    });
    const response = await this.#send('GET', `${syncRoutes.pull}?${query}`, {
      headers: {},
      auth: true,
    });
    if (!response.ok) await this.#throwFor(response);
    try {
      return await response.text();
    } catch (error) {
      throw this.#transportError(error, 'The server could not be reached.');
    }
  }

  /** Aborts every request in flight (lock, stop); work done elsewhere for this port stops with it. */
  get signal(): AbortSignal | undefined {
    return this.#options.signal;
  }

  /** What a worker thread needs to make the same requests; null when requests go through a fetch given here. */
  get requestOptions(): Pick<SyncHttpOptions, 'baseUrl' | 'credential' | 'timeoutMs'> | null {
    if (this.#options.fetch !== undefined) return null;
    return {
      baseUrl: this.#options.baseUrl,
      credential: this.#options.credential,
      ...(this.#options.timeoutMs === undefined ? {} : { timeoutMs: this.#options.timeoutMs }),
    };
  }

  /**
   * A photo the server received from another laptop; null while it has not arrived there yet.
   * Bytes only: the caller checks them against the SHA-256 the record names.
   */
  async downloadPhoto(sha256: string, maxBytes: number): Promise<Uint8Array | null> {
    const response = await this.#send('GET', syncRoutes.fileBySha256(sha256), {
      headers: {},
      auth: true,
    });
    if (response.status === 404) {
      await response.body?.cancel();
      return null;
    }
    if (!response.ok) await this.#throwFor(response);
    if (Number(response.headers.get('content-length') ?? '0') > maxBytes) {
      await response.body?.cancel();
      throw new SyncHttpError('protocol', 'The server sent a photo larger than a photo may be.');
    }
    try {
      return new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      throw this.#transportError(error, 'The photo download was cut off.');
    }
  }

  /**
   * The server's event stream (GET /v1/sync/events): yields 'open' once the server accepted it,
   * then the name of each event, until the stream ends or `signal` aborts (then it just returns).
   * Silence longer than two heartbeats means a dead connection: it throws, like a dropped one.
   */
  async *events(
    signal: AbortSignal,
    silenceMs = 2 * EVENTS_HEARTBEAT_MS + 5_000,
  ): AsyncGenerator<string> {
    const connection = new AbortController();
    const hangUp = () => connection.abort();
    signal.addEventListener('abort', hangUp, { once: true });
    // Until the answer's headers: the request timeout; then the silence allowed between lines.
    let watchdog = setTimeout(hangUp, this.#options.timeoutMs ?? 30_000);
    watchdog.unref?.();
    try {
      const response = await this.#send('GET', syncRoutes.events, {
        headers: { accept: 'text/event-stream' },
        auth: true,
        signal: connection.signal,
      });
      if (!response.ok) await this.#throwFor(response);
      if (response.body === null) return;
      yield 'open';
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffered = '';
      for (;;) {
        clearTimeout(watchdog);
        watchdog = setTimeout(hangUp, silenceMs);
        watchdog.unref?.();
        let read: Awaited<ReturnType<typeof reader.read>>;
        try {
          read = await reader.read();
        } catch (error) {
          if (signal.aborted) return;
          throw this.#transportError(error, 'The event stream from the server was cut.');
        }
        if (read.done) return;
        buffered += read.value;
        for (let end = buffered.indexOf('\n\n'); end >= 0; end = buffered.indexOf('\n\n')) {
          const name = /^event: ?(.+)$/m.exec(buffered.slice(0, end))?.[1];
          buffered = buffered.slice(end + 2);
          if (name !== undefined) yield name;
        }
      }
    } catch (error) {
      if (signal.aborted) return;
      throw error;
    } finally {
      clearTimeout(watchdog);
      signal.removeEventListener('abort', hangUp);
      connection.abort();
    }
  }

  /** tus and file checks: the raw status and headers; errors only for transport and auth. */
  async tus(
    method: 'HEAD' | 'POST' | 'PATCH' | 'OPTIONS',
    pathOrUrl: string,
    headers: Record<string, string>,
    body?: Uint8Array,
  ): Promise<TusResponse> {
    const response = await this.#send(method, pathOrUrl, {
      headers: { 'tus-resumable': TUS_VERSION, ...headers },
      body,
      auth: true,
    });
    if (response.status === 401) await this.#throwFor(response);
    // HEAD has no body; others may: drain it so the connection can be reused.
    await response.arrayBuffer().catch(() => undefined);
    return { status: response.status, headers: response.headers };
  }

  async #json<S extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    schema: S,
    auth: boolean,
  ): Promise<z.output<S>> {
    const response = await this.#send(method, path, {
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      auth,
    });
    if (!response.ok) await this.#throwFor(response);
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw this.#transportError(error, 'The server could not be reached.');
    }
    return parseAnswer(text, schema);
  }

  async #send(
    method: string,
    pathOrUrl: string,
    init: {
      headers: Record<string, string>;
      body?: string | Uint8Array | undefined;
      auth: boolean;
      /** A long-lived request (the event stream) brings its own signal instead of the timeout. */
      signal?: AbortSignal;
    },
  ): Promise<Response> {
    const headers: Record<string, string> = { ...init.headers };
    if (init.auth) {
      if (this.#options.credential === null) {
        throw new SyncHttpError('unauthorized', 'This laptop is not enrolled with a server.');
      }
      headers.authorization = `Bearer ${this.#options.credential}`;
    }
    const timeout = init.signal ?? AbortSignal.timeout(this.#options.timeoutMs ?? 30_000);
    const signal =
      this.#options.signal === undefined
        ? timeout
        : AbortSignal.any([timeout, this.#options.signal]);
    try {
      return await this.#fetch(this.url(pathOrUrl), {
        method,
        headers,
        body: init.body as RequestInit['body'],
        signal,
        redirect: 'error',
      });
    } catch (error) {
      if (timeout.aborted) {
        throw new SyncHttpError('timeout', 'The server took too long to answer.');
      }
      throw this.#transportError(error, 'The server could not be reached.');
    }
  }

  #transportError(error: unknown, message: string): SyncHttpError {
    if (this.#options.signal?.aborted === true) {
      return new SyncHttpError('unreachable', 'Sync was stopped.');
    }
    if (error instanceof SyncHttpError) return error;
    if ((error as Error | undefined)?.name === 'TimeoutError') {
      return new SyncHttpError('timeout', 'The server took too long to answer.');
    }
    return new SyncHttpError('unreachable', message);
  }

  async #throwFor(response: Response): Promise<never> {
    let body: SyncErrorBody | null = null;
    try {
      const parsed = SyncErrorBodySchema.safeParse(await response.json());
      if (parsed.success) body = parsed.data;
    } catch {
      // Not our JSON (a proxy's error page): the status decides.
    }
    const status = response.status;
    if (status === 401 && body?.error === 'DEVICE_REVOKED') {
      throw new SyncHttpError(
        'revoked',
        'This laptop was revoked by an administrator.',
        status,
        body,
      );
    }
    if (status === 401) {
      throw new SyncHttpError(
        'unauthorized',
        'The server does not recognise this laptop.',
        status,
        body,
      );
    }
    if (status === 429) {
      throw new SyncHttpError(
        'rate_limited',
        'The server asked to wait before trying again.',
        status,
        body,
      );
    }
    if (status >= 500) {
      throw new SyncHttpError('server_error', 'The server had a problem.', status, body);
    }
    throw new SyncHttpError(
      'protocol',
      body?.message ?? `The server refused the request (${status}).`,
      status,
      body,
    );
  }
}
