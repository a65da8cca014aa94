import type { Migration } from './migration.ts';

/**
 * Reviews of final records (issue 17): one review per reviewed record (its id derived from the
 * record's), its state in columns for the records list's filter and the author's task list, the
 * record itself as data_json. Every state a review had, saved here or pulled, is a row of
 * record_review_history, written in the same transaction as the review, so the record's page
 * shows who set which state with which comment even for states that arrived by sync.
 */
export const recordReviewsSchema: Migration = {
  version: 190,
  description: 'reviews of final records and their history',
  up(db) {
    db.exec(`
      CREATE TABLE record_reviews (
        id TEXT PRIMARY KEY,
        reviewed_record_id TEXT NOT NULL UNIQUE,
        reviewed_entity TEXT NOT NULL,
        state TEXT NOT NULL,
        comment TEXT,
        reviewer_id TEXT NOT NULL,
        reviewed_at TEXT NOT NULL,
        reviewed_revision INTEGER NOT NULL,
        data_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL REFERENCES users(id),
        revision INTEGER NOT NULL,
        server_rev INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX record_reviews_by_state ON record_reviews(state);

      CREATE TABLE record_review_history (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        reviewed_record_id TEXT NOT NULL,
        state TEXT NOT NULL,
        comment TEXT,
        reviewer_id TEXT NOT NULL,
        reviewed_at TEXT NOT NULL,
        reviewed_revision INTEGER NOT NULL,
        received INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX record_review_history_by_record ON record_review_history(reviewed_record_id, seq);
    `);
  },
};
