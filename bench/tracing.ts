import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { databasePath } from '../electron/store/device-database.ts';
import { openEncryptedDatabase, type Db } from '../electron/store/encrypted-database.ts';
import { writeLocation } from '../electron/store/locations-repository.ts';
import { migrate } from '../electron/store/migrations/index.ts';
import { findSerialMatches } from '../electron/store/serial-check-queries.ts';
import { insertUser } from '../electron/store/users-repository.ts';
import { serialOf, WEAPONS_PER_EVENT, writeFinalIntakes } from './intake-fixture.ts';
import { measureImport } from './intake-import.ts';

/**
 * `npm run bench:tracing` (issue 15): the serial check over an encrypted store of 1M weapons
 * (`BENCH_ITEMS` changes it), as the editor runs it on a pause in typing: whole serials typed as
 * read (other case, spacing, a Cyrillic look-alike), starts of serials shared by thousands, and
 * serials nobody has. The last line is one JSON object. Goal: p95 under 30 ms.
 * The import: `BENCH_IMPORT_ROWS` (100k) weapon rows from a CSV through the import handlers into a
 * fresh encrypted store, preview and confirm; goal under 30 s.
 * Not measured yet (null in the JSON): the server lookup.
 */
const ITEMS = Number(process.env.BENCH_ITEMS ?? 1_000_000);
const CHECKS = 600;
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);

const dir = mkdtempSync(path.join(os.tmpdir(), 'salw-bench-tracing-'));
const dataDir = path.join(dir, 'data');
const userId = randomUUID();

function buildStore(): { db: Db; events: number } {
  mkdirSync(dataDir, { recursive: true });
  const db = openEncryptedDatabase(databasePath(dataDir), randomBytes(32), { create: true });
  migrate(db);
  const at = new Date().toISOString();
  insertUser(db, { id: userId, name: 'Bench Officer', role: 'administrator', createdAt: at }, null);
  const place = randomUUID();
  writeLocation(
    db,
    {
      id: place,
      locationType: 'border_crossing_road',
      name: 'Border crossing',
      jurisdiction: 'RS',
    },
    at,
    userId,
    1,
  );
  const events = Math.ceil(ITEMS / WEAPONS_PER_EVENT);
  writeFinalIntakes(db, events, { locationId: place, userId, at });
  return { db, events };
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

const round = (value: number) => Math.round(value * 100) / 100;

async function main(): Promise<void> {
  try {
    const started = performance.now();
    const { db, events } = buildStore();
    process.stderr.write(
      `built ${ITEMS} weapons in ${round((performance.now() - started) / 1000)} s\n`,
    );
    // Serials look like "AK-<event>-<weapon>": "AK-1234" begins thousands of them.
    const typed = (n: number): string => {
      const event = Math.floor(Math.random() * events);
      const weapon = Math.floor(Math.random() * WEAPONS_PER_EVENT);
      const serial = serialOf(event, weapon);
      switch (n % 4) {
        case 0:
          return serial.toLowerCase().replace(/-/g, ' ');
        case 1:
          // The Cyrillic А and К of "АК".
          return `\u0410\u041A${serial.slice(2)}`;
        case 2:
          return serial.slice(0, 7);
        default:
          return `ZX-${event}-${weapon}`;
      }
    };
    // Warm the page cache as a laptop in use has it.
    for (let n = 0; n < 50; n += 1) findSerialMatches(db, { serial: typed(n) });
    const times: number[] = [];
    let found = 0;
    for (let n = 0; n < CHECKS; n += 1) {
      const serial = typed(n);
      const start = performance.now();
      const result = findSerialMatches(db, { serial, manufacturer: 'Zastava' });
      times.push(performance.now() - start);
      if (result.matches.length > 0) found += 1;
    }
    process.stderr.write(
      `${CHECKS} checks, ${found} with matches; median ${round(percentile(times, 50))} ms, ` +
        `max ${round(Math.max(...times))} ms\n`,
    );
    db.close();
    const imported = await measureImport(dir, IMPORT_ROWS);
    process.stderr.write(
      `imported ${IMPORT_ROWS} rows (${imported.events} events) in ${round(imported.seconds)} s, ` +
        `peak RSS growth ${round(imported.rssGrowthMb)} MiB\n`,
    );
    console.log(
      JSON.stringify({
        items: ITEMS,
        serial_check_p95_ms: round(percentile(times, 95)),
        server_lookup_p95_ms: null,
        import_100k_s: round(imported.seconds),
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
