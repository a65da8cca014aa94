import type { Db } from '../encrypted-database.ts';
import { initialSchema } from './0010-initial-schema.ts';
import type { Migration } from './migration.ts';

/** Every migration, in order. Append only; a landed migration never changes. */
export const migrations: readonly Migration[] = [initialSchema];

export const latestSchemaVersion = migrations.at(-1)?.version ?? 0;

/**
 * Brings the database to the latest version, one migration per transaction, with the version in
 * `user_version` written inside that same transaction: a crash mid-way leaves the database at the
 * last completed version, never between two.
 */
export function migrate(
  db: Db,
  list: readonly Migration[] = migrations,
): { from: number; to: number } {
  const from = db.pragma('user_version', { simple: true }) as number;
  const newest = list.at(-1)?.version ?? 0;
  if (from > newest) {
    throw new Error(
      `The database is at schema version ${from}, newer than this app (${newest}). Update SALW Field.`,
    );
  }
  for (const migration of list) {
    if (migration.version <= from) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return { from, to: db.pragma('user_version', { simple: true }) as number };
}
