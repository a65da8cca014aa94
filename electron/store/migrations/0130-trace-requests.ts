import type { Migration } from './migration.ts';

/**
 * Trace requests (issue 15): each request's whole record as data_json, with its status and dates
 * in columns for the overdue list; and what the requests make of each weapon's trace status
 * (shared/tracing/item-trace.ts), kept per item so the items list, the serial check's "under
 * trace" alarm and reports read it without re-reading every request.
 */
export const traceRequestsSchema: Migration = {
  version: 130,
  description: 'trace requests and the trace status they give each weapon',
  up(db) {
    db.exec(`
      CREATE TABLE trace_requests (
        id TEXT PRIMARY KEY,
        item_id TEXT NOT NULL,
        intake_event_id TEXT NOT NULL,
        status TEXT NOT NULL,
        sent_on TEXT,
        last_step_on TEXT,
        data_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL REFERENCES users(id),
        revision INTEGER NOT NULL,
        server_rev INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX trace_requests_by_item ON trace_requests(item_id);
      CREATE INDEX trace_requests_by_status ON trace_requests(status, last_step_on);

      CREATE TABLE item_traces (
        item_id TEXT PRIMARY KEY,
        trace_status TEXT,
        origin_established_on TEXT
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
