import { MAX_PEOPLE_FEED_LIMIT } from '../../shared/sync/protocol.ts';
import {
  applyCentreDecisions,
  peopleToReport,
  readPeopleCursor,
  setPeopleCursor,
} from '../store/centre-people.ts';
import { readSyncState } from '../store/sync-repository.ts';
import type { RoundContext } from './sync-round.ts';

/**
 * A round's exchange of people with the centre (issue 17, item 2): the laptop tells the server of
 * every person it holds, then applies the centre's decisions after its cursor, each page and the
 * cursor in one local transaction (a crash or a lost connection resumes from the last page).
 * Returns the people of this laptop whose role or standing changed, for the session to follow.
 */
export async function exchangePeople(
  ctx: RoundContext,
  pageSize = MAX_PEOPLE_FEED_LIMIT,
): Promise<string[]> {
  const people = peopleToReport(ctx.open().db);
  if (people.length > 0) await ctx.http.reportPeople({ people });
  const changed = new Set<string>();
  for (;;) {
    const page = await ctx.http.peopleFeed(readPeopleCursor(ctx.open().db), pageSize);
    const { db, dbId } = ctx.open();
    // Restored from a backup since this round's pull: its revisions of decisions are not the
    // ones the cursor counts. The next round sees the new epoch, and startRepull sets the cursor
    // back to the first decision; nothing is applied from this answer.
    if (page.serverEpoch !== readSyncState(db).serverEpoch) break;
    const at = ctx.now().toISOString();
    db.transaction(() => {
      for (const id of applyCentreDecisions(db, dbId, page.people, at).changed) changed.add(id);
      setPeopleCursor(db, page.next);
    })();
    if (!page.hasMore) break;
  }
  return [...changed];
}
