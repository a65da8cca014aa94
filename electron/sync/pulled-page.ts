import { PullResponseSchema, type PullResponse } from '../../shared/sync/protocol.ts';
import { prepareIntake, type PreparedIntake } from '../store/pulled-intake.ts';
import { parseAnswer } from './http-port.ts';

/**
 * A pull page read and its intake events validated as the store holds a record new here
 * (revision 1), by index. A prepared event's raw data is dropped from the page: the event
 * replaces it (and a change kept aside is kept with it). An invalid one keeps its data and is
 * judged again where it is applied.
 */
export interface PreparedPullPage {
  readonly page: PullResponse;
  readonly intakes: ReadonlyArray<PreparedIntake | undefined>;
}

/** Pure (no database, no I/O): a long pull runs it on a worker thread (pull-page-worker.ts). */
export function preparePullPage(text: string): PreparedPullPage {
  const page = parseAnswer(text, PullResponseSchema);
  const intakes = page.changes.map((change, index) => {
    if (change.entity !== 'intake_event' || change.deleted) return undefined;
    const prepared = prepareIntake(change, 1);
    if (prepared === null) return undefined;
    page.changes[index] = { ...change, data: null };
    return prepared;
  });
  return { page, intakes };
}
