import {
  sentOnOf,
  traceStatusOf,
  type TraceRequest,
  type TraceRequestStatus,
} from '../../shared/domain/trace-request.ts';
import { traceFromRequests } from '../../shared/tracing/item-trace.ts';
import type { Db } from './encrypted-database.ts';
import type { ReferenceRowMeta } from './locations-repository.ts';
import { prepared } from './prepared.ts';

/**
 * Trace requests (migration 130). Every write of a request derives its weapon's trace status
 * again, in the same transaction, so item_traces never disagrees with the requests it comes from.
 */

export function readTraceRequest(db: Db, id: string): TraceRequest | null {
  const row = prepared(db, 'SELECT data_json FROM trace_requests WHERE id = ?').get(id) as
    { data_json: string } | undefined;
  return row === undefined ? null : (JSON.parse(row.data_json) as TraceRequest);
}

export function readTraceRequestMeta(db: Db, id: string): ReferenceRowMeta | null {
  return (
    (prepared(
      db,
      `SELECT revision, server_rev AS serverRev, created_at AS createdAt, created_by AS createdBy
       FROM trace_requests WHERE id = ?`,
    ).get(id) as ReferenceRowMeta | undefined) ?? null
  );
}

/** Revisions as in writeLocation: `serverRev` only from sync; a local save keeps it. */
export function writeTraceRequest(
  db: Db,
  request: TraceRequest,
  at: string,
  by: string,
  revision: number,
  serverRev: number | null = null,
): void {
  const previousItem = (
    prepared(db, 'SELECT item_id FROM trace_requests WHERE id = ?').get(request.id) as
      { item_id: string } | undefined
  )?.item_id;
  prepared(
    db,
    `INSERT INTO trace_requests (id, item_id, intake_event_id, status, sent_on, last_step_on,
       data_json, created_at, created_by, revision, server_rev)
     VALUES (@id, @itemId, @intakeEventId, @status, @sentOn, @lastStepOn, @data, @at, @by,
       @revision, coalesce(@serverRev, 0))
     ON CONFLICT (id) DO UPDATE SET item_id = excluded.item_id,
       intake_event_id = excluded.intake_event_id, status = excluded.status,
       sent_on = excluded.sent_on, last_step_on = excluded.last_step_on,
       data_json = excluded.data_json, revision = excluded.revision,
       server_rev = coalesce(@serverRev, trace_requests.server_rev)`,
  ).run({
    id: request.id,
    itemId: request.itemId,
    intakeEventId: request.intakeEventId,
    status: traceStatusOf(request),
    sentOn: sentOnOf(request) ?? null,
    lastStepOn: request.steps.at(-1)?.on ?? null,
    data: JSON.stringify(request),
    at,
    by,
    revision,
    serverRev,
  });
  refreshItemTrace(db, request.itemId);
  if (previousItem !== undefined && previousItem !== request.itemId) {
    refreshItemTrace(db, previousItem);
  }
}

export function deleteTraceRequest(db: Db, id: string): void {
  const row = prepared(db, 'SELECT item_id FROM trace_requests WHERE id = ?').get(id) as
    { item_id: string } | undefined;
  if (row === undefined) return;
  prepared(db, 'DELETE FROM trace_requests WHERE id = ?').run(id);
  refreshItemTrace(db, row.item_id);
}

/** A weapon's requests, oldest first. */
export function traceRequestsOfItem(db: Db, itemId: string): TraceRequest[] {
  const rows = prepared(
    db,
    'SELECT data_json FROM trace_requests WHERE item_id = ? ORDER BY created_at, id',
  ).all(itemId) as { data_json: string }[];
  return rows.map((row) => JSON.parse(row.data_json) as TraceRequest);
}

/** What the weapon's requests make of its trace status, written beside the item. */
export function refreshItemTrace(db: Db, itemId: string): void {
  const derived = traceFromRequests(traceRequestsOfItem(db, itemId));
  if (derived.traceStatus === null) {
    prepared(db, 'DELETE FROM item_traces WHERE item_id = ?').run(itemId);
    return;
  }
  prepared(
    db,
    `INSERT INTO item_traces (item_id, trace_status, origin_established_on) VALUES (?, ?, ?)
     ON CONFLICT (item_id) DO UPDATE SET trace_status = excluded.trace_status,
       origin_established_on = excluded.origin_established_on`,
  ).run(itemId, derived.traceStatus, derived.originEstablishedOn);
}

export interface TraceRequestRow {
  readonly request: TraceRequest;
  readonly status: TraceRequestStatus;
  readonly sentOn: string | null;
  readonly lastStepOn: string | null;
  readonly revision: number;
  readonly createdAt: string;
  readonly createdBy: string;
}

/**
 * Requests newest first: all, a weapon's, or those waiting for an answer whose last step (sent,
 * acknowledged, answered in part) is on or before `waitingSince`: the overdue list.
 */
export function listTraceRequests(
  db: Db,
  filter: { itemId?: string; waitingSince?: string; limit: number },
): TraceRequestRow[] {
  const where: string[] = [];
  if (filter.itemId !== undefined) where.push('item_id = @itemId');
  if (filter.waitingSince !== undefined) {
    where.push(
      "status IN ('sent', 'acknowledged', 'partially_answered') AND last_step_on <= @waitingSince",
    );
  }
  const rows = prepared(
    db,
    `SELECT data_json, status, sent_on AS sentOn, last_step_on AS lastStepOn, revision,
       created_at AS createdAt, created_by AS createdBy
     FROM trace_requests ${where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`}
     ORDER BY ${filter.waitingSince === undefined ? 'created_at DESC, id DESC' : 'last_step_on, id'}
     LIMIT @limit`,
  ).all({
    limit: filter.limit,
    ...(filter.itemId === undefined ? {} : { itemId: filter.itemId }),
    ...(filter.waitingSince === undefined ? {} : { waitingSince: filter.waitingSince }),
  }) as Array<Omit<TraceRequestRow, 'request'> & { data_json: string }>;
  return rows.map(({ data_json, ...row }) => ({
    ...row,
    request: JSON.parse(data_json) as TraceRequest,
  }));
}
