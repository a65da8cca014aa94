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

export function writeLocation(db: Db, location: Location, at: string, by: string): void {
  db.prepare(
    `INSERT INTO locations (id, location_type, name, jurisdiction, data_json, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET location_type = excluded.location_type, name = excluded.name,
       jurisdiction = excluded.jurisdiction, data_json = excluded.data_json`,
  ).run(
    location.id,
    location.locationType,
    location.name,
    location.jurisdiction,
    JSON.stringify(location),
    at,
    by,
  );
}
