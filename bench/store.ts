import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3-multiple-ciphers';
import type { IntakeEventDraft } from '../shared/domain/intake-event.ts';
import { calibratePassphraseCost, recoveryCodeCost } from '../electron/keys/kdf.ts';
import { createKeyring, unwrapWithPassphrase } from '../electron/keys/keyring.ts';
import { appendAuditEntry } from '../electron/store/audit-log.ts';
import { openEncryptedDatabase, type Db } from '../electron/store/encrypted-database.ts';
import { listIntakes, writeIntake } from '../electron/store/intake-repository.ts';
import { migrate } from '../electron/store/migrations/index.ts';
import { appendOutbox } from '../electron/store/outbox.ts';
import { insertUser } from '../electron/store/users-repository.ts';
import { makeIntakeEvent, serialOf, WEAPONS_PER_EVENT } from './intake-fixture.ts';

/**
 * `npm run bench:store`: the same workload on plain SQLite and on the encrypted store (AEGIS-256,
 * raw key, the app's pragmas), in one run, so the ratio is measured on the same machine at the
 * same moment. The last line is one JSON object (issue "Encrypted local store…", benchmark).
 */
const ITEMS = Number(process.env.BENCH_ITEMS ?? 100_000);
const EVENTS = ITEMS / WEAPONS_PER_EVENT;
const SAVES = 400;
const READS = 2_000;
const PAGES = 200;
const AGGREGATES = 20;

const dek = randomBytes(32);
const dbId = randomUUID();
const userId = randomUUID();
const dir = mkdtempSync(path.join(os.tmpdir(), 'salw-bench-'));

type Variant = 'plain' | 'encrypted';

/** Each write round gets a fresh file; reads use the last one written for the variant. */
const generation: Record<Variant, number> = { plain: 0, encrypted: 0 };

function open(variant: Variant): Db {
  const file = path.join(dir, `${variant}-${generation[variant]}.db`);
  if (variant === 'encrypted') return openEncryptedDatabase(file, dek, { create: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('temp_store = MEMORY');
  db.pragma('foreign_keys = ON');
  db.pragma('cache_size = -32768');
  // The encrypted store runs quick_check at open; so does plain, or only one side starts warm.
  db.pragma('quick_check');
  return db;
}

/** Reads must decrypt pages, not hit a warm cache: reopen with a small (2 MiB) page cache. */
function reopen(db: Db, variant: Variant): Db {
  db.close();
  const fresh = open(variant);
  fresh.pragma('cache_size = -2000');
  return fresh;
}

function row(event: IntakeEventDraft, at: string) {
  return {
    event,
    revision: 1,
    status: 'draft' as const,
    createdAt: at,
    createdBy: userId,
    updatedAt: at,
    updatedBy: userId,
    finalisedAt: null,
    finalisedBy: null,
  };
}

function time(work: () => void): number {
  const start = performance.now();
  work();
  return performance.now() - start;
}

function prepare(db: Db, locationId: string): void {
  migrate(db);
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('db_id', dbId);
  insertUser(
    db,
    { id: userId, name: 'Bench', role: 'field_officer', createdAt: new Date().toISOString() },
    null,
  );
  db.prepare(
    `INSERT INTO locations (id, location_type, name, jurisdiction, data_json, created_at, created_by)
     VALUES (?, 'border_crossing_road', 'Batrovci', 'RS', '{}', ?, ?)`,
  ).run(locationId, new Date().toISOString(), userId);
}

/** Built once and used for both variants: the same records, the same order. */
interface Workload {
  readonly locationId: string;
  readonly events: readonly IntakeEventDraft[];
  readonly saves: readonly IntakeEventDraft[];
}

function buildWorkload(): Workload {
  const locationId = randomUUID();
  return {
    locationId,
    events: Array.from({ length: EVENTS }, (_, index) => makeIntakeEvent(index, locationId)),
    saves: Array.from({ length: SAVES }, (_, n) => makeIntakeEvent(EVENTS + n, locationId)),
  };
}

/** Writes: the bulk load and the single-record saves, into a new database file. */
function runWrites(variant: Variant, { locationId, events, saves }: Workload) {
  generation[variant] += 1;
  // Earlier rounds' dirty pages must not be written back on this round's time.
  execFileSync('sync');
  const db = open(variant);
  prepare(db, locationId);
  const at = new Date().toISOString();

  const bulk = time(() => {
    for (let start = 0; start < events.length; start += 250) {
      db.transaction(() => {
        for (const event of events.slice(start, start + 250)) writeIntake(db, row(event, at));
      })();
    }
  });

  // One save as the app does it: record + audit entry + outbox row in one FULL-synced transaction.
  const saveTimes: number[] = [];
  const singleSave = time(() => {
    for (const event of saves) {
      saveTimes.push(
        time(() =>
          db.transaction(() => {
            writeIntake(db, row(event, at));
            appendAuditEntry(db, dbId, {
              at,
              userId,
              action: 'intake.draft_created',
              entity: 'intake_event',
              entityId: event.id,
              before: null,
              after: event,
            });
            appendOutbox(db, {
              entity: 'intake_event',
              entityId: event.id,
              op: 'create',
              baseRevision: 0,
              payload: event,
              createdAt: at,
              createdBy: userId,
            });
          })(),
        ),
      );
    }
  });
  db.close();
  saveTimes.sort((a, b) => a - b);
  return { bulk, singleSave, saveTimes };
}

/** Reads, each on a freshly opened database with a small cache, so pages really are read. */
function runReads(variant: Variant) {
  let db = reopenFresh(variant);
  const bySerial = db.prepare(
    `SELECT e.data_json FROM weapon_items w JOIN intake_events e ON e.id = w.intake_event_id WHERE w.serial_normalised = ?`,
  );
  const pointRead = time(() => {
    for (let n = 0; n < READS; n += 1) {
      const event = (n * 7919) % EVENTS;
      const found = bySerial.get(serialOf(event, n % WEAPONS_PER_EVENT).replaceAll('-', ''));
      if (found === undefined) throw new Error('point read missed');
    }
  });

  db = reopen(db, variant);
  const listPage = time(() => {
    for (let n = 0; n < PAGES; n += 1) {
      const result = listIntakes(db, {
        context: n % 2 === 0 ? 'seized' : undefined,
        from: '2021-01-01',
        to: '2024-12-31',
        limit: 50,
        offset: (n * 37) % Math.max(1, Math.floor(EVENTS / 10)),
      });
      if (result.rows.length === 0) throw new Error('empty page');
    }
  });

  db = reopen(db, variant);
  const aggregateStatement = db.prepare(
    `SELECT weapon_type, substr(occurred_on, 1, 7) AS month, count(*) AS n
     FROM weapon_items GROUP BY weapon_type, month ORDER BY month, weapon_type`,
  );
  const aggregate = time(() => {
    for (let n = 0; n < AGGREGATES; n += 1) aggregateStatement.all();
  });
  db.close();
  return { pointRead, listPage, aggregate };
}

function reopenFresh(variant: Variant): Db {
  const db = open(variant);
  db.pragma('cache_size = -2000');
  return db;
}

const mean = (values: number[]): number =>
  values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

/** Unlock as a person does it: Argon2id at the production cost, unwrap the key, open the file. */
/**
 * Unlock as a person does it: Argon2id at this machine's calibrated cost, unwrap the key, then
 * open the database with all the items in it (the open includes quick_check, which reads every
 * page, so the figure grows with the data and is measured on the full database).
 */
async function measureUnlock(): Promise<{ kdfMs: number; openMs: number }> {
  const passphrase = 'Bench-Unlock-Passphrase-1!';
  const keyring = await createKeyring({
    dek,
    user: { userId, label: 'Bench' },
    passphrase,
    recoveryCode: 'A'.repeat(32),
    passphraseCost: await calibratePassphraseCost(),
    recoveryCost: recoveryCodeCost,
  });
  execFileSync('sync');
  const start = performance.now();
  const unwrapped = await unwrapWithPassphrase(keyring, userId, passphrase);
  if (unwrapped === null) throw new Error('unlock failed');
  const derived = performance.now();
  const file = path.join(dir, `encrypted-${generation.encrypted}.db`);
  openEncryptedDatabase(file, unwrapped.dek, { create: false }).close();
  return { kdfMs: derived - start, openMs: performance.now() - derived };
}

async function main(): Promise<void> {
  try {
    const workload = buildWorkload();
    // Writes run twice per variant in ABBA order (plain, encrypted, encrypted, plain) and report
    // the mean, so neither variant always runs first on a fresh disk cache.
    const rounds = (['plain', 'encrypted', 'encrypted', 'plain'] as const).map((variant) => ({
      variant,
      result: runWrites(variant, workload),
    }));
    const writesOf = (variant: Variant) => {
      const mine = rounds.filter((round) => round.variant === variant).map((round) => round.result);
      const saveTimes = mine.flatMap((result) => result.saveTimes).sort((a, b) => a - b);
      return {
        bulk: mean(mine.map((result) => result.bulk)),
        singleSave: mean(mine.map((result) => result.singleSave)),
        saveP95: saveTimes[Math.floor(saveTimes.length * 0.95)] ?? 0,
      };
    };
    const writes = { plain: writesOf('plain'), encrypted: writesOf('encrypted') };
    // Reads alternate between the variants, three rounds each, and report the median: neither
    // variant gets the warmer machine.
    const reads = {
      plain: [] as ReturnType<typeof runReads>[],
      encrypted: [] as ReturnType<typeof runReads>[],
    };
    for (let round = 0; round < 3; round += 1) {
      reads.plain.push(runReads('plain'));
      reads.encrypted.push(runReads('encrypted'));
    }
    const measured = (variant: Variant) => ({
      bulk_insert: writes[variant].bulk,
      single_record_save: writes[variant].singleSave,
      point_read_by_serial: median(reads[variant].map((r) => r.pointRead)),
      list_page: median(reads[variant].map((r) => r.listPage)),
      aggregate_by_type_and_month: median(reads[variant].map((r) => r.aggregate)),
    });
    const plain = { figures: measured('plain') };
    const encrypted = { figures: measured('encrypted'), saveP95: writes.encrypted.saveP95 };
    const figures: Record<string, { plain_ms: number; encrypted_ms: number; ratio: number }> = {};
    for (const name of Object.keys(plain.figures) as (keyof typeof plain.figures)[]) {
      const plainMs = plain.figures[name];
      const encryptedMs = encrypted.figures[name];
      figures[name] = {
        plain_ms: round(plainMs),
        encrypted_ms: round(encryptedMs),
        ratio: round(encryptedMs / plainMs, 3),
      };
      process.stderr.write(
        `${name}: plain ${round(plainMs)} ms, encrypted ${round(encryptedMs)} ms\n`,
      );
    }
    const unlock = await measureUnlock();
    process.stderr.write(
      `unlock: key derivation ${round(unlock.kdfMs)} ms, open with quick_check ${round(unlock.openMs)} ms\n`,
    );
    const unlockMs = unlock.kdfMs + unlock.openMs;
    process.stdout.write(
      `${JSON.stringify({ items: ITEMS, figures, save_p95_ms: round(encrypted.saveP95, 3), unlock_ms: round(unlockMs) })}\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

await main();
