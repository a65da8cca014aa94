import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { MAX_PUSH_BYTES } from '../../shared/sync/protocol.ts';
import { consoleRoutesPlugin } from '../console/console-routes.ts';
import { consoleStaticPlugin, defaultConsoleDir } from '../console/console-static.ts';
import { createMailer, type Mailer } from '../console/mailer.ts';
import type { Database } from '../db/database.ts';
import { fileRoutesPlugin } from '../files/file-routes.ts';
import { loadOrCreateFilesKey } from '../files/files-key.ts';
import { enrollRoute } from '../routes/enroll-route.ts';
import { healthRoute } from '../routes/health-route.ts';
import { peopleRoutesPlugin } from '../routes/people-routes.ts';
import { recordAttachmentsPlugin } from '../routes/record-attachments-route.ts';
import { eventsRoutePlugin } from '../routes/events-route.ts';
import { syncRoutesPlugin } from '../routes/sync-routes.ts';
import { filesDirOf, type ServerConfig } from '../server-config.ts';
import { ChangeNotifier } from '../sync/change-notifier.ts';
import { startPgEventRelay } from '../sync/pg-event-relay.ts';
import { limitConnectionsPerAddress, limitRequestsPerDevice } from './client-limits.ts';
import { installErrorHandlers, protocolErrorOptions } from './error-handler.ts';
import { EventStreams } from './event-streams.ts';
import { databaseRateLimitStore } from './rate-limit-store.ts';

export interface BuildServerOptions {
  config: ServerConfig;
  db: Database;
  /** Fastify's pino logger: false for silence (tests), true or options for JSON logs. */
  log?: FastifyServerOptions['logger'];
  /** The server's clock (enrollment expiry, receivedAt); tests move it. */
  clock?: () => Date;
  /** The event stream's heartbeat (default EVENTS_HEARTBEAT_MS); tests shorten it. */
  eventsHeartbeatMs?: number;
  /** The laptops' open event streams, shared with the admin endpoint (revoking ends them). */
  streams?: EventStreams;
  /** The console's mail; default: SMTP from the config, or the log when none is configured. */
  mailer?: Mailer;
}

/** Never written to a log line: credentials, codes and cookies. */
const redact = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.body',
  'res.headers["set-cookie"]',
];

function loggerOption(log: BuildServerOptions['log']): FastifyServerOptions['logger'] {
  if (log === undefined || log === true) return { level: 'info', redact };
  if (log === false) return false;
  return typeof log === 'object' ? { ...log, redact } : log;
}

/** The central sync API; the caller listens (port 0 in tests) and closes the database. */
export async function buildServer(options: BuildServerOptions): Promise<FastifyInstance> {
  const { config, db } = options;
  const clock = options.clock ?? (() => new Date());
  const tls =
    config.tlsCertFile !== undefined && config.tlsKeyFile !== undefined
      ? { cert: readFileSync(config.tlsCertFile), key: readFileSync(config.tlsKeyFile) }
      : undefined;
  const headersTimeout = config.headersTimeoutSeconds * 1000;
  const requestTimeout = config.requestTimeoutSeconds * 1000;
  const app = Fastify({
    logger: loggerOption(options.log),
    bodyLimit: MAX_PUSH_BYTES,
    requestTimeout,
    // Node checks the two timeouts on this interval (30 s by default, which would let a slow
    // request live half a minute past its time).
    http: {
      headersTimeout,
      connectionsCheckingInterval: Math.min(5000, Math.ceil(headersTimeout / 4)),
    },
    ...protocolErrorOptions,
    ...(tls ? { https: tls } : {}),
  }) as unknown as FastifyInstance;
  installErrorHandlers(app);
  limitConnectionsPerAddress(app.server, config.maxConnectionsPerAddress);
  limitRequestsPerDevice(app, config.maxRequestsPerDevice);
  await app.register(rateLimit, {
    global: false,
    // Counted in the database: every server process on one PostgreSQL sees the same attempts.
    store: databaseRateLimitStore(db),
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      retryAfterSeconds: Math.ceil(context.ttl / 1000),
      message: 'Too many attempts.',
    }),
  });
  healthRoute(app, db, clock);
  enrollRoute(app, db, clock, config.enrollRateLimitPerMinute);
  const notifier = new ChangeNotifier();
  const streams = options.streams ?? new EventStreams();
  if (config.databaseUrl !== undefined && db.backend === 'postgres') {
    // Other server processes may share this database: pokes and revocations go through it.
    const relay = await startPgEventRelay(config.databaseUrl, db, notifier, streams, {
      log: (level, message) => app.log[level](message),
    });
    app.addHook('onClose', () => relay.close());
  }
  await app.register(syncRoutesPlugin(db, notifier, clock));
  await app.register(peopleRoutesPlugin(db, clock));
  await app.register(
    eventsRoutePlugin(db, notifier, streams, {
      heartbeatMs: options.eventsHeartbeatMs,
    }),
  );
  mkdirSync(config.dataDir, { recursive: true });
  mkdirSync(filesDirOf(config), { recursive: true });
  // Beside the photos by default: processes sharing the photos share the key that opens them.
  const keyFile = config.filesKeyFile ?? path.join(filesDirOf(config), 'files.key');
  const filesKey = await loadOrCreateFilesKey(keyFile);
  if (filesKey.created) {
    app.log.warn(
      { keyFile },
      'Created the key that encrypts received photos. Keep a copy apart from the data: without it no photo can be read.',
    );
  }
  await app.register(fileRoutesPlugin(db, filesDirOf(config), filesKey.key, clock));
  await app.register(recordAttachmentsPlugin(db));
  await app.register(
    consoleRoutesPlugin({
      db,
      notifier,
      clock,
      mailer: options.mailer ?? serverMailer(config, app),
      streams,
      tls: tls !== undefined,
      publicUrl: config.publicUrl,
      enrollmentCodeMinutes: config.enrollmentCodeMinutes,
    }),
  );
  await app.register(consoleStaticPlugin(config.consoleDir ?? defaultConsoleDir));
  return app;
}

/** Mail as configured; without SMTP the server's log gets it, with a warning. */
export function serverMailer(config: ServerConfig, app: FastifyInstance): Mailer {
  return createMailer({
    smtpUrl: config.smtpUrl,
    from: config.mailFrom,
    warn: (message) => app.log.warn(message),
  });
}
