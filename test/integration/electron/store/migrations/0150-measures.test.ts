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

const upTo140 = migrations.filter((migration) => migration.version <= 140);

/**
 * Migration 150 writes, for every record already stored, the facts the measures read: the agency
 * folded, the seizure's justification, direction, conveyance and route, the disposition, each
 * weapon's "uniquely identifiable", and the people K14 counts.
 */
describe('migration 150: facts for the measures', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let db: Db;
  beforeEach(async () => {
    temp = await makeTempDir('migration-150');
    db = openEncryptedDatabase(path.join(temp.dir, DATABASE_FILE), randomBytes(32), {
      create: true,
    });
  });
  afterEach(async () => {
    db.close();
    await temp.remove();
  });

  it('fills the columns and the people of every stored record', () => {
    migrate(db, upTo140);
    db.prepare(
      "INSERT INTO users (id, name, role, created_at) VALUES ('u', 'Ana', 'administrator', 'x')",
    ).run();
    const insert = db.prepare(
      `INSERT INTO intake_events (id, status, context, occurred_on, revision, created_at,
         created_by, updated_at, updated_by, data_json)
       VALUES (?, 'final', ?, '2025-01-02', 1, 'x', 'u', 'x', 'u', ?)`,
    );
    insert.run(
      'seizure',
      'seized',
      JSON.stringify({
        id: 'seizure',
        context: 'seized',
        recordingAgency: ' Border Police',
        seizure: {
          legalJustification: 'illicit_trafficking',
          direction: 'entry',
          conveyance: 'bus',
          routeDepartureCountry: 'BG',
          personsInvolved: [{ sex: 'male' }, {}],
        },
        weapons: [
          { id: 'w1', serialNumber: 'AB 12', serialStatus: 'present', manufacturer: 'Zastava' },
          { id: 'w2', serialStatus: 'not_present', manufacturer: 'Zastava' },
        ],
      }),
    );
    insert.run(
      'surrender',
      'surrendered',
      JSON.stringify({
        id: 'surrender',
        context: 'surrendered',
        collection: {
          dispositionRequested: 'legalization_registration',
          surrendererAgeBand: '18_24',
        },
        weapons: [],
      }),
    );
    const item = db.prepare(
      `INSERT INTO items (id, intake_event_id, kind, position, record_status)
       VALUES (?, 'seizure', 'weapon', ?, 'final')`,
    );
    item.run('w1', 0);
    item.run('w2', 1);

    expect(migrate(db)).toEqual({ from: 140, to: migrations.at(-1)?.version });
    expect(
      db
        .prepare(
          `SELECT id, recording_agency, legal_justification, disposition_requested, direction,
             conveyance, route_departure, route_destination FROM intake_events ORDER BY id`,
        )
        .all(),
    ).toEqual([
      {
        id: 'seizure',
        recording_agency: 'border police',
        legal_justification: 'illicit_trafficking',
        disposition_requested: null,
        direction: 'entry',
        conveyance: 'bus',
        route_departure: 'BG',
        route_destination: null,
      },
      {
        id: 'surrender',
        recording_agency: null,
        legal_justification: null,
        disposition_requested: 'legalization_registration',
        direction: null,
        conveyance: null,
        route_departure: null,
        route_destination: null,
      },
    ]);
    expect(
      db
        .prepare('SELECT id, uniquely_identifiable, legal_justification FROM items ORDER BY id')
        .all(),
    ).toEqual([
      { id: 'w1', uniquely_identifiable: 1, legal_justification: 'illicit_trafficking' },
      { id: 'w2', uniquely_identifiable: 0, legal_justification: 'illicit_trafficking' },
    ]);
    expect(
      db
        .prepare(
          'SELECT intake_event_id, role, sex, age_band FROM intake_persons ORDER BY intake_event_id, sex',
        )
        .all(),
    ).toEqual([
      { intake_event_id: 'seizure', role: 'person_involved', sex: 'male', age_band: 'unknown' },
      { intake_event_id: 'seizure', role: 'person_involved', sex: 'unknown', age_band: 'unknown' },
      { intake_event_id: 'surrender', role: 'surrenderer', sex: 'unknown', age_band: '18_24' },
    ]);
  });
});
