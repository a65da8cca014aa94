import type { Location } from '../../shared/domain/location.ts';
import type { Db } from './encrypted-database.ts';
import { listReferenceRows, readReferenceRow } from './reference-rows.ts';

export function readLocation(db: Db, id: string): Location | null {
  return readReferenceRow<Location>(db, 'locations', id);
}

export function listLocations(db: Db): Location[] {
  return listReferenceRows<Location>(db, 'locations');
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

/** What the store keeps about a location besides its fields. */
export interface ReferenceRowMeta {
  readonly revision: number;
  readonly serverRev: number;
  readonly createdAt: string;
  readonly createdBy: string;
}

export function readLocationMeta(db: Db, id: string): ReferenceRowMeta | null {
  return (
    (db
      .prepare(
        `SELECT revision, server_rev AS serverRev, created_at AS createdAt, created_by AS createdBy
         FROM locations WHERE id = ?`,
      )
      .get(id) as ReferenceRowMeta | undefined) ?? null
  );
}
