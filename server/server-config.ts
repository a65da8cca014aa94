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
  /** Enrollment attempts allowed per client IP per minute (guessing a code must stay hopeless). */
  enrollRateLimitPerMinute: z.coerce.number().int().min(1).max(10_000).default(10),
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
    enrollRateLimitPerMinute: env.SALW_ENROLL_RATE_LIMIT || undefined,
    enrollmentCodeMinutes: env.SALW_ENROLLMENT_CODE_MINUTES || undefined,
  });
  if ((config.tlsCertFile === undefined) !== (config.tlsKeyFile === undefined)) {
    throw new Error('TLS needs both SALW_TLS_CERT_FILE and SALW_TLS_KEY_FILE, or neither.');
  }
  return config;
}
