import { timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventName } from '../../shared/ipc/contract.ts';
import type { IpcErrorCode, IpcResult } from '../../shared/ipc/errors.ts';
import {
  BRIDGE_CALL_PREFIX,
  BRIDGE_COOKIE,
  BRIDGE_EVENTS_PATH,
  BRIDGE_SCRIPT,
  BRIDGE_TOKEN_HEADER,
  MAX_BRIDGE_BODY_BYTES,
} from '../../shared/ipc/preview-bridge-protocol.ts';
import type { Dispatch } from '../ipc/dispatcher.ts';
import type { EventSink } from '../ipc/handler-table.ts';
import type { Logger } from '../logging/logger.ts';
import { CONTENT_SECURITY_POLICY } from '../security/content-security-policy.ts';
import { mimeTypeFor, resolveRendererPath } from '../security/renderer-files.ts';

export interface BridgeServerOptions {
  readonly rendererDir: string;
  /** Called once the port is known: the dispatcher trusts exactly this server's own origin. */
  readonly createDispatch: (origin: string) => Dispatch;
  readonly token: string;
  readonly port: number;
  readonly log: Logger;
}

export interface BridgeServer extends EventSink {
  readonly origin: string;
  /** The URL a person opens: carries the per-run token once, then a same-site cookie does. */
  readonly openUrl: string;
  close(): Promise<void>;
}

const statusByCode: Readonly<Record<IpcErrorCode, number>> = {
  VALIDATION_ERROR: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  UNAVAILABLE: 503,
  LOCKED: 423,
  WRONG_PASSPHRASE: 401,
  TOO_MANY_ATTEMPTS: 429,
  CONFLICT: 409,
  RECORD_FINAL: 409,
  // The host's storage refused: not the client's mistake, so 5xx.
  STORAGE_FULL: 507,
  STORAGE_READ_ONLY: 503,
  // Where the person chose to save refused the file.
  DESTINATION_NOT_WRITABLE: 503,
  DATABASE_DAMAGED: 500,
  NOT_SALW_DATABASE: 500,
  WRONG_KEY: 500,
  // The sync server, not this host, failed to answer.
  SERVER_UNREACHABLE: 502,
  ENROLLMENT_CODE_INVALID: 400,
  DEVICE_REVOKED: 403,
  NOT_ENROLLED: 409,
  // Known, but its bytes have not arrived from the sync server yet.
  PHOTO_NOT_DOWNLOADED: 404,
  TOO_LARGE: 413,
  INTERNAL: 500,
};

/** Same headers as the `app://` handler, so the preview enforces the production CSP (S3). */
const securityHeaders = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
} as const;

/**
 * The browser preview's host side: serves the production renderer build with the production CSP on
 * 127.0.0.1 only, and carries `window.api` calls to the same dispatcher main.ts uses.
 *
 * Threats it answers: another web page in the same browser calling the bridge (CSRF: the token
 * lives in a SameSite=Strict, HttpOnly cookie, calls must be JSON POSTs and carry our Origin),
 * DNS rebinding (the Host header must name our loopback address), and other local users guessing
 * their way in (a random 256-bit token per run, compared in constant time).
 */
export async function startBridgeServer(options: BridgeServerOptions): Promise<BridgeServer> {
  const { rendererDir, token, log } = options;
  const eventStreams = new Set<http.ServerResponse>();
  let origin = '';
  let allowedHosts: string[] = [];
  // Set once the port is known; until then every request is refused.
  const bound: { dispatch?: Dispatch } = {};

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log.error('preview.request_failed', { error, path: request.url });
      if (!response.headersSent) sendResult(response, internalFailure());
      else response.destroy();
    });
  });

  async function handle(request: http.IncomingMessage, response: http.ServerResponse) {
    if (bound.dispatch === undefined || !allowedHosts.includes(request.headers.host ?? '')) {
      return sendText(
        response,
        421,
        'Misdirected request: this preview only answers on its loopback address.',
      );
    }
    const url = new URL(request.url ?? '/', origin);

    if (url.pathname.startsWith(BRIDGE_CALL_PREFIX)) {
      return handleCall(request, response, url.pathname.slice(BRIDGE_CALL_PREFIX.length));
    }
    if (url.pathname === BRIDGE_EVENTS_PATH) return handleEvents(request, response);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return sendText(response, 405, 'Method not allowed.');
    }
    const offeredToken = url.searchParams.get('token');
    if (offeredToken !== null) {
      if (!tokenMatches(offeredToken, token)) {
        return sendText(
          response,
          401,
          'This preview link is not valid. Open the URL that `npm run preview` printed for this run.',
        );
      }
      response.writeHead(303, {
        ...securityHeaders,
        'set-cookie': `${BRIDGE_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict`,
        location: url.pathname,
        'cache-control': 'no-store',
      });
      return response.end();
    }
    return serveFile(request, response, url.pathname);
  }

  async function handleCall(
    request: http.IncomingMessage,
    response: http.ServerResponse,
    procedure: string,
  ) {
    if (request.method !== 'POST') {
      return sendResult(response, failure('NOT_FOUND', 'Bridge calls are POST requests.'));
    }
    if (!hasValidToken(request, token)) {
      return sendResult(
        response,
        failure(
          'UNAUTHORIZED',
          'The preview token is missing or wrong. Open the URL that `npm run preview` printed for this run.',
        ),
      );
    }
    const contentType = request.headers['content-type'] ?? '';
    if (!contentType.toLowerCase().startsWith('application/json')) {
      return sendResult(
        response,
        failure(
          'VALIDATION_ERROR',
          'Bridge calls must send a JSON body (Content-Type: application/json).',
        ),
      );
    }
    const body = await readBody(request, MAX_BRIDGE_BODY_BYTES);
    if (body === 'too-large') {
      return sendResult(
        response,
        failure(
          'VALIDATION_ERROR',
          `The request body is larger than ${MAX_BRIDGE_BODY_BYTES} bytes.`,
        ),
      );
    }
    let envelope: unknown;
    try {
      envelope = body.length === 0 ? {} : JSON.parse(body);
    } catch {
      return sendResult(
        response,
        failure('VALIDATION_ERROR', 'The request body is not valid JSON.'),
      );
    }
    if (envelope === null || typeof envelope !== 'object' || Array.isArray(envelope)) {
      return sendResult(
        response,
        failure('VALIDATION_ERROR', 'The request body must be a JSON object like {"input": …}.'),
      );
    }
    const result = await (bound.dispatch as Dispatch)({
      // The Origin header is the bridge's stand-in for Electron's senderFrame; a fetch from the
      // page is always its top frame, because the CSP forbids framing (frame-ancestors 'none').
      sender: { url: request.headers.origin, isTopFrame: true },
      procedure: decodeProcedure(procedure),
      input: (envelope as { input?: unknown }).input,
    });
    return sendResult(response, result);
  }

  function handleEvents(request: http.IncomingMessage, response: http.ServerResponse) {
    if (request.method !== 'GET') return sendText(response, 405, 'Method not allowed.');
    if (!hasValidToken(request, token)) {
      return sendText(response, 401, 'The preview token is missing or wrong.');
    }
    response.writeHead(200, {
      ...securityHeaders,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    response.write(': connected\n\n');
    eventStreams.add(response);
    request.on('close', () => eventStreams.delete(response));
  }

  async function serveFile(
    request: http.IncomingMessage,
    response: http.ServerResponse,
    pathname: string,
  ) {
    const filePath = resolveRendererPath(pathname, rendererDir);
    if (filePath === null) return sendText(response, 404, 'Not found.');
    let content: Buffer;
    try {
      content = await readFile(filePath);
    } catch {
      return sendText(response, 404, 'Not found.');
    }
    const isIndex = filePath.endsWith('index.html');
    if (isIndex) content = Buffer.from(injectBridgeScript(content.toString('utf8')), 'utf8');
    response.writeHead(200, {
      ...securityHeaders,
      'content-type': mimeTypeFor(filePath),
      'content-length': content.byteLength,
      'cache-control': isIndex ? 'no-store' : 'no-cache',
    });
    response.end(request.method === 'HEAD' ? undefined : content);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  bound.dispatch = options.createDispatch(origin);

  return {
    origin,
    openUrl: `${origin}/?token=${token}`,
    emit(event: EventName, payload: unknown) {
      const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
      for (const stream of eventStreams) stream.write(frame);
    },
    close() {
      for (const stream of eventStreams) stream.end();
      eventStreams.clear();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** The preview's page loads its `window.api` from this script, before the app's own module. */
export function injectBridgeScript(html: string): string {
  const tag = `<script type="module" src="./${BRIDGE_SCRIPT}"></script>`;
  const firstScript = html.indexOf('<script');
  if (firstScript === -1) return html.replace('</head>', `${tag}</head>`);
  return `${html.slice(0, firstScript)}${tag}${html.slice(firstScript)}`;
}

export function tokenMatches(offered: string, expected: string): boolean {
  const a = Buffer.from(offered);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function hasValidToken(request: http.IncomingMessage, token: string): boolean {
  const header = request.headers[BRIDGE_TOKEN_HEADER];
  if (typeof header === 'string') return tokenMatches(header, token);
  const cookie = readCookie(request.headers.cookie ?? '', BRIDGE_COOKIE);
  return cookie !== null && tokenMatches(cookie, token);
}

export function readCookie(header: string, name: string): string | null {
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator === -1) continue;
    if (part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return null;
}

function decodeProcedure(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

function readBody(request: http.IncomingMessage, limit: number): Promise<string | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on('end', () =>
      resolve(tooLarge ? 'too-large' : Buffer.concat(chunks).toString('utf8')),
    );
    request.on('error', reject);
  });
}

function failure(code: IpcErrorCode, message: string): IpcResult<never> {
  return { ok: false, error: { code, message } };
}

function internalFailure(): IpcResult<never> {
  return failure('INTERNAL', 'The preview host could not complete this request.');
}

function sendResult(response: http.ServerResponse, result: IpcResult<unknown>) {
  const status = result.ok ? 200 : statusByCode[result.error.code];
  const body = JSON.stringify(result);
  response.writeHead(status, {
    ...securityHeaders,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  response.end(body);
}

function sendText(response: http.ServerResponse, status: number, text: string) {
  response.writeHead(status, {
    ...securityHeaders,
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
  });
  response.end(text);
}
