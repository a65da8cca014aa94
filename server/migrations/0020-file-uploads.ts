import type { Migration } from './migration.ts';

/** Photos: received files by content address, and tus uploads in progress. */
export const fileUploads: Migration = {
  version: 20,
  name: 'file-uploads',
  statements: [
    `CREATE TABLE files (
       sha256 text PRIMARY KEY,
       size bigint NOT NULL,
       mime text NOT NULL,
       device_id uuid NOT NULL REFERENCES devices (id),
       received_at timestamptz NOT NULL
     )`,
    `CREATE TABLE uploads (
       id uuid PRIMARY KEY,
       device_id uuid NOT NULL REFERENCES devices (id),
       sha256 text NOT NULL,
       mime text NOT NULL,
       length bigint NOT NULL,
       upload_offset bigint NOT NULL DEFAULT 0,
       created_at timestamptz NOT NULL,
       -- Kept after completion so a HEAD after a lost last response still answers the offset.
       completed_at timestamptz
     )`,
  ],
};
