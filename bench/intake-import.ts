import { randomBytes, randomUUID } from 'node:crypto';
import {
  appendFileSync,
  closeSync,
  mkdirSync,
  openSync,
  readSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { templateColumnNames } from '../shared/import/intake-template.ts';
import { importPartBytes } from '../shared/ipc/procedures/import.ts';
import { importHandlers } from '../electron/services/import-handlers.ts';
import type { IdleLock } from '../electron/session/idle-lock.ts';
import type { Session } from '../electron/session/session.ts';
import { databasePath } from '../electron/store/device-database.ts';
import { openEncryptedDatabase } from '../electron/store/encrypted-database.ts';
import { writeLocation } from '../electron/store/locations-repository.ts';
import { migrate } from '../electron/store/migrations/index.ts';
import { startRecordNumbering } from '../electron/store/record-numbers.ts';
import { findUser, insertUser } from '../electron/store/users-repository.ts';

/** Weapons per imported event: a seizure of a few rifles, as registers list them. */
const ROWS_PER_EVENT = 4;

/**
 * The import of `rows` item rows (issue 15 goal: 100k under 30 s, memory not growing with the
 * file): a CSV in the template, written to `dir`, read and imported through the handlers
 * (preview, then confirm) into a fresh encrypted store. Returns seconds and peak RSS growth.
 */
export async function measureImport(
  dir: string,
  rows: number,
): Promise<{ seconds: number; rssGrowthMb: number; events: number }> {
  const dataDir = path.join(dir, 'import-data');
  mkdirSync(dataDir, { recursive: true });
  const db = openEncryptedDatabase(databasePath(dataDir), randomBytes(32), { create: true });
  migrate(db);
  startRecordNumbering(db);
  const at = new Date().toISOString();
  const userId = randomUUID();
  insertUser(db, { id: userId, name: 'Bench Officer', role: 'field_officer', createdAt: at }, null);
  writeLocation(
    db,
    {
      id: randomUUID(),
      locationType: 'inland_police_station',
      name: 'Stanica',
      jurisdiction: 'RS',
    },
    at,
    userId,
    1,
  );
  const fixed: Record<string, string> = {
    context: 'seized',
    occurred_on: '2015-03-14',
    location: 'Stanica',
    recording_agency: 'Police',
    recording_officer: 'Bench Officer',
    seizing_agency_type: 'police',
    legal_justification: 'illicit_possession',
    item_kind: 'weapon',
    weapon_type: 'assault_rifle',
    manufacturer: 'Zastava',
    model: 'M70',
    calibre: '7.62x39mm',
    marking_condition: 'intact',
  };
  const file = path.join(dir, 'import.csv');
  // Written in batches: the bench itself must not hold the file (its memory is measured).
  writeFileSync(file, `${templateColumnNames.join(',')}\n`);
  let lines: string[] = [];
  for (let n = 0; n < rows; n += 1) {
    const row: Record<string, string> = {
      ...fixed,
      event_ref: `E-${Math.floor(n / ROWS_PER_EVENT)}`,
      serial_number: `IM-${n}`,
    };
    lines.push(templateColumnNames.map((column) => row[column] ?? '').join(','));
    if (lines.length === 10_000 || n === rows - 1) {
      appendFileSync(file, `${lines.join('\n')}\n`);
      lines = [];
    }
  }

  const user = findUser(db, userId);
  if (user === null) throw new Error('bench user missing');
  const unlocked = { db, dek: Buffer.alloc(32), dbId: randomUUID(), user, dataDir };
  const session = {
    requireUnlocked: () => unlocked,
    state: { kind: 'unlocked' },
    onChange: () => () => undefined,
  } as unknown as Session;
  const idle = { touch: () => undefined } as unknown as IdleLock;
  const handlers = importHandlers(session, idle);
  const context = { procedure: 'previewImport' as const };

  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  }, 50);
  const started = performance.now();
  // Sent in parts, as the import page sends it: neither side holds the file whole.
  const size = statSync(file).size;
  const { token } = await handlers.beginImport(
    { fileName: 'import.csv', format: 'csv', size },
    context,
  );
  const fd = openSync(file, 'r');
  const part = Buffer.alloc(importPartBytes);
  for (let offset = 0; offset < size;) {
    const read = readSync(fd, part, 0, part.length, offset);
    await handlers.uploadImportPart(
      { token, offset, dataBase64: part.subarray(0, read).toString('base64') },
      context,
    );
    offset += read;
  }
  closeSync(fd);
  const preview = await handlers.previewImport({ token }, context);
  if (preview.errorCount > 0) throw new Error(JSON.stringify(preview.errors.slice(0, 3)));
  const result = await handlers.confirmImport({ token: preview.token }, context);
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  db.close();
  return { seconds, rssGrowthMb: (rssPeak - rssBefore) / 2 ** 20, events: result.eventCount };
}
