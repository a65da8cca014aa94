import { MAX_PUSH_MUTATIONS } from '../../shared/sync/protocol.ts';

/** The laptop keeps each push well under the server's 4 MB limit (MAX_PUSH_BYTES). */
export const PUSH_BATCH_BYTES = 2 * 1024 * 1024;

/**
 * How many of the oldest pending mutations (their JSON sizes, in order) go into the next push:
 * at most `maxCount`, at most `maxBytes` together, but always at least one, so a single large
 * record still travels (alone) instead of blocking every later change.
 */
export function takeBatch(
  sizes: readonly number[],
  maxCount: number = MAX_PUSH_MUTATIONS,
  maxBytes: number = PUSH_BATCH_BYTES,
): number {
  let bytes = 0;
  let count = 0;
  for (const size of sizes) {
    if (count >= maxCount) break;
    if (count > 0 && bytes + size > maxBytes) break;
    bytes += size;
    count += 1;
  }
  return count;
}
