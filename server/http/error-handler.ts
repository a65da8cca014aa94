import type { Socket } from 'node:net';
import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifyServerOptions,
} from 'fastify';
import type { SyncErrorBody } from '../../shared/sync/protocol.ts';
import { rawErrorResponse } from './client-limits.ts';
import { SyncHttpError } from './sync-http-error.ts';

/** Fastify's own client-error codes, each with the wire code and wording the client sees. */
const fastifyClientErrors: Record<string, { status: number; body: SyncErrorBody }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    body: { error: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large.' },
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    body: { error: 'VALIDATION_ERROR', message: 'This content type is not accepted here.' },
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    body: { error: 'VALIDATION_ERROR', message: 'The request body is empty.' },
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    body: { error: 'VALIDATION_ERROR', message: 'The request body is not valid JSON.' },
  },
};

/**
 * Every error leaves as SyncErrorBodySchema: a client's mistake is a 4xx with a specific code,
 * anything else a 500 INTERNAL whose details go to the log only (no stack traces to clients).
 */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | SyncHttpError, request, reply) => {
    if (error instanceof SyncHttpError) {
      return reply.code(error.statusCode).send(error.body);
    }
    const known = error.code ? fastifyClientErrors[error.code] : undefined;
    if (known) return reply.code(known.status).send(known.body);
    const status = error.statusCode ?? 500;
    if (status === 429) {
      const retryAfter = (error as { retryAfterSeconds?: number }).retryAfterSeconds;
      return reply.code(429).send({
        error: 'RATE_LIMITED',
        message: 'Too many attempts; wait and try again.',
        ...(retryAfter === undefined ? {} : { retryAfterSeconds: retryAfter }),
      } satisfies SyncErrorBody);
    }
    if (status >= 400 && status < 500) {
      // JSON syntax errors and other parser refusals: the client sent something malformed.
      return reply.code(status).send({
        error: 'VALIDATION_ERROR',
        message: 'The request is malformed.',
      } satisfies SyncErrorBody);
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({
      error: 'INTERNAL',
      message: 'The server failed; try again later.',
    } satisfies SyncErrorBody);
  });
  app.setNotFoundHandler((_request, reply) =>
    reply.code(404).send({
      error: 'NOT_FOUND',
      message: 'There is nothing at this address.',
    } satisfies SyncErrorBody),
  );
}

/**
 * Refusals Fastify and Node make before a route runs, in the protocol's shape too: a path with
 * bad percent-encoding or an over-long parameter (frameworkErrors), and what the HTTP parser
 * rejects, headers that are too large and requests that arrive too slowly (clientErrorHandler,
 * on the raw socket). Never Fastify's own bodies: no FST_ code, no internal name, no echo of the
 * request. Passed to every Fastify the server builds.
 */
export const protocolErrorOptions = {
  frameworkErrors: frameworkError,
  clientErrorHandler: clientError,
} satisfies Pick<FastifyServerOptions, 'frameworkErrors' | 'clientErrorHandler'>;

function frameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const body: SyncErrorBody =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? { error: 'VALIDATION_ERROR', message: 'The address is too long.' }
      : {
          error: 'VALIDATION_ERROR',
          message:
            error.code === 'FST_ERR_BAD_URL'
              ? 'The address is not valid (its percent-encoding is broken).'
              : 'The request is malformed.',
        };
  void reply.code(error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400).send(body);
}

function clientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  let response: string;
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    response = rawErrorResponse(408, 'Request Timeout', {
      error: 'REQUEST_TIMEOUT',
      message: 'The request did not arrive in the time the server allows.',
    });
  } else if (error.code === 'HPE_HEADER_OVERFLOW') {
    response = rawErrorResponse(431, 'Request Header Fields Too Large', {
      error: 'VALIDATION_ERROR',
      message: "The request's headers are too large.",
    });
  } else {
    response = rawErrorResponse(400, 'Bad Request', {
      error: 'VALIDATION_ERROR',
      message: 'The request is not valid HTTP.',
    });
  }
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.end(response, () => socket.destroy());
}
