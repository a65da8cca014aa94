import { foldAgency, intakeMeasureFactsOf } from '../../shared/measures/intake-measure-facts.ts';
import type { Db } from './encrypted-database.ts';
import { prepared } from './prepared.ts';

/**
 * What the measures (shared/measures, migration 150) filter and group by that only the record's
 * JSON held: the recording agency, the seizure's legal justification, direction, conveyance and
 * route, the disposition requested, each weapon's "uniquely identifiable" (and its record's
 * justification on each item), and the people K14 counts. Columns and rows, so a figure over a million items never parses a record.
 *
 * The facts are derived by shared/measures/intake-measure-facts.ts (the server uses it too).
 * Rewritten from the record on every write, after its item rows (writeIntake), like them.
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
  const person = prepared(
    db,
    'INSERT INTO intake_persons (intake_event_id, role, sex, age_band) VALUES (?, ?, ?, ?)',
  );
  for (const entry of facts.persons) person.run(id, entry.role, entry.sex, entry.ageBand);
}

/**
 * Each item's intake campaign and agency (migration 160), from its record's columns: every item,
 * or (with the `WHERE` below) one record's. A statement of its own, not part of
 * writeIntakeMeasureFacts, which migration 150 runs before these columns exist.
 */
export const ITEM_INTAKE_FACTS_SQL = `UPDATE items SET campaign_id = e.campaign_id,
    recording_agency = e.recording_agency
  FROM intake_events e WHERE e.id = items.intake_event_id`;

export function writeItemIntakeFacts(db: Db, intakeEventId: string): void {
  prepared(db, `${ITEM_INTAKE_FACTS_SQL} AND items.intake_event_id = ?`).run(intakeEventId);
}

/** Removes the people of a deleted record (its item rows go with deleteItemRowsOf). */
export function deleteIntakeMeasureFacts(db: Db, intakeEventId: string): void {
  prepared(db, 'DELETE FROM intake_persons WHERE intake_event_id = ?').run(intakeEventId);
}
