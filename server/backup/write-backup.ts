import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip, type Gzip } from 'node:zlib';
import type { Database, Queryable } from '../db/database.ts';
import {
  BACKUP_FORMAT_VERSION,
  BACKUP_MAGIC,
  quoteIdent,
  tablesNotBackedUp,
  type BackupHeader,
} from './backup-format.ts';

export interface BackupSummary {
  readonly file: string;
  readonly header: BackupHeader;
  readonly bytes: number;
}

const ROWS_PER_FETCH = 1000;
const PHOTO_CHUNK_BYTES = 768 * 1024;

/**
 * Writes a consistent backup of the server's database (and its received photos) to `file` while
 * the server keeps serving: every table is read in ONE read-only REPEATABLE READ transaction, so
 * the file holds the database exactly as one moment's commits left it, whatever pushes commit
 * meanwhile (on PostgreSQL they go on side by side; PGlite has one connection, so there pushes
 * wait for the read to finish). The photos are those the snapshot's `files` table lists, read
 * after it: a received photo's file is never changed or deleted, so they match the snapshot.
 * Written to `<file>.part` and renamed: a file named FILE is always whole.
 */
export async function writeBackup(
  db: Database,
  filesRoot: string,
  file: string,
  clock: () => Date = () => new Date(),
): Promise<BackupSummary> {
  const target = path.resolve(file);
  const bodyPath = `${target}.body.part`;
  const partPath = `${target}.part`;
  const gzip = createGzip({ level: 6 });
  try {
    // Opened here, awaited: a path that cannot be written fails now, before any reading.
    const out = (await open(bodyPath, 'w', 0o600)).createWriteStream();
    const hash = createHash('sha256');
    let bodyBytes = 0;
    gzip.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      bodyBytes += chunk.length;
    });
    const written = pipeline(gzip, out);
    // Awaited once the body is complete; a failure before that is the snapshot's to report.
    written.catch(() => undefined);
    const snapshot = await db.transaction(async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      return writeTables(tx, gzip);
    });
    let photos = 0;
    for (const photo of snapshot.photos) {
      if (await writePhoto(gzip, filesRoot, photo)) photos += 1;
    }
    await line(gzip, 'E {}');
    gzip.end();
    await written;
    const header: BackupHeader = {
      formatVersion: BACKUP_FORMAT_VERSION,
      schemaVersion: Math.max(0, ...snapshot.migrations),
      migrations: snapshot.migrations,
      serverEpoch: snapshot.epoch,
      takenAt: clock().toISOString(),
      backend: db.backend,
      tables: snapshot.tables,
      photos,
      bodyBytes,
      bodySha256: hash.digest('hex'),
    };
    const headed = createWriteStream(partPath, { mode: 0o600 });
    headed.write(`${BACKUP_MAGIC}${JSON.stringify(header)}\n`);
    await pipeline(createReadStream(bodyPath), headed);
    await syncFile(partPath);
    await rename(partPath, target);
    return { file: target, header, bytes: (await stat(target)).size };
  } finally {
    gzip.destroy();
    await rm(bodyPath, { force: true });
    await rm(partPath, { force: true });
  }
}

interface Snapshot {
  tables: Array<{ name: string; rows: number }>;
  migrations: number[];
  epoch: string;
  photos: Array<{ sha256: string; size: number }>;
}

async function writeTables(tx: Queryable, gzip: Gzip): Promise<Snapshot> {
  const migrations = (
    await tx.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')
  ).rows.map((row) => Number(row.version));
  const epoch = (await tx.query<{ epoch: string }>('SELECT epoch FROM server_meta WHERE id = 1'))
    .rows[0]?.epoch;
  if (epoch === undefined) throw new Error('server_meta has no row: the database is not migrated.');
  const tables: Array<{ name: string; rows: number }> = [];
  for (const name of await tablesInLoadOrder(tx)) {
    if (tablesNotBackedUp.has(name)) continue;
    const columns = (
      await tx.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name = $1 AND is_generated = 'NEVER'
         ORDER BY ordinal_position`,
        [name],
      )
    ).rows.map((row) => row.column_name);
    await line(gzip, `T ${JSON.stringify({ name, columns })}`);
    const cursor = `backup_${tables.length}`;
    await tx.query(
      `DECLARE ${cursor} NO SCROLL CURSOR FOR
       SELECT row_to_json(t)::text AS row
       FROM (SELECT ${columns.map(quoteIdent).join(', ')} FROM ${quoteIdent(name)}) t`,
    );
    let rows = 0;
    for (;;) {
      const page = await tx.query<{ row: string }>(`FETCH ${ROWS_PER_FETCH} FROM ${cursor}`);
      for (const { row } of page.rows) await line(gzip, `R ${row}`);
      rows += page.rows.length;
      if (page.rows.length < ROWS_PER_FETCH) break;
    }
    await tx.query(`CLOSE ${cursor}`);
    tables.push({ name, rows });
  }
  const sequences = await tx.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind = 'S' ORDER BY c.relname`,
  );
  for (const { name } of sequences.rows) {
    const state = await tx.query<{ last_value: string; is_called: boolean }>(
      `SELECT last_value::text AS last_value, is_called FROM ${quoteIdent(name)}`,
    );
    const value = state.rows[0];
    if (value === undefined) continue;
    await line(
      gzip,
      `S ${JSON.stringify({ name, lastValue: value.last_value, isCalled: value.is_called })}`,
    );
  }
  const photos = tables.some((table) => table.name === 'files')
    ? (
        await tx.query<{ sha256: string; size: string }>(
          'SELECT sha256, size::text AS size FROM files ORDER BY sha256',
        )
      ).rows.map((row) => ({ sha256: row.sha256, size: Number(row.size) }))
    : [];
  return { tables, migrations, epoch, photos };
}

/**
 * The public tables, each after the tables its foreign keys point at, so a restore inserts them
 * in file order with every constraint checked. Ties (and a table's references to itself) go by
 * name: the same database always gives the same order.
 */
export async function tablesInLoadOrder(tx: Queryable): Promise<string[]> {
  const names = (
    await tx.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname`,
    )
  ).rows.map((row) => row.name);
  const references = await tx.query<{ child: string; parent: string }>(
    `SELECT child.relname AS child, parent.relname AS parent
     FROM pg_constraint k
     JOIN pg_class child ON child.oid = k.conrelid
     JOIN pg_class parent ON parent.oid = k.confrelid
     JOIN pg_namespace n ON n.oid = child.relnamespace
     WHERE k.contype = 'f' AND n.nspname = 'public'`,
  );
  const parents = new Map(names.map((name) => [name, new Set<string>()]));
  for (const { child, parent } of references.rows) {
    if (child !== parent) parents.get(child)?.add(parent);
  }
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < names.length) {
    const next =
      names.find(
        (name) => !placed.has(name) && [...(parents.get(name) ?? [])].every((p) => placed.has(p)),
      ) ?? names.find((name) => !placed.has(name));
    if (next === undefined) break;
    ordered.push(next);
    placed.add(next);
  }
  return ordered;
}

async function writePhoto(
  gzip: Gzip,
  filesRoot: string,
  photo: { sha256: string; size: number },
): Promise<boolean> {
  const blob = path.join(filesRoot, 'files', 'blobs', photo.sha256);
  let handle;
  try {
    handle = await open(blob, 'r');
  } catch (error) {
    // Listed but missing on disk: said by the restore's count, never a failed backup.
    if ((error as { code?: unknown }).code === 'ENOENT') return false;
    throw error;
  }
  try {
    const { size } = await handle.stat();
    await line(gzip, `F ${JSON.stringify({ sha256: photo.sha256, size })}`);
    const buffer = Buffer.alloc(PHOTO_CHUNK_BYTES);
    let position = 0;
    while (position < size) {
      const { bytesRead } = await handle.read(buffer, 0, PHOTO_CHUNK_BYTES, position);
      if (bytesRead === 0) break;
      await line(gzip, `B ${buffer.subarray(0, bytesRead).toString('base64')}`);
      position += bytesRead;
    }
  } finally {
    await handle.close();
  }
  return true;
}

/** Writes one line, waiting when the compressor's buffer is full (memory stays bounded). */
async function line(gzip: Gzip, text: string): Promise<void> {
  if (!gzip.write(`${text}\n`)) {
    await new Promise<void>((resolve) => gzip.once('drain', resolve));
  }
}

async function syncFile(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
