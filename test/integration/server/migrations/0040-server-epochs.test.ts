import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../../server/db/database.ts';
import { migrate } from '../../../../server/db/migrate.ts';
import { openPgDatabase } from '../../../../server/db/pg-database.ts';
import { openPgliteDatabase } from '../../../../server/db/pglite-database.ts';
import { migrations } from '../../../../server/migrations/index.ts';
import { isKnownEpoch, readServerEpoch, startNewEpoch } from '../../../../server/server-meta.ts';
import { createThrowawayDatabase } from '../../../support/postgres-test-db.ts';
import { syncBackends } from '../../../support/sync-server.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

describe.each(syncBackends)('migration 40: the epochs a server has had (%s)', (backend) => {
  let db: Database;
  let cleanUp: () => Promise<void>;
  beforeEach(async () => {
    if (backend === 'pglite') {
      const temp = await makeTempDir('migration-40');
      db = await openPgliteDatabase(temp.dir);
      cleanUp = temp.remove;
    } else {
      const postgres = await createThrowawayDatabase();
      db = openPgDatabase(postgres.url);
      cleanUp = postgres.drop;
    }
  });
  afterEach(async () => {
    await db.close();
    await cleanUp();
  });

  it('knows the epoch a server was already in, and each new one', async () => {
    await migrate(
      db,
      migrations.filter((migration) => migration.version < 40),
    );
    const before = await readServerEpoch(db);
    expect(await migrate(db)).toContain(40);
    expect(await isKnownEpoch(db, before)).toBe(true);
    expect(await isKnownEpoch(db, 'never-issued')).toBe(false);
    const next = await startNewEpoch(db);
    expect(await readServerEpoch(db)).toBe(next);
    expect(await isKnownEpoch(db, next)).toBe(true);
    expect(await isKnownEpoch(db, before)).toBe(true);
    const { rows } = await db.query<{ n: string | number }>(
      'SELECT count(*) AS n FROM server_epochs',
    );
    expect(Number(rows[0]?.n)).toBe(2);
  });
});
