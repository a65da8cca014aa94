import type { Queryable } from '../db/database.ts';
import { writeScopeFacts } from '../teams/scope-facts.ts';
import type { RecordData } from '../sync/record-schemas.ts';
import type { SyncEntity } from '../../shared/sync/protocol.ts';
import type { Migration } from './migration.ts';

/** Records read per page while their scope facts are filled in. */
const backfillPage = 1000;

/** The team every device already enrolled belongs to after this migration (and the default). */
export const defaultOrganisationName = 'National SALW commission';
export const defaultTeamName = 'National coordination';

/**
 * Teams and scopes (issue 17). Organisations hold teams; a team covers jurisdictions (country
 * codes, as a place's `jurisdiction`) and sites (location record ids), or the whole country
 * (`national`). Every device belongs to one team: those enrolled before this migration go into
 * a national team made here, so a server upgraded in place keeps giving them everything.
 *
 * What a record concerns is kept beside it by push (teams/scope-facts.ts, from the record
 * type's `scope`): `record_scope` (the team of the device that made it, its places and
 * jurisdictions, or every team) and `record_links` (records and items it goes with, and the
 * photos it refers to; `item:<id>` names an item). `team_scope` is each non-national team's view:
 * one row per record it may hold, with the version at which the row last changed and whether the
 * record is in scope now (false: it left, and the team's laptops remove it). Versions are
 * allocated under the sync_space row lock like the records', so the (version, record id) cursor
 * of a team's pull never skips a row. Reference data every team holds is kept once, under
 * the all-teams id (teams/team-scope.ts `everyTeam`). No foreign keys on what push writes (0010).
 */
export const teams: Migration = {
  version: 100,
  name: 'teams',
  statements: [
    `CREATE TABLE organisations (
       id uuid PRIMARY KEY,
       name text NOT NULL UNIQUE,
       created_at timestamptz NOT NULL DEFAULT now()
     )`,
    `CREATE TABLE teams (
       id uuid PRIMARY KEY,
       name text NOT NULL UNIQUE,
       organisation_id uuid NOT NULL REFERENCES organisations (id),
       national boolean NOT NULL DEFAULT false,
       created_at timestamptz NOT NULL DEFAULT now()
     )`,
    `CREATE TABLE team_jurisdictions (
       team_id uuid NOT NULL REFERENCES teams (id),
       jurisdiction text NOT NULL,
       PRIMARY KEY (team_id, jurisdiction)
     )`,
    `CREATE INDEX team_jurisdictions_by_code ON team_jurisdictions (jurisdiction)`,
    `CREATE TABLE team_sites (
       team_id uuid NOT NULL REFERENCES teams (id),
       location_id text NOT NULL,
       PRIMARY KEY (team_id, location_id)
     )`,
    `CREATE INDEX team_sites_by_location ON team_sites (location_id)`,
    `INSERT INTO organisations (id, name) VALUES (gen_random_uuid(), '${defaultOrganisationName}')`,
    `INSERT INTO teams (id, name, organisation_id, national)
     SELECT gen_random_uuid(), '${defaultTeamName}', id, true FROM organisations
     WHERE name = '${defaultOrganisationName}'`,
    `ALTER TABLE devices ADD COLUMN team_id uuid REFERENCES teams (id)`,
    `UPDATE devices SET team_id = (SELECT id FROM teams WHERE name = '${defaultTeamName}')`,
    `ALTER TABLE devices ALTER COLUMN team_id SET NOT NULL`,
    // The team a code enrolls its laptop into; codes issued before teams enroll into the national.
    `ALTER TABLE enrollment_codes ADD COLUMN team_id uuid REFERENCES teams (id)`,
    `UPDATE enrollment_codes SET team_id = (SELECT id FROM teams WHERE name = '${defaultTeamName}')`,
    `ALTER TABLE enrollment_codes ALTER COLUMN team_id SET NOT NULL`,
    `CREATE TABLE record_scope (
       record_id text PRIMARY KEY,
       creator_team_id uuid,
       every_team boolean NOT NULL,
       places text[] NOT NULL,
       jurisdictions text[] NOT NULL
     )`,
    `CREATE TABLE record_links (
       from_id text NOT NULL,
       to_id text NOT NULL,
       PRIMARY KEY (from_id, to_id)
     )`,
    `CREATE INDEX record_links_to ON record_links (to_id)`,
    `CREATE TABLE team_scope (
       team_id uuid NOT NULL,
       record_id text NOT NULL,
       version bigint NOT NULL,
       in_scope boolean NOT NULL,
       PRIMARY KEY (team_id, record_id)
     )`,
    `CREATE INDEX team_scope_cursor ON team_scope (team_id, version, record_id)`,
    `CREATE INDEX team_scope_record ON team_scope (record_id)`,
  ],
  backfill: fillScopeFacts,
};

/**
 * Every stored record's scope facts, made by the device team it came from: before teams, every
 * device was the national team's. Reference data gets its all-teams row at the record's version,
 * so a team made later pulls it from its first page.
 */
async function fillScopeFacts(tx: Queryable): Promise<void> {
  const national = await tx.query<{ id: string }>('SELECT id FROM teams WHERE name = $1', [
    defaultTeamName,
  ]);
  const teamId = national.rows[0]?.id ?? null;
  for (let after = ''; ;) {
    const { rows } = await tx.query<{
      id: string;
      entity: SyncEntity;
      deleted: boolean;
      data: RecordData | null;
    }>(
      `SELECT id, entity, deleted, data FROM records WHERE id > $1 AND data IS NOT NULL
       ORDER BY id LIMIT $2`,
      [after, backfillPage],
    );
    await writeScopeFacts(
      tx,
      rows.map((row) => ({ id: row.id, entity: row.entity, data: row.data })),
      { creatorTeamId: teamId, newRecordIds: new Set() },
    );
    const last = rows.at(-1);
    if (last === undefined || rows.length < backfillPage) break;
    after = last.id;
  }
  await tx.query(
    `INSERT INTO team_scope (team_id, record_id, version, in_scope)
     SELECT '00000000-0000-0000-0000-000000000000', s.record_id, r.version, true
     FROM record_scope s JOIN records r ON r.id = s.record_id
     WHERE s.every_team`,
  );
}
