import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DATABASE_FILE,
  openEncryptedDatabase,
  type Db,
} from '../../../../../electron/store/encrypted-database.ts';
import { migrate, migrations } from '../../../../../electron/store/migrations/index.ts';
import { makeTempDir } from '../../../../support/temp-dir.ts';

const upTo90 = migrations.filter((migration) => migration.version <= 90);

/**
 * Migration 100 writes, for every item already stored, its serial's search form read backwards,
 * and indexes it; items without a serial stay without.
 */
describe('migration 100: serials read backwards', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let db: Db;
  beforeEach(async () => {
    temp = await makeTempDir('migration-100');
    db = openEncryptedDatabase(path.join(temp.dir, DATABASE_FILE), randomBytes(32), {
      create: true,
    });
  });
  afterEach(async () => {
    db.close();
    await temp.remove();
  });

  it('fills the column for every stored serial and indexes it', () => {
    migrate(db, upTo90);
    const insert = db.prepare(
      `INSERT INTO items (id, intake_event_id, kind, position, serial_number, serial_normalised,
         record_status)
       VALUES (?, 'e1', ?, ?, ?, ?, 'final')`,
    );
    insert.run('rifle', 'weapon', 0, 'M70-ČĆ 4411', 'M70ČĆ4411');
    insert.run('lot', 'ammunition', 1, null, null);

    expect(migrate(db)).toEqual({ from: 90, to: migrations.at(-1)?.version });
    expect(db.prepare('SELECT id, serial_reversed FROM items ORDER BY id').all()).toEqual([
      { id: 'lot', serial_reversed: null },
      { id: 'rifle', serial_reversed: '1144ĆČ07M' },
    ]);
    const plan = db
      .prepare(
        "EXPLAIN QUERY PLAN SELECT id FROM items WHERE serial_reversed >= '1144' AND serial_reversed < '1145'",
      )
      .all() as Array<{ detail: string }>;
    expect(plan.map((step) => step.detail).join(' ')).toContain('items_by_serial_end');
  });
});
