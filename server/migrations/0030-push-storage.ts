import type { Migration } from './migration.ts';

/**
 * Record JSON is compressed with lz4 where the server has it: a ~2 KB record is just above the
 * TOAST threshold, and pglz compressing every record and history row was a large share of a
 * push's time in PostgreSQL. PGlite is built without lz4, so it keeps pglz (same data either way:
 * compression is per value and both are read back transparently).
 */
function lz4Where(available: string): string {
  return `DO $$
    BEGIN
      ${available};
    EXCEPTION WHEN feature_not_supported THEN
      NULL;
    END
  $$`;
}

export const pushStorage: Migration = {
  version: 30,
  name: 'push-storage',
  statements: [
    lz4Where('ALTER TABLE records ALTER COLUMN data SET COMPRESSION lz4'),
    lz4Where('ALTER TABLE record_history ALTER COLUMN fields SET COMPRESSION lz4'),
  ],
};
