import type { Migration } from './migration.ts';

/**
 * Which record refers to which photo (sync/photo-refs.ts), kept by every push: a photo is served
 * only to a laptop that may see a record referring to it, never by its SHA-256 alone. Filled here
 * from the records already stored (tombstones and attachment records refer to none).
 */
export const recordPhotos: Migration = {
  version: 50,
  name: 'record-photos',
  statements: [
    `CREATE TABLE record_photos (
       sha256 text NOT NULL,
       record_id text NOT NULL,
       PRIMARY KEY (sha256, record_id)
     )`,
    `CREATE INDEX record_photos_record ON record_photos (record_id)`,
    `INSERT INTO record_photos (sha256, record_id)
     SELECT DISTINCT ref.sha256, r.id
     FROM records r
     CROSS JOIN LATERAL (
       SELECT v #>> '{}' AS sha256 FROM jsonb_path_query(r.data, 'lax $.**.sha256') v
       UNION
       SELECT v #>> '{}' FROM jsonb_path_query(r.data, 'lax $.**.photoSha256') v
     ) ref
     WHERE NOT r.deleted AND r.data IS NOT NULL AND r.entity <> 'attachment'
       AND ref.sha256 ~ '^[0-9a-f]{64}$'`,
  ],
};
