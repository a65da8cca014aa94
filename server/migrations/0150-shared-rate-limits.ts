import type { Migration } from './migration.ts';

/**
 * Rate-limit counters in the database instead of each process's memory: behind a load balancer a
 * guesser's enrollment attempts are counted once whichever server process answers them
 * (rate-limit-store.ts). One row per limited key (route and client address) and window.
 */
export const sharedRateLimits: Migration = {
  version: 150,
  name: 'shared-rate-limits',
  statements: [
    `CREATE TABLE rate_limit_hits (
       key text PRIMARY KEY,
       hits int NOT NULL,
       window_ends_at timestamptz NOT NULL
     )`,
    `CREATE INDEX rate_limit_hits_window_ends_at ON rate_limit_hits (window_ends_at)`,
  ],
};
