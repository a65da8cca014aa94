import type { Migration } from './migration.ts';

/**
 * An amendment's reason, both ways. An amendment waiting in the outbox keeps the reason the person
 * gave, so the server stores it with the change (a final record is evidence: who changed it, when
 * and why travel together); empty for every other change and for amendments queued before this
 * version. `pulled_amendments` holds the amendments the server lists for a pulled record, made on
 * this laptop or another, so its receipt and history name them all.
 */
export const amendmentReasonsSchema: Migration = {
  version: 210,
  description: 'amendment reasons sent and pulled',
  up(db) {
    db.exec(`
      ALTER TABLE outbox ADD COLUMN reason TEXT;
      CREATE TABLE pulled_amendments (
        record_id TEXT NOT NULL,
        server_rev INTEGER NOT NULL,
        author_id TEXT NOT NULL,
        author_name TEXT NOT NULL,
        device_time TEXT NOT NULL,
        received_at TEXT NOT NULL,
        reason TEXT,
        PRIMARY KEY (record_id, server_rev)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
