import type { FastifyError, FastifyInstance } from 'fastify';
import type { SyncErrorBody } from '../../shared/sync/protocol.ts';
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
