import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { measureImport } from './intake-import.ts';

/**
 * One import measured in a process of its own (`node --expose-gc bench/intake-import-run.ts
 * ROWS`): a process that ran another import first keeps the memory it grew, so two sizes compared
 * in one process say nothing about growth. Prints one JSON line.
 */
const rows = Number(process.argv[2] ?? 100_000);
const dir = mkdtempSync(path.join(os.tmpdir(), 'salw-bench-import-'));
try {
  console.log(JSON.stringify(await measureImport(dir, rows)));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
