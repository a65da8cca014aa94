import type { Db } from '../encrypted-database.ts';
import { initialSchema } from './0010-initial-schema.ts';
import { syncSchema } from './0020-sync.ts';
import { deferredIndexesSchema } from './0030-deferred-indexes.ts';
import { itemsSchema } from './0040-items.ts';
import { recordNumbersSchema } from './0050-record-numbers.ts';
import { recordsByAuthorSchema } from './0060-records-by-author.ts';
import { custodySchema } from './0070-custody.ts';
import { signingKeysSchema } from './0080-signing-keys.ts';
import { serialChecksSchema } from './0090-serial-checks.ts';
import { serialEndsSchema } from './0100-serial-ends.ts';
import { watchListSchema } from './0120-watch-list.ts';
import { traceRequestsSchema } from './0130-trace-requests.ts';
import { historicCountsSchema } from './0140-historic-counts.ts';
import { measuresSchema } from './0150-measures.ts';
import { measureRollupsSchema } from './0160-measure-rollups.ts';
import { centrePeopleSchema } from './0180-centre-people.ts';
import { recordReviewsSchema } from './0190-record-reviews.ts';
import { personLanguageSchema } from './0200-person-language.ts';
import { amendmentReasonsSchema } from './0210-amendment-reasons.ts';
import type { Migration } from './migration.ts';

/** Every migration, in order. Append only; a landed migration never changes. */
export const migrations: readonly Migration[] = [
  initialSchema,
  syncSchema,
  deferredIndexesSchema,
  itemsSchema,
  recordNumbersSchema,
  recordsByAuthorSchema,
  custodySchema,
  signingKeysSchema,
  serialChecksSchema,
  serialEndsSchema,
  watchListSchema,
  traceRequestsSchema,
  historicCountsSchema,
  measuresSchema,
  measureRollupsSchema,
  centrePeopleSchema,
  recordReviewsSchema,
  personLanguageSchema,
  amendmentReasonsSchema,
];

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
    // PRAGMA foreign_keys is a no-op inside a transaction: it has to change around it.
    const rebuild = migration.rebuildsTables === true;
    if (rebuild) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        migration.up(db);
        if (rebuild) {
          const broken = db.pragma('foreign_key_check') as unknown[];
          if (broken.length > 0) {
            throw new Error(
              `Migration ${migration.version} would leave ${broken.length} broken references.`,
            );
          }
        }
        db.pragma(`user_version = ${migration.version}`);
      })();
    } finally {
      if (rebuild) db.pragma('foreign_keys = ON');
    }
  }
  return { from, to: db.pragma('user_version', { simple: true }) as number };
}
