import { z } from 'zod';

/**
 * How the central sync API is configured, read once from the environment at start. With no
 * DATABASE_URL it keeps its data in embedded PGlite under SALW_SERVER_DATA_DIR, so a first run and
 * the tests need no database set-up; in production DATABASE_URL points at PostgreSQL.
 */
export const ServerConfigSchema = z.object({
  host: z.string().min(1).default('127.0.0.1'),
  port: z.coerce.number().int().min(0).max(65535).default(8443),
  databaseUrl: z
    .url({ protocol: /^postgres(ql)?$/, error: 'DATABASE_URL must be a postgres:// URL' })
    .optional(),
  dataDir: z.string().min(1).default('./salw-server-data'),
  tlsCertFile: z.string().min(1).optional(),
  tlsKeyFile: z.string().min(1).optional(),
  /**
   * The key that encrypts received photos at rest; created on first start if missing. Default
   * `<dataDir>/files.key`: point it elsewhere (another volume, a secrets mount) so that a copy of
   * the data directory alone shows no photo.
   */
  filesKeyFile: z.string().min(1).optional(),
  /**
   * Where received photos are kept (`<filesDir>/files/...`); default the data dir. Several server
   * processes on one PostgreSQL must share it (a network volume): an upload started through one
   * process may continue through another.
   */
  filesDir: z.string().min(1).optional(),
  /** Enrollment attempts allowed per client IP per minute (guessing a code must stay hopeless). */
  enrollRateLimitPerMinute: z.coerce.number().int().min(1).max(10_000).default(10),
  /**
   * Slow clients (a body sent a byte at a time holds a connection and its memory): the headers of
   * a request must arrive within this time, and the whole request, body included, within
   * requestTimeoutSeconds; each gets 408. A push of 4 MB over a 300 kbit/s link takes ~110 s.
   */
  headersTimeoutSeconds: z.coerce.number().int().min(1).max(600).default(20),
  requestTimeoutSeconds: z.coerce.number().int().min(1).max(3600).default(120),
  /**
   * Open connections one client address may hold; more are answered 429 and closed. A field
   * office behind one NAT address holds about two per laptop. Behind a reverse proxy every
   * laptop has the proxy's address: raise it, or 0 for no limit there.
   */
  maxConnectionsPerAddress: z.coerce.number().int().min(0).max(100_000).default(128),
  /** Requests of one enrolled laptop in progress at once (its event streams aside). */
  maxRequestsPerDevice: z.coerce.number().int().min(1).max(1000).default(8),
  /**
   * The web console's mail (invitations, password resets) goes through this SMTP server
   * (smtp://user:password@host:587 or smtps://…); without one, mails are written to the log.
   */
  smtpUrl: z
    .url({ protocol: /^smtps?$/, error: 'SALW_SMTP_URL must be an smtp:// or smtps:// URL' })
    .optional(),
  mailFrom: z.string().min(3).default('SALW Field <salw-field@localhost>'),
  /**
   * The address people open the console at, when it is not the server's own (behind a reverse
   * proxy: https://salw.example.org/console/). Used in mails and enrollment QR codes, and as a
   * second accepted Origin of console requests.
   */
  publicUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** The console's build (default .vite/console in the checkout). */
  consoleDir: z.string().min(1).optional(),
  /** How long an enrollment code printed by `enroll` stays valid. */
  enrollmentCodeMinutes: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
});
export type ServerConfig = z.infer<typeof ServerConfigSchema>;

export function readServerConfig(env: Record<string, string | undefined>): ServerConfig {
  const config = ServerConfigSchema.parse({
    host: env.SALW_SERVER_HOST || undefined,
    port: env.SALW_SERVER_PORT || undefined,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.SALW_SERVER_DATA_DIR || undefined,
    tlsCertFile: env.SALW_TLS_CERT_FILE || undefined,
    tlsKeyFile: env.SALW_TLS_KEY_FILE || undefined,
    filesKeyFile: env.SALW_FILES_KEY_FILE || undefined,
    filesDir: env.SALW_FILES_DIR || undefined,
    enrollRateLimitPerMinute: env.SALW_ENROLL_RATE_LIMIT || undefined,
    enrollmentCodeMinutes: env.SALW_ENROLLMENT_CODE_MINUTES || undefined,
    headersTimeoutSeconds: env.SALW_HEADERS_TIMEOUT_SECONDS || undefined,
    requestTimeoutSeconds: env.SALW_REQUEST_TIMEOUT_SECONDS || undefined,
    maxConnectionsPerAddress: env.SALW_MAX_CONNECTIONS_PER_ADDRESS || undefined,
    maxRequestsPerDevice: env.SALW_MAX_REQUESTS_PER_DEVICE || undefined,
    smtpUrl: env.SALW_SMTP_URL || undefined,
    mailFrom: env.SALW_MAIL_FROM || undefined,
    publicUrl: env.SALW_PUBLIC_URL || undefined,
    consoleDir: env.SALW_CONSOLE_DIR || undefined,
  });
  if (config.headersTimeoutSeconds > config.requestTimeoutSeconds) {
    throw new Error('SALW_HEADERS_TIMEOUT_SECONDS cannot exceed SALW_REQUEST_TIMEOUT_SECONDS.');
  }
  if ((config.tlsCertFile === undefined) !== (config.tlsKeyFile === undefined)) {
    throw new Error('TLS needs both SALW_TLS_CERT_FILE and SALW_TLS_KEY_FILE, or neither.');
  }
  return config;
}

/**
 * Where received photos live: SALW_FILES_DIR, else the data dir. Several server processes on one
 * PostgreSQL each have their own data dir (their admin endpoint file) but must share this one.
 */
export function filesDirOf(config: Pick<ServerConfig, 'dataDir' | 'filesDir'>): string {
  return config.filesDir ?? config.dataDir;
}
