import type { Migration } from './migration.ts';

/**
 * The reason a person gave for amending a final record, stored with the change it explains: the
 * console's record history shows who changed the evidence, when and why, and a pull gives every
 * laptop a record's amendments (found by the partial index: few records are ever amended). Null
 * for every other change, and for amendments from laptops that did not send one.
 */
export const amendmentReasons: Migration = {
  version: 160,
  name: 'amendment-reasons',
  statements: [
    `ALTER TABLE record_history ADD COLUMN reason text`,
    `CREATE INDEX record_history_amendments ON record_history (record_id, server_rev)
       WHERE op = 'amend'`,
  ],
};
