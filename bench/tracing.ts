import { execFileSync } from 'node:child_process';
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
import pg from 'pg';
import { issueEnrollmentCode } from '../server/auth/enrollment.ts';
import type { Database } from '../server/db/database.ts';
import { lockHolders } from '../server/db/data-dir-lock.ts';
import { openDatabase } from '../server/db/open-database.ts';
import { buildServer } from '../server/http/build-server.ts';
import { ServerConfigSchema } from '../server/server-config.ts';
import {
  EnrollResponseSchema,
  SYNC_PROTOCOL_VERSION,
  syncRoutes,
} from '../shared/sync/protocol.ts';
import { serialOf, WEAPONS_PER_EVENT, writeFinalIntakes } from './intake-fixture.ts';

/**
 * `npm run bench:tracing` (issue 15): the serial check over an encrypted store of 1M weapons
 * (`BENCH_ITEMS` changes it), as the editor runs it on a pause in typing: whole serials typed as
 * read (other case, spacing, a Cyrillic look-alike), starts of serials shared by thousands, and
 * serials nobody has. The last line is one JSON object. Goal: p95 under 30 ms.
 * Then the server's lookup (POST /v1/items/serial-lookup) over loopback HTTP, by an enrolled
 * device, on PostgreSQL holding as many items (written straight in with generate_series: the
 * lookup reads rows, it does not care how they came). Goal: p95 under 50 ms.
 * The import: `BENCH_IMPORT_ROWS` (100k) weapon rows from a CSV through the import handlers into a
 * fresh encrypted store, sent in parts, preview and confirm; goal under 30 s, with memory that does
 * not grow with the file: its peak RSS growth is compared with a quarter of the file's.
 */
const ITEMS = Number(process.env.BENCH_ITEMS ?? 1_000_000);
const CHECKS = 600;
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);

/** One import measured in a process of its own. */
function importInChild(rows: number): { seconds: number; rssGrowthMb: number; events: number } {
  const output = execFileSync(
    process.execPath,
    ['--expose-gc', path.join(import.meta.dirname, 'intake-import-run.ts'), String(rows)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as {
    seconds: number;
    rssGrowthMb: number;
    events: number;
  };
}

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

/** Serials typed as in the local check: as read, in Cyrillic, a start, and unknown ones. */
function typedSerial(n: number, events: number): string {
  const event = Math.floor(Math.random() * events);
  const weapon = Math.floor(Math.random() * WEAPONS_PER_EVENT);
  const serial = serialOf(event, weapon);
  switch (n % 4) {
    case 0:
      return serial.toLowerCase().replace(/-/g, ' ');
    case 1:
      return `\u0410\u041A${serial.slice(2)}`;
    case 2:
      return serial.slice(0, 7);
    default:
      return `ZX-${event}-${weapon}`;
  }
}

const POSTGRES_ADMIN_URL =
  process.env.SALW_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The sync API on a throwaway PostgreSQL database, listening on loopback, with one laptop. */
async function startServer(): Promise<{
  db: Database;
  url: string;
  credential: string;
  stop: () => Promise<void>;
}> {
  const name = `salw_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const databaseUrl = new URL(POSTGRES_ADMIN_URL);
  databaseUrl.pathname = `/${name}`;
  const config = ServerConfigSchema.parse({
    host: '127.0.0.1',
    port: 0,
    dataDir: path.join(dir, 'server'),
    databaseUrl: databaseUrl.toString(),
  });
  const db = await openDatabase(config, lockHolders.benchmark);
  const app = await buildServer({ config, db, log: false });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const { code } = await issueEnrollmentCode(db, 'Bench laptop', new Date(), 30);
  const response = await fetch(`${url}${syncRoutes.enroll}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, protocolVersion: SYNC_PROTOCOL_VERSION, appVersion: 'bench' }),
  });
  const { credential } = EnrollResponseSchema.parse(await response.json());
  return {
    db,
    url,
    credential,
    async stop() {
      await app.close();
      await db.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

async function serverLookupP95(): Promise<number> {
  const started = performance.now();
  const server = await startServer();
  const device = { credential: server.credential };
  try {
    const events = Math.ceil(ITEMS / WEAPONS_PER_EVENT);
    await server.db.query(
      `INSERT INTO records (id, entity, version, server_rev, status, data, created_by, updated_by,
         received_at)
       SELECT 'ev-' || n, 'intake_event', 1, 1, 'final',
         jsonb_build_object('id', 'ev-' || n, 'recordNumber', 'RS7QK-' || lpad(n::text, 6, '0')),
         $2::uuid, $2::uuid, now()
       FROM generate_series(0, $1 - 1) AS n`,
      [events, userId],
    );
    await server.db.query(
      `INSERT INTO items (id, intake_event_id, record_rev, kind, position, item_type, category,
         serial_number, serial_normalised, manufacturer, model, calibre, quantity_amount,
         quantity_unit, lifecycle_status, trace_status, intake_context, occurred_on,
         record_status)
       SELECT 'it-' || n || '-' || w, 'ev-' || n, 1, 'weapon', w, 'assault_rifle', 'small_arm',
         'AK-' || n || '-' || w, 'AK' || n || w, 'Zastava', 'M70', '7.62x39', 1, 'pieces',
         CASE WHEN (n + w) % 100 = 0 THEN 'destroyed' ELSE 'in_custody' END, 'not_attempted',
         'seized', '2026-03-01', 'final'
       FROM generate_series(0, $1 - 1) AS n, generate_series(0, $2 - 1) AS w
       WHERE n * $2 + w < $3`,
      [events, WEAPONS_PER_EVENT, ITEMS],
    );
    await server.db.query('ANALYZE items');
    await server.db.query('ANALYZE records');
    process.stderr.write(
      `server: ${ITEMS} items in PostgreSQL in ${round((performance.now() - started) / 1000)} s\n`,
    );
    const lookUp = async (serial: string) => {
      const response = await fetch(`${server.url}${syncRoutes.serialLookup}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${device.credential}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ serial, manufacturer: 'Zastava' }),
      });
      if (response.status !== 200) throw new Error(`lookup ${response.status}`);
      return (await response.json()) as { matches: unknown[] };
    };
    for (let n = 0; n < 50; n += 1) await lookUp(typedSerial(n, events));
    const times: number[] = [];
    let found = 0;
    for (let n = 0; n < CHECKS; n += 1) {
      const serial = typedSerial(n, events);
      const start = performance.now();
      const result = await lookUp(serial);
      times.push(performance.now() - start);
      if (result.matches.length > 0) found += 1;
    }
    process.stderr.write(
      `server: ${CHECKS} lookups, ${found} with matches; median ${round(percentile(times, 50))} ms, ` +
        `max ${round(Math.max(...times))} ms\n`,
    );
    return round(percentile(times, 95));
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  try {
    const started = performance.now();
    const { db, events } = buildStore();
    process.stderr.write(
      `built ${ITEMS} weapons in ${round((performance.now() - started) / 1000)} s\n`,
    );
    // Serials look like "AK-<event>-<weapon>": "AK-1234" begins thousands of them.
    const typed = (n: number): string => typedSerial(n, events);
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
    const serverP95 = await serverLookupP95();
    // Each import in a fresh process (see intake-import-run.ts); a quarter of the file too:
    // memory that does not grow with the file gives a ratio near 1.
    const imported = importInChild(IMPORT_ROWS);
    const quarter = importInChild(IMPORT_ROWS / 4);
    process.stderr.write(
      `imported ${IMPORT_ROWS / 4} rows: peak RSS growth ${round(quarter.rssGrowthMb)} MiB; ` +
        `${IMPORT_ROWS} rows (${imported.events} events) in ${round(imported.seconds)} s, ` +
        `peak RSS growth ${round(imported.rssGrowthMb)} MiB\n`,
    );
    console.log(
      JSON.stringify({
        items: ITEMS,
        serial_check_p95_ms: round(percentile(times, 95)),
        server_lookup_p95_ms: serverP95,
        import_100k_s: round(imported.seconds),
        import_peak_rss_growth_mb: round(imported.rssGrowthMb),
        import_rss_growth_vs_quarter_file: round(imported.rssGrowthMb / quarter.rssGrowthMb),
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
