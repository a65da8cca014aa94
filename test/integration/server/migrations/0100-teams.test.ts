import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../../server/db/database.ts';
import { migrate } from '../../../../server/db/migrate.ts';
import { openPgDatabase } from '../../../../server/db/pg-database.ts';
import { openPgliteDatabase } from '../../../../server/db/pglite-database.ts';
import { migrations } from '../../../../server/migrations/index.ts';
import { seedPgliteDir } from '../../../support/pglite-template.ts';
import { createThrowawayDatabase } from '../../../support/postgres-test-db.ts';
import { syncBackends } from '../../../support/sync-server.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

const author = '0190a8e4-0000-7000-8000-0000000000aa';

describe.each(syncBackends)('migration 100: teams and scopes (%s)', (backend) => {
  let db: Database;
  let cleanUp: () => Promise<void>;
  beforeEach(async () => {
    if (backend === 'pglite') {
      const temp = await makeTempDir('migration-100');
      // A copy of a fresh data folder instead of an initdb (pglite-template.ts).
      await seedPgliteDir(path.join(temp.dir, 'pglite'));
      db = await openPgliteDatabase(path.join(temp.dir, 'pglite'));
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

  it('puts every enrolled laptop and open code in a national team, and fills what stored records concern', async () => {
    await migrate(
      db,
      migrations.filter((migration) => migration.version < 100),
    );
    const devices = [randomUUID(), randomUUID()];
    for (const [index, id] of devices.entries()) {
      await db.query(
        `INSERT INTO devices (id, name, credential_hash, created_at) VALUES ($1, $2, $3, now())`,
        [id, `Laptop ${index + 1}`, `hash-${index}`],
      );
    }
    await db.query(
      `INSERT INTO enrollment_codes (code_hash, device_name, created_at, expires_at)
       VALUES ('code', 'Laptop 3', now(), now() + interval '30 minutes')`,
    );
    const placeId = randomUUID();
    const intakeId = randomUUID();
    const itemId = randomUUID();
    const photo = 'a'.repeat(64);
    await db.query(
      `INSERT INTO records (id, entity, version, server_rev, deleted, status, data, created_by,
                            updated_by, received_at)
       SELECT r.id, r.entity, r.version, 1, false, 'draft', r.data, $2, $2, now()
       FROM jsonb_to_recordset($1::jsonb) AS r(id text, entity text, version bigint, data jsonb)`,
      [
        JSON.stringify([
          {
            id: placeId,
            entity: 'location',
            version: 4,
            data: {
              id: placeId,
              name: 'Horgoš',
              jurisdiction: 'RS',
              locationType: 'border_crossing_road',
            },
          },
          {
            id: intakeId,
            entity: 'intake_event',
            version: 5,
            data: {
              id: intakeId,
              locationId: placeId,
              weapons: [{ id: itemId, photos: [{ sha256: photo }], markings: [] }],
            },
          },
        ]),
        author,
      ],
    );

    expect(
      await migrate(
        db,
        migrations.filter((migration) => migration.version <= 100),
      ),
    ).toEqual([100]);

    const teams = await db.query<{ id: string; name: string; national: boolean; org: string }>(
      `SELECT t.id, t.name, t.national, o.name AS org FROM teams t
       JOIN organisations o ON o.id = t.organisation_id`,
    );
    expect(teams.rows).toEqual([
      {
        id: expect.any(String),
        name: 'National coordination',
        national: true,
        org: 'National SALW commission',
      },
    ]);
    const national = teams.rows[0]!.id;
    const enrolled = await db.query<{ team_id: string }>('SELECT team_id FROM devices');
    expect(enrolled.rows).toEqual([{ team_id: national }, { team_id: national }]);
    const codes = await db.query<{ team_id: string }>('SELECT team_id FROM enrollment_codes');
    expect(codes.rows).toEqual([{ team_id: national }]);

    // What the records concern, from their types' scope: the intake's place, item and photo.
    const scope = await db.query<Record<string, unknown>>(
      'SELECT * FROM record_scope ORDER BY every_team DESC',
    );
    expect(scope.rows).toEqual([
      {
        record_id: placeId,
        creator_team_id: national,
        every_team: true,
        places: [],
        jurisdictions: [],
      },
      {
        record_id: intakeId,
        creator_team_id: national,
        every_team: false,
        places: [placeId],
        jurisdictions: [],
      },
    ]);
    const links = await db.query('SELECT from_id, to_id FROM record_links ORDER BY to_id');
    expect(links.rows).toEqual([
      { from_id: intakeId, to_id: photo },
      { from_id: intakeId, to_id: `item:${itemId}` },
    ]);
    // A team made later pulls the places from its first page: they are every team's.
    const views = await db.query('SELECT record_id, version, in_scope FROM team_scope');
    expect(views.rows).toEqual([
      { record_id: placeId, version: expect.anything(), in_scope: true },
    ]);
    expect(Number((views.rows[0] as { version: unknown }).version)).toBe(4);
  });
});
