import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openEncryptedDatabase } from '../electron/store/encrypted-database.ts';
import type { ExportFormat } from '../shared/ipc/procedures/exports.ts';
import { measureExport } from './export-measure.ts';

/**
 * One export measured in a process of its own (`node --expose-gc bench/export-run.ts DB KEY_HEX
 * FORMAT`), as the app's main process runs it over an unlocked store: the benchmark that built a
 * million items keeps the memory building them took, which says nothing about the export. Prints
 * one JSON line with the export's peak RSS (the whole process: Node, the store's page cache and
 * the export).
 */
const [file, keyHex, format = 'xlsx'] = process.argv.slice(2);
if (file === undefined || keyHex === undefined)
  throw new Error('Usage: export-run.ts DB KEY FORMAT');
const db = openEncryptedDatabase(file, Buffer.from(keyHex, 'hex'), { create: false });
const dir = mkdtempSync(path.join(os.tmpdir(), 'salw-bench-export-'));
try {
  console.log(JSON.stringify(await measureExport(db, dir, format as ExportFormat)));
} finally {
  db.close();
  rmSync(dir, { recursive: true, force: true });
}
