import type { Location } from '../../shared/domain/location.ts';
import type { Db } from './encrypted-database.ts';

export function readLocation(db: Db, id: string): Location | null {
  const row = db.prepare('SELECT data_json FROM locations WHERE id = ?').get(id) as
    { data_json: string } | undefined;
  return row === undefined ? null : (JSON.parse(row.data_json) as Location);
}

export function listLocations(db: Db): Location[] {
  const rows = db.prepare('SELECT data_json FROM locations ORDER BY name COLLATE NOCASE').all() as {
    data_json: string;
  }[];
  return rows.map((row) => JSON.parse(row.data_json) as Location);
}

/**
 * `revision` is the local revision (every save bumps it); `serverRev` is only given by sync, a
 * local save leaves it as it was.
 */
export function writeLocation(
  db: Db,
  location: Location,
  at: string,
  by: string,
  revision: number,
  serverRev: number | null = null,
): void {
  db.prepare(
    `INSERT INTO locations (id, location_type, name, jurisdiction, data_json, created_at, created_by,
       revision, server_rev)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, coalesce(?, 0))
     ON CONFLICT (id) DO UPDATE SET location_type = excluded.location_type, name = excluded.name,
       jurisdiction = excluded.jurisdiction, data_json = excluded.data_json,
       revision = excluded.revision, server_rev = coalesce(?, locations.server_rev)`,
  ).run(
    location.id,
    location.locationType,
    location.name,
    location.jurisdiction,
    JSON.stringify(location),
    at,
    by,
    revision,
    serverRev,
    serverRev,
  );
}
