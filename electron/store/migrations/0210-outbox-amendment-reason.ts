import type { Migration } from './migration.ts';

/**
 * An amendment waiting in the outbox keeps the reason the person gave, so the server stores it
 * with the change (a final record is evidence: who changed it, when and why travel together).
 * Empty for every other change and for amendments queued before this version.
 */
export const outboxAmendmentReasonSchema: Migration = {
  version: 210,
  description: "an amendment's reason in the outbox",
  up(db) {
    db.exec('ALTER TABLE outbox ADD COLUMN reason TEXT;');
  },
};
