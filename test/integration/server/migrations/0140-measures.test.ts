import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../../server/db/database.ts';
import { migrate } from '../../../../server/db/migrate.ts';
import { openPgDatabase } from '../../../../server/db/pg-database.ts';
import { openPgliteDatabase } from '../../../../server/db/pglite-database.ts';
import { migrations } from '../../../../server/migrations/index.ts';
import { createThrowawayDatabase } from '../../../support/postgres-test-db.ts';
import { syncBackends } from '../../../support/sync-server.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

const author = '0190a8e4-0000-7000-8000-0000000000aa';

/**
 * Migration 140 on a server that already holds records: the rows the measures read are filled
 * from them (intake facts on the items, K14's people, places, custody moments and corrections,
 * trace status from requests), by the laptops' own derivations.
 */
describe.each(syncBackends)('migration 140: the rows of the measures (%s)', (backend) => {
  let db: Database;
  let cleanUp: () => Promise<void>;
  beforeEach(async () => {
    if (backend === 'pglite') {
      const temp = await makeTempDir('migration-140');
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

  it('fills them from the records stored before it', async () => {
    await migrate(
      db,
      migrations.filter((migration) => migration.version < 140),
    );
    const intakeId = randomUUID();
    const weaponId = randomUUID();
    const placeId = randomUUID();
    const destructionId = randomUUID();
    const correctionId = randomUUID();
    const campaignId = randomUUID();
    const records = [
      {
        id: intakeId,
        entity: 'intake_event',
        status: 'final',
        data: {
          id: intakeId,
          status: 'final',
          revision: 1,
          context: 'seized',
          occurredAt: '2024-02-03',
          locationId: placeId,
          campaignId,
          recordingAgency: ' Granična Policija ',
          seizure: {
            legalJustification: 'criminal_offence',
            direction: 'inbound',
            personsInvolved: [{ sex: 'male', ageBand: '18_29' }, {}],
          },
          weapons: [
            {
              id: weaponId,
              category: 'small_arm',
              weaponType: 'revolver',
              manufacturer: 'Zastava',
              serialNumber: 'RV-77',
              serialStatus: 'present',
              markings: [],
              photos: [],
            },
          ],
          photos: [],
        },
      },
      {
        id: placeId,
        entity: 'location',
        status: 'final',
        data: {
          id: placeId,
          locationType: 'border_crossing_road',
          name: 'GP Rača',
          jurisdiction: 'RS',
        },
      },
      {
        id: destructionId,
        entity: 'destruction_event',
        status: 'final',
        data: { id: destructionId, destructionDate: '2024-05-02', items: [] },
      },
      {
        id: correctionId,
        entity: 'destruction_event',
        status: 'final',
        data: {
          id: correctionId,
          destructionDate: '2024-05-03',
          items: [],
          correction: { correctsId: destructionId, reason: 'Wrong date' },
        },
      },
      {
        id: randomUUID(),
        entity: 'trace_request',
        status: 'final',
        data: {
          itemId: weaponId,
          steps: [{ status: 'sent', on: '2024-03-01' }],
        },
      },
    ];
    await db.query(
      `INSERT INTO records (id, entity, version, server_rev, deleted, status, data, created_by,
                            updated_by, received_at)
       SELECT r.id, r.entity, 1, 1, false, r.status, r.data, $2, $2, now()
       FROM jsonb_to_recordset($1::jsonb) AS r(id text, entity text, status text, data jsonb)`,
      [JSON.stringify(records), author],
    );
    // The items as migration 70's push wrote them, without the intake's facts.
    await db.query(
      `INSERT INTO items (id, intake_event_id, record_rev, kind, position, record_status)
       VALUES ($1, $2, 1, 'weapon', 0, 'final')`,
      [weaponId, intakeId],
    );

    expect(await migrate(db, migrations)).toContain(140);

    const item = await db.query(
      `SELECT campaign_id, recording_agency, legal_justification, uniquely_identifiable
       FROM items WHERE id = $1`,
      [weaponId],
    );
    expect(item.rows).toEqual([
      {
        campaign_id: campaignId,
        recording_agency: 'granična policija',
        legal_justification: 'criminal_offence',
        uniquely_identifiable: 1,
      },
    ]);
    const intake = await db.query(
      'SELECT status, context, occurred_on, location_id, direction FROM measure_intakes',
    );
    expect(intake.rows).toEqual([
      {
        status: 'final',
        context: 'seized',
        occurred_on: '2024-02-03',
        location_id: placeId,
        direction: 'inbound',
      },
    ]);
    const people = await db.query(
      'SELECT role, sex, age_band FROM measure_persons ORDER BY sex COLLATE "C"',
    );
    expect(people.rows).toEqual([
      { role: 'person_involved', sex: 'male', age_band: '18_29' },
      { role: 'person_involved', sex: 'unknown', age_band: 'unknown' },
    ]);
    const places = await db.query('SELECT id, location_type, jurisdiction FROM measure_places');
    expect(places.rows).toEqual([
      { id: placeId, location_type: 'border_crossing_road', jurisdiction: 'RS' },
    ]);
    const custody = await db.query(
      'SELECT id, occurred_at, corrects_id FROM measure_custody ORDER BY occurred_at',
    );
    expect(custody.rows).toEqual([
      { id: destructionId, occurred_at: '2024-05-02T23:59:59.999Z', corrects_id: null },
      { id: correctionId, occurred_at: '2024-05-03T23:59:59.999Z', corrects_id: destructionId },
    ]);
    const traces = await db.query('SELECT item_id, trace_status FROM measure_item_traces');
    expect(traces.rows).toEqual([
      { item_id: weaponId, trace_status: 'international_request_sent' },
    ]);
  });
});
