import type { Db } from './encrypted-database.ts';
import { prepared } from './prepared.ts';

/** The tables of reference records (places, campaigns): each row keeps the record as data_json. */
export type ReferenceTable = 'locations' | 'campaigns';

export function readReferenceRow<T>(db: Db, table: ReferenceTable, id: string): T | null {
  // Read for every row of an import (a final record's place): compiled once per connection.
  const row = prepared(db, `SELECT data_json FROM ${table} WHERE id = ?`).get(id) as
    { data_json: string } | undefined;
  return row === undefined ? null : (JSON.parse(row.data_json) as T);
}

/** By name, as a person looks for them in a picker. */
export function listReferenceRows<T>(db: Db, table: ReferenceTable): T[] {
  const rows = db.prepare(`SELECT data_json FROM ${table} ORDER BY name COLLATE NOCASE`).all() as {
    data_json: string;
  }[];
  return rows.map((row) => JSON.parse(row.data_json) as T);
}
