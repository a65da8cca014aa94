import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { Database, Queryable } from '../db/database.ts';
import { hasPgliteData, lockDataDir, lockHolders } from '../db/data-dir-lock.ts';
import { migrate } from '../db/migrate.ts';
import { openPgDatabase } from '../db/pg-database.ts';
import { openPgliteDatabase } from '../db/pglite-database.ts';
import { migrations as allMigrations } from '../migrations/index.ts';
import type { ServerConfig } from '../server-config.ts';
import { startNewEpoch } from '../server-meta.ts';
import { relayApplicationName } from '../sync/pg-event-relay.ts';
import {
  BACKUP_FORMAT_VERSION,
  BACKUP_MAGIC,
  BackupError,
  BackupHeaderSchema,
  BackupPhotoLineSchema,
  BackupSequenceLineSchema,
  BackupTableLineSchema,
  MAX_HEADER_BYTES,
  quoteIdent,
  type BackupHeader,
} from './backup-format.ts';

export interface RestoreOptions {
  /** Empty the target first instead of refusing a target that holds data. */
  readonly replace?: boolean;
}

export interface RestoreSummary {
  readonly header: BackupHeader;
  /** Migrations applied after the backup's rows were loaded (the backup was older). */
  readonly migrated: number[];
  readonly newEpoch: string;
  readonly photos: number;
}

/** The rows of one INSERT: bounded in count and bytes. */
const ROWS_PER_INSERT = 500;
const BYTES_PER_INSERT = 4 * 1024 * 1024;

/**
 * Reads and checks a backup file's header and body (length and SHA-256) without restoring
 * anything: a truncated, changed or foreign file is refused here, plainly.
 */
export async function verifyBackupFile(
  file: string,
): Promise<{ header: BackupHeader; bodyOffset: number }> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT') throw new BackupError(`There is no file ${file}.`);
    if (code === 'EACCES') throw new BackupError(`Cannot read ${file}: permission denied.`);
    throw error;
  }
  let header: BackupHeader;
  let bodyOffset: number;
  let size: number;
  try {
    size = (await handle.stat()).size;
    const start = Buffer.alloc(Math.min(size, BACKUP_MAGIC.length + MAX_HEADER_BYTES));
    await handle.read(start, 0, start.length, 0);
    if (start.subarray(0, BACKUP_MAGIC.length).toString('latin1') !== BACKUP_MAGIC) {
      throw new BackupError(`${file} is not a SALW Field server backup.`);
    }
    const end = start.indexOf(0x0a, BACKUP_MAGIC.length);
    if (end < 0) throw new BackupError(`${file} is damaged: its header is incomplete.`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(start.subarray(BACKUP_MAGIC.length, end).toString('utf8'));
    } catch {
      throw new BackupError(`${file} is damaged: its header cannot be read.`);
    }
    const formatVersion = (parsed as { formatVersion?: unknown } | null)?.formatVersion;
    if (typeof formatVersion === 'number' && formatVersion > BACKUP_FORMAT_VERSION) {
      throw new BackupError(
        `${file} was written by a newer version of the server (backup format ${String(formatVersion)}); restore it with that version.`,
      );
    }
    const checked = BackupHeaderSchema.safeParse(parsed);
    if (!checked.success) throw new BackupError(`${file} is damaged: its header is not valid.`);
    header = checked.data;
    bodyOffset = end + 1;
  } finally {
    await handle.close();
  }
  if (size - bodyOffset !== header.bodyBytes) {
    throw new BackupError(
      `${file} is incomplete or damaged: it holds ${String(size - bodyOffset)} bytes of data where the backup wrote ${String(header.bodyBytes)}. Nothing was restored.`,
    );
  }
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { start: bodyOffset })) {
    hash.update(chunk as Buffer);
  }
  if (hash.digest('hex') !== header.bodySha256) {
    throw new BackupError(
      `${file} is damaged: its checksum does not match what the backup wrote. Nothing was restored.`,
    );
  }
  return { header, bodyOffset };
}

/**
 * `npm run server -- restore FILE`, with every server stopped: loads the backup into a fresh
 * PGlite data dir or an empty PostgreSQL database (or, with `replace`, one emptied first), in ONE
 * transaction (a failed restore leaves the target as empty as it was), builds exactly the
 * backup's schema first, applies the migrations this server has above it, then starts a new
 * epoch: laptops that synced after the backup pull everything again and re-send what it lacks.
 */
export async function restoreBackup(
  config: Pick<ServerConfig, 'databaseUrl' | 'dataDir' | 'filesDir'>,
  file: string,
  options: RestoreOptions = {},
): Promise<RestoreSummary> {
  const { header, bodyOffset } = await verifyBackupFile(file);
  const known = new Set(allMigrations.map((migration) => migration.version));
  const unknown = header.migrations.filter((version) => !known.has(version));
  if (unknown.length > 0) {
    throw new BackupError(
      `This backup comes from a newer server (schema ${String(header.schemaVersion)}; its migration ${unknown.join(', ')} is unknown here). Restore it with that version of the server, or a later one.`,
    );
  }
  const db = await openTarget(config, options.replace === true);
  try {
    // The backup's own schema, no more: its rows fit it exactly.
    await migrate(
      db,
      allMigrations.filter((migration) => header.migrations.includes(migration.version)),
    );
    const photosRoot = path.join(config.filesDir ?? config.dataDir, 'files', 'blobs');
    await mkdir(photosRoot, { recursive: true, mode: 0o700 });
    const photos = await db.transaction((tx) => loadBody(tx, file, bodyOffset, header, photosRoot));
    const migrated = await migrate(db);
    const newEpoch = await startNewEpoch(db);
    return { header, migrated, newEpoch, photos };
  } finally {
    await db.close();
  }
}

/** The target, checked empty (or emptied when told to), not migrated. */
async function openTarget(
  config: Pick<ServerConfig, 'databaseUrl' | 'dataDir'>,
  replace: boolean,
): Promise<Database> {
  if (config.databaseUrl === undefined) {
    await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
    // Refused while a server (or anything else) holds the directory.
    const lock = lockDataDir(config.dataDir, lockHolders.restore);
    try {
      const pgliteDir = path.join(config.dataDir, 'pglite');
      if (hasPgliteData(config.dataDir)) {
        if (!replace) {
          throw new BackupError(
            `${config.dataDir} already holds server data. Restore into a new SALW_SERVER_DATA_DIR, or add --replace to delete what it holds first.`,
          );
        }
        await rm(pgliteDir, { recursive: true, force: true });
      }
      return await openPgliteDatabase(pgliteDir, () => lock.release());
    } catch (error) {
      lock.release();
      throw error;
    }
  }
  const db = openPgDatabase(config.databaseUrl);
  try {
    const servers = await db.query<{ count: string }>(
      `SELECT count(*)::text AS count FROM pg_stat_activity
       WHERE datname = current_database() AND application_name = $1`,
      [relayApplicationName],
    );
    if (Number(servers.rows[0]?.count ?? 0) > 0) {
      throw new BackupError(
        `${servers.rows[0]?.count ?? ''} server process(es) still use this database: stop every one before restoring.`,
      );
    }
    const tables = (
      await db.query<{ name: string }>(
        `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
      )
    ).rows.map((row) => row.name);
    if (tables.length > 0) {
      if (!replace) {
        throw new BackupError(
          `The database already holds ${String(tables.length)} tables. Restore into an empty database, or add --replace to delete what it holds first.`,
        );
      }
      await db.transaction(async (tx) => {
        for (const name of tables)
          await tx.query(`DROP TABLE IF EXISTS ${quoteIdent(name)} CASCADE`);
        const sequences = await tx.query<{ name: string }>(
          `SELECT sequencename AS name FROM pg_sequences WHERE schemaname = 'public'`,
        );
        for (const { name } of sequences.rows) {
          await tx.query(`DROP SEQUENCE IF EXISTS ${quoteIdent(name)} CASCADE`);
        }
      });
    }
    return db;
  } catch (error) {
    await db.close();
    throw error;
  }
}

/** Loads every line of the body in one transaction; returns how many photos were written. */
async function loadBody(
  tx: Queryable,
  file: string,
  bodyOffset: number,
  header: BackupHeader,
  photosRoot: string,
): Promise<number> {
  // The migrations' own seed rows (server_meta, sync_space…) give way to the backup's.
  const names = header.tables.map((table) => quoteIdent(table.name));
  if (names.length > 0) await tx.query(`TRUNCATE ${names.join(', ')} CASCADE`);
  const lines = readline.createInterface({
    input: createReadStream(file, { start: bodyOffset }).pipe(createGunzip()),
    crlfDelay: Infinity,
  });
  const counts = new Map<string, number>();
  let table: { name: string; columns: string[] } | undefined;
  let batch: string[] = [];
  let batchBytes = 0;
  let photo: { sha256: string; size: number; written: number; temp: string } | undefined;
  let photoHandle: Awaited<ReturnType<typeof open>> | undefined;
  let photos = 0;
  let ended = false;

  const flush = async () => {
    if (table === undefined || batch.length === 0) return;
    const columns = table.columns.map(quoteIdent).join(', ');
    const target = quoteIdent(table.name);
    await tx.query(
      `INSERT INTO ${target} (${columns}) OVERRIDING SYSTEM VALUE
       SELECT ${columns} FROM json_populate_recordset(NULL::${target}, $1::json)`,
      [`[${batch.join(',')}]`],
    );
    counts.set(table.name, (counts.get(table.name) ?? 0) + batch.length);
    batch = [];
    batchBytes = 0;
  };
  const finishPhoto = async () => {
    if (photo === undefined || photoHandle === undefined) return;
    await photoHandle.sync();
    await photoHandle.close();
    photoHandle = undefined;
    if (photo.written !== photo.size) throw damaged(file);
    await rename(photo.temp, path.join(photosRoot, photo.sha256));
    photos += 1;
    photo = undefined;
  };

  try {
    for await (const text of lines) {
      if (ended) throw damaged(file);
      const kind = text.slice(0, 2);
      const rest = text.slice(2);
      if (kind === 'R ') {
        if (table === undefined) throw damaged(file);
        batch.push(rest);
        batchBytes += rest.length;
        if (batch.length >= ROWS_PER_INSERT || batchBytes >= BYTES_PER_INSERT) await flush();
      } else if (kind === 'B ') {
        if (photoHandle === undefined || photo === undefined) throw damaged(file);
        const bytes = Buffer.from(rest, 'base64');
        await photoHandle.write(bytes);
        photo.written += bytes.length;
      } else if (kind === 'T ') {
        await flush();
        table = BackupTableLineSchema.parse(JSON.parse(rest));
      } else if (kind === 'S ') {
        await flush();
        table = undefined;
        const sequence = BackupSequenceLineSchema.parse(JSON.parse(rest));
        await tx.query('SELECT setval($1::regclass, $2::bigint, $3)', [
          quoteIdent(sequence.name),
          sequence.lastValue,
          sequence.isCalled,
        ]);
      } else if (kind === 'F ') {
        await flush();
        table = undefined;
        await finishPhoto();
        const next = BackupPhotoLineSchema.parse(JSON.parse(rest));
        photo = { ...next, written: 0, temp: path.join(photosRoot, `${next.sha256}.restore.tmp`) };
        photoHandle = await open(photo.temp, 'w', 0o600);
      } else if (kind === 'E ') {
        await flush();
        await finishPhoto();
        ended = true;
      } else {
        throw damaged(file);
      }
    }
  } finally {
    await photoHandle?.close().catch(() => undefined);
  }
  if (!ended) throw damaged(file);
  for (const expected of header.tables) {
    const loaded = counts.get(expected.name) ?? 0;
    if (loaded !== expected.rows) {
      throw new BackupError(
        `${file} is damaged: table ${expected.name} holds ${String(loaded)} rows where the backup counted ${String(expected.rows)}. Nothing was restored.`,
      );
    }
  }
  // Uploads in progress at the backup have no part file here: their laptops, told the upload is
  // unknown (404), start them again.
  if (header.tables.some((one) => one.name === 'uploads')) {
    await tx.query('DELETE FROM uploads WHERE completed_at IS NULL');
  }
  await removeLeftovers(photosRoot);
  return photos;
}

async function removeLeftovers(photosRoot: string): Promise<void> {
  for (const name of await readdir(photosRoot)) {
    if (name.endsWith('.restore.tmp')) await rm(path.join(photosRoot, name), { force: true });
  }
}

function damaged(file: string): BackupError {
  return new BackupError(
    `${file} is damaged: its content is not what a backup writes. Nothing was restored.`,
  );
}
