import { itemsOfIntake } from '../../../shared/records/intake-items.ts';
import { appendAuditEntry } from '../audit-log.ts';
import { intakeSearchColumns } from '../intake-search-columns.ts';
import { appendOutbox } from '../outbox.ts';
import { startRecordNumbering, takeRecordNumber } from '../record-numbers.ts';
import type { Migration } from './migration.ts';

/**
 * Record numbers and the list's search (issue 13):
 *
 * - This database draws its record number prefix and starts its sequence (record-numbers.ts).
 * - Every record this laptop wrote (its author is a person of this laptop, not one known from
 *   sync) gets its number now, oldest first, with an audit entry and an outbox change carrying
 *   only the number, so the server and other laptops learn it. A record pulled from another
 *   laptop is left to that laptop: its number comes with its next pull.
 * - intake_events gets the columns the search and the sort read (intake-search-columns.ts),
 *   filled from each record's JSON, and the indexes they use; items gets one over make and model
 *   and one for the items list.
 */
export const recordNumbersSchema: Migration = {
  version: 50,
  description: 'record numbers; search and sort columns of the records list',
  up(db) {
    db.exec(`
      ALTER TABLE intake_events ADD COLUMN record_number TEXT;
      ALTER TABLE intake_events ADD COLUMN case_ref TEXT;
      ALTER TABLE intake_events ADD COLUMN receipt_number TEXT;
      ALTER TABLE intake_events ADD COLUMN item_count INTEGER NOT NULL DEFAULT 0;
      -- One index answers a search of the three (a scan of the index, not the table) and the
      -- sort by number.
      CREATE INDEX intake_events_by_number
        ON intake_events(record_number, case_ref, receipt_number);
      CREATE INDEX intake_events_by_item_count ON intake_events(item_count);
      CREATE INDEX intake_events_by_updated ON intake_events(updated_at);
      CREATE INDEX items_by_make_model ON items(manufacturer, model, intake_event_id);
      -- The items list, newest first (items_by_kind serves a kind and a status together). Not
      -- one led by kind: without statistics SQLite would take it over items_by_event for "this
      -- record's weapons" and read every weapon.
      CREATE INDEX items_by_date ON items(occurred_on);
    `);
    startRecordNumbering(db);
    const dbId = (
      db.prepare("SELECT value FROM meta WHERE key = 'db_id'").get() as
        { value: string } | undefined
    )?.value;
    const at = new Date().toISOString();
    const fill = db.prepare(
      `UPDATE intake_events SET data_json = @data_json, record_number = @record_number,
         case_ref = @case_ref, receipt_number = @receipt_number, item_count = @item_count
       WHERE rowid = @rowid`,
    );
    // In pages, oldest first: the statement reading the records cannot stay open while rows are
    // written, and the numbers follow the order the records were made in.
    const page = db.prepare(
      `SELECT e.rowid, e.id, e.data_json, e.status, e.server_rev, e.created_by, e.created_at,
         coalesce(u.role, 'remote') <> 'remote' AS local
       FROM intake_events e LEFT JOIN users u ON u.id = e.created_by
       WHERE (e.created_at, e.rowid) > (@at, @rowid)
       ORDER BY e.created_at, e.rowid LIMIT 1000`,
    );
    for (let after = { at: '', rowid: 0 }; ;) {
      const events = page.all(after) as Array<{
        rowid: number;
        id: string;
        data_json: string;
        status: 'draft' | 'final';
        server_rev: number;
        created_by: string;
        created_at: string;
        local: number;
      }>;
      for (const row of events) {
        const before = JSON.parse(row.data_json) as Record<string, unknown>;
        const numbered = row.local === 1 && typeof before.recordNumber !== 'string';
        const event = numbered ? { ...before, recordNumber: takeRecordNumber(db) } : before;
        const items = itemsOfIntake(event, row.status).length;
        fill.run({
          rowid: row.rowid,
          data_json: numbered ? JSON.stringify(event) : row.data_json,
          ...intakeSearchColumns(event, items),
        });
        if (!numbered) continue;
        if (dbId !== undefined) {
          appendAuditEntry(db, dbId, {
            at,
            userId: null,
            action: 'intake.numbered',
            entity: 'intake_event',
            entityId: row.id,
            before,
            after: event,
          });
        }
        appendOutbox(db, {
          entity: 'intake_event',
          entityId: row.id,
          op: 'update',
          baseRevision: row.server_rev,
          payload: event,
          changedFields: ['recordNumber'],
          createdAt: at,
          createdBy: row.created_by,
        });
      }
      const last = events.at(-1);
      if (last === undefined) break;
      after = { at: last.created_at, rowid: last.rowid };
    }
  },
};
