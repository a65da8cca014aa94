import { setImmediate as yieldToEvents } from 'node:timers/promises';
import {
  exportedEntities,
  exportTablesOf,
  rowsOfRecord,
  type ExportedEntity,
  type ExportTable,
} from '../../shared/exports/export-tables.ts';
import type { ExportOptions } from '../../shared/ipc/procedures/exports.ts';
import type { Db } from '../store/encrypted-database.ts';
import type { ByteSink } from './byte-sink.ts';
import { CsvZipTableWriter, XlsxTableWriter, type TableWriter } from '../../shared/exports/table-writers.ts';

/** Where each exported record type is kept on the laptop. */
const sourceOf: Readonly<Record<ExportedEntity, { table: string; where: string }>> = {
  intake_event: { table: 'intake_events', where: '' },
  location: { table: 'locations', where: '' },
  campaign: { table: 'campaigns', where: '' },
  custody_transfer: { table: 'custody_records', where: "AND entity = 'custody_transfer'" },
  custody_decision: { table: 'custody_records', where: "AND entity = 'custody_decision'" },
  destruction_event: { table: 'custody_records', where: "AND entity = 'destruction_event'" },
  stock_check: { table: 'custody_records', where: "AND entity = 'stock_check'" },
  loss_incident: { table: 'custody_records', where: "AND entity = 'loss_incident'" },
  trace_request: { table: 'trace_requests', where: '' },
  historic_count: { table: 'historic_counts', where: '' },
};

/** Records read per query: pages, so no statement stays open across an await. */
const page = 500;

interface StoredRow {
  rowid: number;
  id: string;
  revision: number;
  created_at: string;
  created_by: string;
  data_json: string;
}

export interface ExportProgress {
  /** Records read so far, over all passes, and how many there are to read. */
  done: number;
  total: number;
}

export interface ExportRun {
  readonly options: ExportOptions;
  /** Photos by SHA-256, read from the encrypted blob store (only the zip of CSVs takes them). */
  readonly readPhoto: (sha256: string) => Promise<Buffer | null>;
  readonly onProgress: (progress: ExportProgress) => void;
  readonly cancelled: () => boolean;
}

export class ExportCancelled extends Error {}

export interface ExportSummary {
  /** Rows written per table (or features per record type, for GeoJSON). */
  readonly rows: Record<string, number>;
  /** Draft records left out (final records only was asked for). */
  readonly draftsLeftOut: number;
  readonly photos: number;
}

function whereOf(entity: ExportedEntity, finalOnly: boolean): string {
  const { where } = sourceOf[entity];
  return entity === 'intake_event' && finalOnly ? `${where} AND status = 'final'` : where;
}

/** Every record of a type, a page at a time, yielding to other work between pages. */
async function* recordsOf(
  db: Db,
  entity: ExportedEntity,
  finalOnly: boolean,
): AsyncGenerator<{ meta: StoredRow; record: Record<string, unknown> }> {
  const { table } = sourceOf[entity];
  const statement = db.prepare(
    `SELECT rowid, id, revision, created_at, created_by, data_json FROM ${table}
     WHERE rowid > ? ${whereOf(entity, finalOnly)} ORDER BY rowid LIMIT ${page}`,
  );
  for (let after = 0; ;) {
    const rows = statement.all(after) as StoredRow[];
    for (const row of rows) {
      yield { meta: row, record: JSON.parse(row.data_json) as Record<string, unknown> };
    }
    if (rows.length < page) return;
    after = rows.at(-1)?.rowid ?? after;
    await yieldToEvents();
  }
}

function countOf(db: Db, entity: ExportedEntity, finalOnly: boolean): number {
  const { table } = sourceOf[entity];
  return (
    db
      .prepare(`SELECT count(*) AS n FROM ${table} WHERE 1 = 1 ${whereOf(entity, finalOnly)}`)
      .get() as { n: number }
  ).n;
}

function draftsOf(db: Db, finalOnly: boolean): number {
  if (!finalOnly) return 0;
  return (
    db.prepare("SELECT count(*) AS n FROM intake_events WHERE status <> 'final'").get() as {
      n: number;
    }
  ).n;
}

/** The photos the exported records name, by SHA-256 (a photo list holds objects with sha256). */
function photosOf(record: unknown, into: Set<string>): void {
  if (Array.isArray(record)) {
    for (const value of record) photosOf(value, into);
  } else if (typeof record === 'object' && record !== null) {
    for (const [key, value] of Object.entries(record)) {
      if (key === 'photos' && Array.isArray(value)) {
        for (const photo of value) {
          const sha256 = (photo as { sha256?: unknown } | null)?.sha256;
          if (typeof sha256 === 'string') into.add(sha256);
        }
      } else photosOf(value, into);
    }
  }
}

const photoExtension: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
};

/**
 * Writes the export from `db` (a connection of its own, inside one read transaction: the export
 * is one snapshot of the store, whatever is saved while it runs). Tables go one after another,
 * each a pass over its record type's rows, so memory holds one page of records and one piece of
 * output, however large the store.
 */
export async function runExport(db: Db, sink: ByteSink, run: ExportRun): Promise<ExportSummary> {
  const { options } = run;
  const finalOnly = options.finalOnly;
  const personalData = options.includePersonalData;
  const draftsLeftOut = draftsOf(db, finalOnly);
  if (options.format === 'geojson') return writeGeoJson(db, sink, run, draftsLeftOut);

  const writer: TableWriter =
    options.format === 'xlsx' ? new XlsxTableWriter(sink) : new CsvZipTableWriter(sink);
  const plan: ExportTable[] = exportedEntities.flatMap((entity) =>
    exportTablesOf(entity, { personalData }),
  );
  const counts = new Map(exportedEntities.map((e) => [e, countOf(db, e, finalOnly)]));
  const progress: ExportProgress = {
    done: 0,
    total: plan.reduce((sum, table) => sum + (counts.get(table.entity) ?? 0), 0),
  };
  const rows: Record<string, number> = {};
  const photos = new Set<string>();
  for (const table of plan) {
    // Between tables too: a small store's export must still be cancellable.
    await yieldToEvents();
    if (run.cancelled()) throw new ExportCancelled();
    writer.beginTable(table.name, table.columns);
    let written = 0;
    for await (const { meta, record } of recordsOf(db, table.entity, finalOnly)) {
      for (const row of rowsOfRecord(table, record, {
        id: meta.id,
        revision: meta.revision,
        createdAt: meta.created_at,
        createdBy: meta.created_by,
      })) {
        writer.row(row);
        written += 1;
      }
      if (options.includePhotos && table.listPath.length === 0) photosOf(record, photos);
      progress.done += 1;
      if (progress.done % page === 0) {
        if (run.cancelled()) throw new ExportCancelled();
        run.onProgress(progress);
      }
    }
    writer.endTable();
    rows[table.name] = written;
  }
  let photoCount = 0;
  if (options.includePhotos && writer.addPhoto !== undefined) {
    for (const sha256 of photos) {
      if (run.cancelled()) throw new ExportCancelled();
      const bytes = await run.readPhoto(sha256);
      if (bytes === null) continue;
      const mime = (
        db.prepare('SELECT mime FROM attachments WHERE sha256 = ?').get(sha256) as
          { mime: string } | undefined
      )?.mime;
      writer.addPhoto(`photos/${sha256}.${photoExtension[mime ?? ''] ?? 'bin'}`, bytes);
      photoCount += 1;
    }
  }
  if (run.cancelled()) throw new ExportCancelled();
  writer.finish();
  run.onProgress({ done: progress.total, total: progress.total });
  return { rows, draftsLeftOut, photos: photoCount };
}

/** A record's point, where it has one: lat and lon (WGS 84), its own (a place) or `coordinates`. */
function pointOf(record: Record<string, unknown>): [number, number] | null {
  const at = (record.coordinates ?? record) as { lat?: unknown; lon?: unknown };
  if (typeof at.lat !== 'number' || typeof at.lon !== 'number') return null;
  return [at.lon, at.lat];
}

/**
 * GeoJSON (RFC 7946) of every record with coordinates: one Feature per record, its properties the
 * record's own table's columns (personal data left out as for the tables), "entity" naming its type.
 */
async function writeGeoJson(
  db: Db,
  sink: ByteSink,
  run: ExportRun,
  draftsLeftOut: number,
): Promise<ExportSummary> {
  const { finalOnly, includePersonalData } = run.options;
  const encoder = new TextEncoder();
  let buffered: string[] = ['{"type":"FeatureCollection","features":['];
  let length = 0;
  const flush = () => {
    sink.write(encoder.encode(buffered.join('')));
    buffered = [];
    length = 0;
  };
  const progress: ExportProgress = {
    done: 0,
    total: exportedEntities.reduce((sum, e) => sum + countOf(db, e, finalOnly), 0),
  };
  const rows: Record<string, number> = {};
  let first = true;
  for (const entity of exportedEntities) {
    const [table] = exportTablesOf(entity, { personalData: includePersonalData });
    if (table === undefined) continue;
    let features = 0;
    for await (const { meta, record } of recordsOf(db, entity, finalOnly)) {
      progress.done += 1;
      if (progress.done % page === 0) {
        if (run.cancelled()) throw new ExportCancelled();
        run.onProgress(progress);
      }
      const point = pointOf(record);
      if (point === null) continue;
      const [cells] = [
        ...rowsOfRecord(table, record, {
          id: meta.id,
          revision: meta.revision,
          createdAt: meta.created_at,
          createdBy: meta.created_by,
        }),
      ];
      const properties: Record<string, unknown> = { entity };
      table.columns.forEach((column, index) => {
        const value = cells?.[index];
        if (value !== null && value !== undefined) properties[column] = value;
      });
      const feature = JSON.stringify({
        type: 'Feature',
        id: meta.id,
        geometry: { type: 'Point', coordinates: point },
        properties,
      });
      buffered.push(first ? feature : `,${feature}`);
      length += feature.length;
      first = false;
      features += 1;
      if (length >= 64 * 1024) flush();
    }
    rows[entity] = features;
  }
  if (run.cancelled()) throw new ExportCancelled();
  buffered.push(']}');
  flush();
  run.onProgress({ done: progress.total, total: progress.total });
  return { rows, draftsLeftOut, photos: 0 };
}
