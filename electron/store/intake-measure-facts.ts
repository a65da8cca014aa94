import {
  foldAgency,
  intakeMeasureFactsOf,
  type IntakeMeasureFacts,
} from '../../shared/measures/intake-measure-facts.ts';
import type { Db } from './encrypted-database.ts';
import { prepared } from './prepared.ts';

/**
 * What the measures (shared/measures, migration 150) filter and group by that only the record's
 * JSON held: the recording agency, the seizure's legal justification, direction, conveyance and
 * route, the disposition requested, each weapon's "uniquely identifiable" (and its record's
 * justification on each item), and the people K14 counts. Columns and rows, so a figure over a million items never parses a record.
 *
 * The facts are derived by shared/measures/intake-measure-facts.ts (the server uses it too).
 * writeIntake writes them with the record's and its items' rows; migration 150 wrote them over
 * rows already there, with writeIntakeMeasureFacts.
 */
type Json = Record<string, unknown>;

export { foldAgency };

export function writeIntakeMeasureFacts(db: Db, event: Json): void {
  const id = String(event.id);
  const facts = intakeMeasureFactsOf(event);
  prepared(
    db,
    `UPDATE intake_events SET recording_agency = ?, legal_justification = ?,
       disposition_requested = ?, direction = ?, conveyance = ?, route_departure = ?,
       route_destination = ?
     WHERE id = ?`,
  ).run(
    facts.recordingAgency,
    facts.legalJustification,
    facts.dispositionRequested,
    facts.direction,
    facts.conveyance,
    facts.routeDeparture,
    facts.routeDestination,
    id,
  );
  prepared(db, 'UPDATE items SET legal_justification = ? WHERE intake_event_id = ?').run(
    facts.legalJustification,
    id,
  );
  const identifiable = prepared(db, 'UPDATE items SET uniquely_identifiable = ? WHERE id = ?');
  for (const [weaponId, flag] of facts.identifiable) identifiable.run(flag, weaponId);
  prepared(db, 'DELETE FROM intake_persons WHERE intake_event_id = ?').run(id);
  insertIntakePersons(db, id, facts.persons);
}

/** The people K14 counts, of a record whose earlier people are gone (or that had none). */
export function insertIntakePersons(
  db: Db,
  intakeEventId: string,
  persons: IntakeMeasureFacts['persons'],
): void {
  if (persons.length === 0) return;
  const person = prepared(
    db,
    'INSERT INTO intake_persons (intake_event_id, role, sex, age_band) VALUES (?, ?, ?, ?)',
  );
  for (const entry of persons) person.run(intakeEventId, entry.role, entry.sex, entry.ageBand);
}

/**
 * Each item's intake campaign and agency (migration 160), from its record's columns, for every
 * item already stored when the columns came. A statement of its own, not part of
 * writeIntakeMeasureFacts, which migration 150 runs before these columns exist; writeIntake
 * writes them with each item row.
 */
export const ITEM_INTAKE_FACTS_SQL = `UPDATE items SET campaign_id = e.campaign_id,
    recording_agency = e.recording_agency
  FROM intake_events e WHERE e.id = items.intake_event_id`;

/** Removes the people of a deleted record (its item rows go with deleteItemRowsOf). */
export function deleteIntakeMeasureFacts(db: Db, intakeEventId: string): void {
  prepared(db, 'DELETE FROM intake_persons WHERE intake_event_id = ?').run(intakeEventId);
}
