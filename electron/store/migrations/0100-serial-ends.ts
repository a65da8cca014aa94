import { reversedSearchForm } from '../../../shared/domain/serial-number.ts';
import type { Migration } from './migration.ts';

/**
 * Serials found by how they end (issue 15's serial check): each item's search form read
 * backwards, indexed, so "4411" finds "M70ČĆ4411" (a serial whose start was ground off) by an
 * index range, as the start of a serial is found. Written for every item there already is.
 */
export const serialEndsSchema: Migration = {
  version: 100,
  description: "items' serials read backwards, for finding a serial by its end",
  up(db) {
    db.exec('ALTER TABLE items ADD COLUMN serial_reversed TEXT');
    const rows = db
      .prepare('SELECT rowid, serial_normalised FROM items WHERE serial_normalised IS NOT NULL')
      .all() as Array<{ rowid: number; serial_normalised: string }>;
    const write = db.prepare('UPDATE items SET serial_reversed = ? WHERE rowid = ?');
    for (const row of rows) write.run(reversedSearchForm(row.serial_normalised), row.rowid);
    db.exec('CREATE INDEX items_by_serial_end ON items(serial_reversed)');
  },
};
