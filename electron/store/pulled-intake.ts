import {
  IntakeEventDraftSchema,
  IntakeEventFinalSchema,
} from '../../shared/domain/intake-event.ts';
import type { PulledRecord } from '../../shared/sync/protocol.ts';
import type { StoredIntakeEvent } from './intake-repository.ts';

/** A pulled intake event validated as this laptop stores it, with the JSON it stores. */
export interface PreparedIntake {
  readonly event: StoredIntakeEvent;
  readonly dataJson: string;
}

/**
 * Validates a pulled intake event as the store would hold it at `revision`; null when it is not
 * a valid record. Pure (no database): a long pull runs it on a worker thread, page by page.
 */
export function prepareIntake(change: PulledRecord, revision: number): PreparedIntake | null {
  // The status says which schema applies; a union would try the final one on every draft first.
  const schema = change.status === 'final' ? IntakeEventFinalSchema : IntakeEventDraftSchema;
  const parsed = schema.safeParse({
    ...(change.data as Record<string, unknown>),
    id: change.id,
    status: change.status,
    revision,
  });
  if (!parsed.success) return null;
  return preparedOf(parsed.data as StoredIntakeEvent);
}

/** The same validated event at another revision (no rule depends on it). */
export function atRevision(prepared: PreparedIntake, revision: number): PreparedIntake {
  if (prepared.event.revision === revision) return prepared;
  return preparedOf({ ...prepared.event, revision });
}

function preparedOf(event: StoredIntakeEvent): PreparedIntake {
  return { event, dataJson: JSON.stringify(event) };
}
