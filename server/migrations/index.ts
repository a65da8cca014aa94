import { syncSchema } from './0010-sync-schema.ts';
import { fileUploads } from './0020-file-uploads.ts';
import { pushStorage } from './0030-push-storage.ts';
import { serverEpochs } from './0040-server-epochs.ts';
import { recordPhotos } from './0050-record-photos.ts';
import { enrollmentRetry } from './0060-enrollment-retry.ts';
import { items } from './0070-items.ts';
import { custody } from './0080-custody.ts';
import { serialLookup } from './0090-serial-lookup.ts';
import { teams } from './0100-teams.ts';
import { peopleFromTheCentre } from './0110-people-from-the-centre.ts';
import { recordReviews } from './0120-record-reviews.ts';
import { consoleAccounts } from './0130-console-accounts.ts';
import { measures } from './0140-measures.ts';
import { sharedRateLimits } from './0150-shared-rate-limits.ts';
import { amendmentReasons } from './0160-amendment-reasons.ts';
import type { Migration } from './migration.ts';

/** In version order; a released migration is never edited, only followed by a new one. */
export const migrations: readonly Migration[] = [
  syncSchema,
  fileUploads,
  pushStorage,
  serverEpochs,
  recordPhotos,
  enrollmentRetry,
  items,
  custody,
  serialLookup,
  teams,
  peopleFromTheCentre,
  recordReviews,
  consoleAccounts,
  measures,
  sharedRateLimits,
  amendmentReasons,
];
