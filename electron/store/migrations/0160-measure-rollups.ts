import type { Migration } from './migration.ts';
import { ITEM_INTAKE_FACTS_SQL } from '../intake-measure-facts.ts';

/**
 * Month rollups of the dashboard's figures (issue 16: every figure under 100 ms at p95 over 1M
 * items; measure-rollup.ts says how they are read and built):
 *
 * - measure_rollup: a figure's groups for one month, broken down further by what a filter can
 *   ask of a row (record status, context, place, campaign, agency);
 * - measure_rollup_built: which (figure, month) pairs are current. Only those are ever read; any
 *   other month is counted from the rows, as before.
 *
 * INVARIANT: a (figure, month) pair is listed only while nothing its figures read has changed.
 * The triggers below forget a month in the same transaction as the write that changes what the
 * month counts (an intake, its items, people and traces; a custody record and the items it
 * names; a place's type), so a crash or kill at any point leaves either the old rollup with the old rows
 * or no rollup: never a rollup that disagrees with the rows. Nothing is built here: the first
 * figure that needs a month builds it.
 *
 * Each item also gets its intake's campaign and (folded) agency, written from the record like its
 * legal justification (intake-measure-facts.ts), and items_for_measures covers them: a campaign
 * or agency filter, and a rollup (which keeps both), then read a period's items off the index
 * alone instead of looking up each item's record. Stored items get them here.
 *
 * Every trigger does nothing while nothing is built (a first pull writes a million rows).
 *
 * A destruction counts by its own month; an item's other facts by its intake month. So writes
 * that touch an item forget its intake month and the months of its custody records; a
 * correction also forgets the months of every custody record of the items of the record it
 * corrects (which destruction counts first may change). A place's type is baked into K13 (border
 * types), so changing it forgets every month; its jurisdiction is looked up when a figure is read.
 */
export const measureRollupsSchema: Migration = {
  version: 160,
  description: 'month rollups of the dashboard figures',
  up(db) {
    const forgetMonth = (month: string) =>
      `DELETE FROM measure_rollup_built WHERE month = ${month};`;
    const forgetCustodyMonthsOfItem = (itemId: string) =>
      `DELETE FROM measure_rollup_built WHERE month IN
        (SELECT substr(occurred_at, 1, 7) FROM custody_item_events WHERE item_id = ${itemId});`;
    const forgetCorrected = (row: 'NEW' | 'OLD') => `
      DELETE FROM measure_rollup_built WHERE month IN
        (SELECT substr(pe.occurred_at, 1, 7) FROM custody_item_events ce
           JOIN custody_item_events pe ON pe.item_id = ce.item_id
         WHERE ce.record_id = ${row}.corrects_id);
      DELETE FROM measure_rollup_built WHERE month IN
        (SELECT substr(occurred_at, 1, 7) FROM custody_records WHERE id = ${row}.corrects_id);`;
    const forgetIntake = (row: 'NEW' | 'OLD') => `
      ${forgetMonth(`substr(${row}.occurred_on, 1, 7)`)}
      DELETE FROM measure_rollup_built WHERE month IN
        (SELECT substr(ce.occurred_at, 1, 7) FROM items i
           JOIN custody_item_events ce ON ce.item_id = i.id
         WHERE i.intake_event_id = ${row}.id);`;
    db.exec(`
      ALTER TABLE items ADD COLUMN campaign_id TEXT;
      ALTER TABLE items ADD COLUMN recording_agency TEXT;
      DROP INDEX items_for_measures;
      CREATE INDEX items_for_measures ON items(occurred_on, kind, record_status, intake_context,
        quantity_unit, quantity_amount, item_type, category, location_id, custody_status,
        lifecycle_status, status_since, marking_condition, uniquely_identifiable, trace_status,
        legal_justification, campaign_id, recording_agency, intake_event_id);
      -- The drafts a final-only figure leaves out, counted for the period without visiting the
      -- period's final records.
      CREATE INDEX intake_events_drafts_by_date ON intake_events(occurred_on)
        WHERE status = 'draft';
    `);
    db.exec(ITEM_INTAKE_FACTS_SQL);
    db.exec(`
      CREATE TABLE measure_rollup (
        figure TEXT NOT NULL,
        month TEXT NOT NULL,
        record_status TEXT,
        context TEXT,
        location_id TEXT,
        campaign_id TEXT,
        agency TEXT,
        -- Kept where one record's rows fall under different filter values (a destruction lists
        -- items of many intakes), so that records are counted once across cells.
        record TEXT,
        kind TEXT,
        unit TEXT,
        d0 TEXT,
        d1 TEXT,
        d2 TEXT,
        d3 TEXT,
        entries INTEGER NOT NULL,
        amount REAL NOT NULL,
        unknown_amount INTEGER NOT NULL,
        records INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX measure_rollup_by_figure ON measure_rollup(figure, month);

      CREATE TABLE measure_rollup_built (
        figure TEXT NOT NULL,
        month TEXT NOT NULL,
        PRIMARY KEY (figure, month)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX measure_rollup_built_by_month ON measure_rollup_built(month);

      CREATE TRIGGER measure_rollup_item_inserted AFTER INSERT ON items
        WHEN EXISTS (SELECT 1 FROM measure_rollup_built) BEGIN
        ${forgetMonth('substr(NEW.occurred_on, 1, 7)')}
        ${forgetCustodyMonthsOfItem('NEW.id')}
      END;
      CREATE TRIGGER measure_rollup_item_updated AFTER UPDATE ON items
        WHEN EXISTS (SELECT 1 FROM measure_rollup_built) BEGIN
        ${forgetMonth('substr(OLD.occurred_on, 1, 7)')}
        ${forgetMonth('substr(NEW.occurred_on, 1, 7)')}
        ${forgetCustodyMonthsOfItem('OLD.id')}
      END;
      CREATE TRIGGER measure_rollup_item_deleted AFTER DELETE ON items
        WHEN EXISTS (SELECT 1 FROM measure_rollup_built) BEGIN
        ${forgetMonth('substr(OLD.occurred_on, 1, 7)')}
        ${forgetCustodyMonthsOfItem('OLD.id')}
      END;

      CREATE TRIGGER measure_rollup_intake_inserted AFTER INSERT ON intake_events
        WHEN EXISTS (SELECT 1 FROM measure_rollup_built) BEGIN
        ${forgetIntake('NEW')}
      END;
      CREATE TRIGGER measure_rollup_intake_updated AFTER UPDATE ON intake_events
        WHEN EXISTS (SELECT 1 FROM measure_rollup_built) BEGIN
        ${forgetIntake('OLD')}
        ${forgetIntake('NEW')}
      END;
      CREATE TRIGGER measure_rollup_intake_deleted AFTER DELETE ON intake_events
        WHEN EXISTS (SELECT 1 FROM measure_rollup_built) BEGIN
        ${forgetIntake('OLD')}
      END;

      CREATE TRIGGER measure_rollup_person_inserted AFTER INSERT ON intake_persons
        WHEN EXISTS (SELECT 1 FROM measure_rollup_built) BEGIN
        ${forgetMonth('(SELECT substr(occurred_on, 1, 7) FROM intake_events WHERE id = NEW.intake_event_id)')}
      END;
      CREATE TRIGGER measure_rollup_person_deleted AFTER DELETE ON intake_persons
        WHEN EXISTS (SELECT 1 FROM measure_rollup_built) BEGIN
        ${forgetMonth('(SELECT substr(occurred_on, 1, 7) FROM intake_events WHERE id = OLD.intake_event_id)')}
      END;

      CREATE TRIGGER measure_rollup_trace_inserted AFTER INSERT ON item_traces
        WHEN EXISTS (SELECT 1 FROM measure_rollup_built) BEGIN
        ${forgetMonth('(SELECT substr(occurred_on, 1, 7) FROM items WHERE id = NEW.item_id)')}
      END;
      CREATE TRIGGER measure_rollup_trace_updated AFTER UPDATE ON item_traces
        WHEN EXISTS (SELECT 1 FROM measure_rollup_built) BEGIN
        ${forgetMonth('(SELECT substr(occurred_on, 1, 7) FROM items WHERE id = NEW.item_id)')}
        ${forgetMonth('(SELECT substr(occurred_on, 1, 7) FROM items WHERE id = OLD.item_id)')}
      END;
      CREATE TRIGGER measure_rollup_trace_deleted AFTER DELETE ON item_traces
        WHEN EXISTS (SELECT 1 FROM measure_rollup_built) BEGIN
        ${forgetMonth('(SELECT substr(occurred_on, 1, 7) FROM items WHERE id = OLD.item_id)')}
      END;

      CREATE TRIGGER measure_rollup_custody_inserted AFTER INSERT ON custody_records
        WHEN EXISTS (SELECT 1 FROM measure_rollup_built) BEGIN
        ${forgetMonth('substr(NEW.occurred_at, 1, 7)')}
        ${forgetCorrected('NEW')}
      END;
      CREATE TRIGGER measure_rollup_custody_updated AFTER UPDATE ON custody_records
        WHEN EXISTS (SELECT 1 FROM measure_rollup_built) BEGIN
        ${forgetMonth('substr(OLD.occurred_at, 1, 7)')}
        ${forgetMonth('substr(NEW.occurred_at, 1, 7)')}
        ${forgetCorrected('OLD')}
        ${forgetCorrected('NEW')}
      END;
      CREATE TRIGGER measure_rollup_custody_deleted AFTER DELETE ON custody_records
        WHEN EXISTS (SELECT 1 FROM measure_rollup_built) BEGIN
        ${forgetMonth('substr(OLD.occurred_at, 1, 7)')}
        ${forgetCorrected('OLD')}
      END;

      CREATE TRIGGER measure_rollup_custody_item_inserted AFTER INSERT ON custody_item_events
        WHEN EXISTS (SELECT 1 FROM measure_rollup_built) BEGIN
        ${forgetCustodyMonthsOfItem('NEW.item_id')}
        ${forgetMonth('(SELECT substr(occurred_on, 1, 7) FROM items WHERE id = NEW.item_id)')}
      END;
      CREATE TRIGGER measure_rollup_custody_item_deleted AFTER DELETE ON custody_item_events
        WHEN EXISTS (SELECT 1 FROM measure_rollup_built) BEGIN
        ${forgetMonth('substr(OLD.occurred_at, 1, 7)')}
        ${forgetCustodyMonthsOfItem('OLD.item_id')}
        ${forgetMonth('(SELECT substr(occurred_on, 1, 7) FROM items WHERE id = OLD.item_id)')}
      END;

      CREATE TRIGGER measure_rollup_place_updated AFTER UPDATE OF location_type ON locations
        WHEN OLD.location_type IS NOT NEW.location_type AND EXISTS (SELECT 1 FROM measure_rollup_built) BEGIN
        DELETE FROM measure_rollup_built;
      END;
      CREATE TRIGGER measure_rollup_place_deleted AFTER DELETE ON locations
        WHEN EXISTS (SELECT 1 FROM measure_rollup_built) BEGIN
        DELETE FROM measure_rollup_built;
      END;
    `);
  },
};
