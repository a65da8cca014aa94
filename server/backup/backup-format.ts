import { z } from 'zod';

/**
 * A server backup file (`npm run server -- backup FILE`), the same from PGlite and PostgreSQL:
 *
 *     SALW-SERVER-BACKUP\n
 *     <header: one line of JSON, BackupHeaderSchema>\n
 *     <body: gzip of lines>
 *
 * The body's lines, in order: for each table (parents before the tables that reference them)
 * `T {"name","columns"}` then one `R <row as JSON>` per row; `S {"name","lastValue","isCalled"}`
 * per sequence; per received photo `F {"sha256","size"}` then `B <base64>` chunks of its file as
 * stored (still encrypted under the photo key, which is NOT in the backup); finally `E {}`.
 * The header's SHA-256 and length cover the body as written (compressed), so a truncated or
 * changed file is refused before anything is restored.
 */
export const BACKUP_MAGIC = 'SALW-SERVER-BACKUP\n';
export const BACKUP_FORMAT_VERSION = 1;

export const BackupHeaderSchema = z.object({
  formatVersion: z.number().int().positive(),
  /** The highest schema migration applied to the backed-up database. */
  schemaVersion: z.number().int().min(0),
  /** Every migration applied, so a restore builds exactly that schema before loading the rows. */
  migrations: z.array(z.number().int().min(0)),
  serverEpoch: z.string().min(1),
  takenAt: z.iso.datetime({ offset: true }),
  backend: z.enum(['pglite', 'postgres']),
  /** Rows per table, in the body's order. */
  tables: z.array(z.object({ name: z.string().min(1), rows: z.number().int().min(0) })),
  photos: z.number().int().min(0),
  bodyBytes: z.number().int().min(0),
  bodySha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type BackupHeader = z.infer<typeof BackupHeaderSchema>;

/** The longest header a reader accepts: a corrupt file must not make it read gigabytes. */
export const MAX_HEADER_BYTES = 1024 * 1024;

/** Not backed up: kept by the schema's own migrations, or worthless after a restore. */
export const tablesNotBackedUp: ReadonlySet<string> = new Set([
  // Rebuilt from the header's migration list.
  'schema_migrations',
  // Rate-limit counters (migration 150): minutes-long windows.
  'rate_limit_hits',
]);

export const BackupTableLineSchema = z.object({
  name: z.string().min(1),
  columns: z.array(z.string().min(1)).min(1),
});
export const BackupSequenceLineSchema = z.object({
  name: z.string().min(1),
  lastValue: z.string().regex(/^-?\d+$/),
  isCalled: z.boolean(),
});
export const BackupPhotoLineSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().min(0),
});

/** A plain, user-facing refusal (corrupt file, newer schema, non-empty target). */
export class BackupError extends Error {}

/** "records" → "\"records\"": names come from the catalog, quoted all the same. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
