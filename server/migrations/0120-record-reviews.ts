import type { Migration } from './migration.ts';

/** The pseudo-device the web console's changes are pushed as (server/review/review-records.ts). */
export const CONSOLE_DEVICE_ID = '00000000-0000-4000-8000-00000000c0de';

/**
 * Reviews of final records (issue 17 item 3) are records like any other (entity record_review);
 * what the server adds for them:
 * - an index from a reviewed record to its review, for the console's review queue;
 * - the web console as a device of its own, so a review made there goes through the push path
 *   (decision, history, versions, results) as a laptop's does. Its credential hash is no hash of
 *   any credential (device auth compares SHA-256 hex), so nobody can sign in as it over HTTP.
 */
export const recordReviews: Migration = {
  version: 120,
  name: 'record-reviews',
  statements: [
    `CREATE INDEX records_review_of ON records ((data->>'reviewedRecordId'))
       WHERE entity = 'record_review'`,
    // Merged with teams (migration 100 makes every device's team_id required): the console's
    // device belongs to the national team, as a laptop enrolled without a team does.
    `INSERT INTO devices (id, name, credential_hash, created_at, team_id)
       SELECT '${CONSOLE_DEVICE_ID}', 'Web console', 'none: the web console pushes in-process', now(),
         (SELECT id FROM teams WHERE national ORDER BY created_at, id LIMIT 1)
       ON CONFLICT (id) DO NOTHING`,
  ],
};
