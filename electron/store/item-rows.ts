import { reversedSearchForm } from '../../shared/domain/serial-number.ts';
import type { IntakeItemRow } from '../../shared/records/intake-items.ts';
import type { IntakeMeasureFacts } from '../../shared/measures/intake-measure-facts.ts';
import type { Db } from './encrypted-database.ts';
import { prepared } from './prepared.ts';

/**
 * Writes item rows and their searchable texts (shared/records/intake-items.ts derives them from
 * an intake event). Inside the caller's transaction, with the record they come from.
 *
 * `serialEnds`: also each serial read backwards (migration 100). Migration 40 writes rows with
 * this function into the schema of its time, which has no such column: it leaves it off, and
 * migration 100 fills the column for those rows.
 *
 * `intakeFacts`: the record's measure facts (migrations 150 and 160) written with each row, so a
 * write inserts every item once instead of inserting it and then updating it three times (each
 * update rewrote its entry in the wide items_for_measures index: most of a pull's write time).
 * Migrations before those columns existed leave it off.
 */
export interface ItemIntakeFacts {
  readonly legalJustification: IntakeMeasureFacts['legalJustification'];
  readonly identifiable: IntakeMeasureFacts['identifiable'];
  readonly recordingAgency: IntakeMeasureFacts['recordingAgency'];
  readonly campaignId: string | null;
}

export function insertItemRows(
  db: Db,
  rows: readonly IntakeItemRow[],
  { serialEnds = false, intakeFacts }: { serialEnds?: boolean; intakeFacts?: ItemIntakeFacts } = {},
): void {
  if (rows.length === 0) return;
  const withFacts = intakeFacts !== undefined;
  const insertItem = prepared(
    db,
    `INSERT INTO items (id, intake_event_id, kind, position, item_type, category, serial_number,
       serial_normalised, manufacturer, model, calibre, quantity_amount, quantity_unit,
       marking_condition, lifecycle_status, trace_status, location_id, intake_context, occurred_on,
       record_status${serialEnds ? ', serial_reversed' : ''}${
         withFacts
           ? ', legal_justification, uniquely_identifiable, campaign_id, recording_agency'
           : ''
       })
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?${serialEnds ? ', ?' : ''}${
       withFacts ? ', ?, ?, ?, ?' : ''
     })`,
  );
  const insertText = prepared(
    db,
    'INSERT INTO item_texts (item_id, text_kind, text_as_read, text_normalised) VALUES (?, ?, ?, ?)',
  );
  for (const row of rows) {
    const serialEnd =
      row.serialNormalised === null ? null : reversedSearchForm(row.serialNormalised);
    insertItem.run(
      row.id,
      row.intakeEventId,
      row.kind,
      row.position,
      row.itemType,
      row.category,
      row.serialNumber,
      row.serialNormalised,
      row.manufacturer,
      row.model,
      row.calibre,
      row.quantityAmount,
      row.quantityUnit,
      row.markingCondition,
      row.lifecycleStatus,
      row.traceStatus,
      row.locationId,
      row.intakeContext,
      row.occurredOn,
      row.recordStatus,
      ...(serialEnds ? [serialEnd] : []),
      ...(intakeFacts === undefined
        ? []
        : [
            intakeFacts.legalJustification,
            // Only weapons are judged identifiable (K6); other items keep the column empty.
            intakeFacts.identifiable.get(row.id) ?? null,
            intakeFacts.campaignId,
            intakeFacts.recordingAgency,
          ]),
    );
    for (const text of row.texts) insertText.run(row.id, text.kind, text.asRead, text.normalised);
  }
}

/** Removes an intake event's item rows and their texts (before rewriting them, or with it). */
export function deleteItemRowsOf(db: Db, intakeEventId: string): void {
  prepared(
    db,
    'DELETE FROM item_texts WHERE item_id IN (SELECT id FROM items WHERE intake_event_id = ?)',
  ).run(intakeEventId);
  prepared(db, 'DELETE FROM items WHERE intake_event_id = ?').run(intakeEventId);
}
