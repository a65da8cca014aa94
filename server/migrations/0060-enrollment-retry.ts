import type { Migration } from './migration.ts';

/**
 * The laptop's enrollment key, hashed, beside the code it redeemed: a retry with the same code
 * and key (the first answer was lost on a bad link) gets the same device, not a second one.
 */
export const enrollmentRetry: Migration = {
  version: 60,
  name: 'enrollment-retry',
  statements: ['ALTER TABLE enrollment_codes ADD COLUMN enrollment_key_hash text'],
};
