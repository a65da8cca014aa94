import type { Migration } from './migration.ts';

/**
 * The server's serial lookup (issue 15): a laptop asks whether a serial being typed is held on
 * the server, by the serial's search form (items.serial_normalised, written by push from
 * shared/domain/serial-number.ts, the laptop's own function) and by how it ends.
 *
 * `serial_reversed` is the search form read backwards, a generated column: PostgreSQL fills it
 * for the rows already stored when this runs and on every insert push makes, so it can never
 * be out of step with the serial, and push (sync/item-rows.ts) needs no change.
 * reverse() reverses characters, as reversedSearchForm does code points.
 *
 * Both lookups walk a range of a b-tree ("begins with" is [from, from + U+10FFFF)), which only
 * holds in byte order: the indexes are in the "C" collation whatever the database's own is
 * (a server made with en_US.UTF-8 sorts letters and punctuation linguistically). The serial's
 * index of migration 70, in the database's collation, is replaced by one in "C": equality uses
 * it as well, and push keeps writing two serial indexes, not three.
 *
 * Only serials: the server does not hold the texts read off items (markings, lot numbers),
 * which the laptop's own check also searches.
 */
export const serialLookup: Migration = {
  version: 90,
  name: 'serial-lookup',
  statements: [
    `ALTER TABLE items ADD COLUMN serial_reversed text
       GENERATED ALWAYS AS (reverse(serial_normalised)) STORED`,
    `DROP INDEX items_by_serial`,
    `CREATE INDEX items_by_serial ON items ((serial_normalised COLLATE "C"))
       WHERE serial_normalised IS NOT NULL`,
    `CREATE INDEX items_by_serial_end ON items ((serial_reversed COLLATE "C"))
       WHERE serial_reversed IS NOT NULL`,
  ],
};
