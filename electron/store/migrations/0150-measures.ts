import type { Migration } from './migration.ts';
import { writeIntakeMeasureFacts } from '../intake-measure-facts.ts';

/**
 * Measures K1-K16 and SDG 16.4.2 (issue 16, shared/measures): the facts they filter and group by
 * that only each record's JSON held become columns (intake-measure-facts.ts), the people K14
 * counts a table of their own, and the indexes the figures read:
 *
 * - items_for_measures: every item fact a figure groups or filters by, in intake date order, so a
 *   period's items are read off the index without visiting their rows (or their records): in
 *   effect the measures' own copy of the items, kept by SQLite;
 * - items_by_custody_status: destroyed, lost or returned items by when (K10's backlog at a day);
 * - intake_events_for_measures: the filter columns of a record, looked up by id.
 *
 * Every stored record's facts are written here, in pages (a statement reading the records cannot
 * stay open while rows are written).
 */
export const measuresSchema: Migration = {
  version: 150,
  description: 'facts and indexes for the dashboard measures',
  up(db) {
    db.exec(`
      ALTER TABLE intake_events ADD COLUMN recording_agency TEXT;
      ALTER TABLE intake_events ADD COLUMN legal_justification TEXT;
      ALTER TABLE intake_events ADD COLUMN disposition_requested TEXT;
      ALTER TABLE intake_events ADD COLUMN direction TEXT;
      ALTER TABLE intake_events ADD COLUMN conveyance TEXT;
      ALTER TABLE intake_events ADD COLUMN route_departure TEXT;
      ALTER TABLE intake_events ADD COLUMN route_destination TEXT;
      ALTER TABLE items ADD COLUMN uniquely_identifiable INTEGER;
      -- The intake's legal justification on each of its items: K2 and SDG 16.4.2 filter by it
      -- for every weapon of a period, off the index, without a lookup of the record per item.
      ALTER TABLE items ADD COLUMN legal_justification TEXT;

      CREATE TABLE intake_persons (
        intake_event_id TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('surrenderer', 'person_involved')),
        sex TEXT NOT NULL,
        age_band TEXT NOT NULL
      ) STRICT;
      CREATE INDEX intake_persons_by_event ON intake_persons(intake_event_id);

      CREATE INDEX items_for_measures ON items(occurred_on, kind, record_status, intake_context,
        quantity_unit, quantity_amount, item_type, category, location_id, custody_status,
        lifecycle_status, status_since, marking_condition, uniquely_identifiable, trace_status,
        legal_justification, intake_event_id);
      CREATE INDEX items_by_custody_status ON items(custody_status, status_since)
        WHERE custody_status IS NOT NULL;
      CREATE INDEX intake_events_for_measures ON intake_events(id, status, location_id,
        campaign_id, recording_agency, legal_justification);
    `);
    const page = db.prepare(
      'SELECT rowid, data_json FROM intake_events WHERE rowid > ? ORDER BY rowid LIMIT 1000',
    );
    for (let after = 0; ;) {
      const events = page.all(after) as Array<{ rowid: number; data_json: string }>;
      for (const event of events) {
        writeIntakeMeasureFacts(db, JSON.parse(event.data_json) as Record<string, unknown>);
      }
      const last = events.at(-1);
      if (last === undefined) break;
      after = last.rowid;
    }
  },
};
