import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../../server/db/database.ts';
import { migrate } from '../../../../server/db/migrate.ts';
import { openPgDatabase } from '../../../../server/db/pg-database.ts';
import { openPgliteDatabase } from '../../../../server/db/pglite-database.ts';
import { migrations } from '../../../../server/migrations/index.ts';
import { photosReferencedBy } from '../../../../server/sync/photo-refs.ts';
import type { SyncEntity } from '../../../../shared/sync/protocol.ts';
import { createThrowawayDatabase } from '../../../support/postgres-test-db.ts';
import { syncBackends } from '../../../support/sync-server.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

const sha = (n: number) => n.toString(16).padStart(64, '0');
const author = '0190a8e4-0000-7000-8000-0000000000aa';

/** Records as servers stored them before migration 50. */
const stored: Array<{ id: string; entity: SyncEntity; deleted: boolean; data: unknown }> = [
  {
    id: 'seizure',
    entity: 'intake_event',
    deleted: false,
    data: {
      photos: [{ sha256: sha(1), kind: 'scene' }],
      weapons: [
        {
          photos: [{ sha256: sha(2) }, { sha256: sha(1) }],
          markings: [{ photoSha256: sha(3) }, { textAsRead: sha(9) }],
        },
      ],
      notes: 'Not a photo: sha256 in the notes',
    },
  },
  { id: 'no-photos', entity: 'intake_event', deleted: false, data: { notes: 'x', weapons: [] } },
  { id: 'deleted-draft', entity: 'intake_event', deleted: true, data: null },
  {
    id: sha(4),
    entity: 'attachment',
    deleted: false,
    data: { id: sha(4), sha256: sha(4), mime: 'image/jpeg', size: 10 },
  },
];

describe.each(syncBackends)('migration 50: which record refers to which photo (%s)', (backend) => {
  let db: Database;
  let cleanUp: () => Promise<void>;
  beforeEach(async () => {
    if (backend === 'pglite') {
      const temp = await makeTempDir('migration-50');
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

  it('fills the references from the records already stored, as a push would have', async () => {
    await migrate(
      db,
      migrations.filter((migration) => migration.version < 50),
    );
    for (const record of stored) {
      await db.query(
        `INSERT INTO records (id, entity, version, server_rev, deleted, status, data, created_by,
                              updated_by, received_at)
         VALUES ($1, $2, 1, 1, $3, 'draft', $4, $5, $5, now())`,
        [record.id, record.entity, record.deleted, JSON.stringify(record.data), author],
      );
    }
    expect(await migrate(db)).toContain(50);
    const { rows } = await db.query<{ record_id: string; sha256: string }>(
      'SELECT record_id, sha256 FROM record_photos ORDER BY record_id, sha256',
    );
    const expected = stored
      .filter((record) => !record.deleted)
      .flatMap((record) =>
        photosReferencedBy(record.entity, record.data).map((sha256) => ({
          record_id: record.id,
          sha256,
        })),
      );
    expect(rows).toEqual(expected);
    expect(rows).toEqual([
      { record_id: 'seizure', sha256: sha(1) },
      { record_id: 'seizure', sha256: sha(2) },
      { record_id: 'seizure', sha256: sha(3) },
    ]);
  });
});
