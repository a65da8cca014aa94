import { statSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ExportFile } from '../electron/exports/byte-sink.ts';
import { runExport } from '../electron/exports/run-export.ts';
import type { Db } from '../electron/store/encrypted-database.ts';
import type { ExportFormat } from '../shared/ipc/procedures/exports.ts';

/**
 * One export of the whole store as the export handlers run it (runExport into a file, a page of
 * records at a time), timed, with the process's peak RSS sampled while it runs: issue 16's goals
 * are an XLSX of 100k items under 15 s and peak memory under 400 MB whatever the size.
 */
export async function measureExport(
  db: Db,
  dir: string,
  format: ExportFormat,
): Promise<{ seconds: number; peakRssMb: number; rows: number; megabytes: number }> {
  const file = path.join(dir, `bench-export.${format === 'csv_zip' ? 'zip' : format}`);
  global.gc?.();
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const started = performance.now();
  const sink = new ExportFile(file);
  const summary = await runExport(db, sink, {
    options: { format, finalOnly: false, includePersonalData: false, includePhotos: false },
    readPhoto: () => Promise.resolve(null),
    onProgress: () => undefined,
    cancelled: () => false,
  });
  sink.complete();
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  return {
    seconds,
    peakRssMb: peak / 2 ** 20,
    rows: Object.values(summary.rows).reduce((sum, n) => sum + n, 0),
    megabytes: statSync(file).size / 2 ** 20,
  };
}
