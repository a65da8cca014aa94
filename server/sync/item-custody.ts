import {
  correctedIdOf,
  isCustodyEntity,
  custodyEventsOf,
  custodyMomentOf,
  deriveItemCustody,
  type CustodyEvent,
  type CustodyEventSummary,
} from '../../shared/custody/item-custody.ts';
import type { LifecycleStatus } from '../../shared/domain/enums.ts';
import type { Queryable } from '../db/database.ts';
import type { StoredRecord } from './stored-record.ts';

/**
 * Writes what the custody records of a push do to their items, and derives those items' state
 * again (server migration 80), in the push's transaction: the same function and order as every
 * laptop, so the server and the laptops agree on each item and on its custody conflicts. Items
 * whose intake this push (re)wrote are derived again too when custody records name them.
 */
export async function writeItemCustody(
  tx: Queryable,
  records: readonly StoredRecord[],
  rewrittenItemIds: readonly string[],
): Promise<void> {
  const events: Array<{
    item_id: string;
    occurred_at: string;
    record_id: string;
    effect: CustodyEventSummary;
  }> = [];
  const corrections: Array<{ record_id: string; corrected_by: string }> = [];
  for (const record of records) {
    if (!isCustodyEntity(record.entity) || record.deleted || record.data === null) continue;
    const at = custodyMomentOf(record.entity, record.data);
    for (const { itemId, summary } of custodyEventsOf(record.entity, record.data)) {
      events.push({ item_id: itemId, occurred_at: at, record_id: record.id, effect: summary });
    }
    const corrected = correctedIdOf(record.data);
    if (corrected !== null) corrections.push({ record_id: corrected, corrected_by: record.id });
  }
  if (events.length > 0) {
    await tx.query(
      `INSERT INTO custody_events (item_id, occurred_at, record_id, effect)
       SELECT e.item_id, e.occurred_at, e.record_id, e.effect
       FROM jsonb_to_recordset($1::jsonb) AS e(item_id text, occurred_at text, record_id text, effect jsonb)
       ORDER BY e.item_id
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(events)],
    );
  }
  if (corrections.length > 0) {
    await tx.query(
      `INSERT INTO custody_corrections (record_id, corrected_by)
       SELECT c.record_id, c.corrected_by FROM jsonb_to_recordset($1::jsonb) AS c(record_id text, corrected_by text)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(corrections)],
    );
  }
  const affected = new Set(events.map((event) => event.item_id));
  if (corrections.length > 0) {
    const { rows } = await tx.query<{ item_id: string }>(
      'SELECT DISTINCT item_id FROM custody_events WHERE record_id = ANY ($1::text[])',
      [corrections.map((correction) => correction.record_id)],
    );
    for (const row of rows) affected.add(row.item_id);
  }
  if (rewrittenItemIds.length > 0) {
    const { rows } = await tx.query<{ item_id: string }>(
      'SELECT DISTINCT item_id FROM custody_events WHERE item_id = ANY ($1::text[])',
      [rewrittenItemIds],
    );
    for (const row of rows) affected.add(row.item_id);
  }
  if (affected.size === 0) return;
  await deriveAgain(tx, [...affected].sort());
}

async function deriveAgain(tx: Queryable, itemIds: readonly string[]): Promise<void> {
  const starts = await tx.query<{
    id: string;
    quantity_amount: number | null;
    location_id: string | null;
    lifecycle_status: string | null;
    occurred_on: string | null;
  }>(
    `SELECT id, quantity_amount, location_id, lifecycle_status, occurred_on FROM items
     WHERE id = ANY ($1::text[])`,
    [itemIds],
  );
  const stored = await tx.query<{
    item_id: string;
    occurred_at: string;
    record_id: string;
    effect: CustodyEventSummary;
  }>(
    `SELECT item_id, occurred_at, record_id, effect FROM custody_events WHERE item_id = ANY ($1::text[])`,
    [itemIds],
  );
  const recordIds = [...new Set(stored.rows.map((row) => row.record_id))];
  const voidedRows = await tx.query<{ record_id: string }>(
    'SELECT record_id FROM custody_corrections WHERE record_id = ANY ($1::text[])',
    [recordIds],
  );
  const voided = new Set(voidedRows.rows.map((row) => row.record_id));
  const byItem = new Map<string, CustodyEvent[]>();
  for (const row of stored.rows) {
    const list = byItem.get(row.item_id) ?? [];
    list.push({ recordId: row.record_id, at: row.occurred_at, effect: row.effect.effect });
    byItem.set(row.item_id, list);
  }
  // An item whose intake is not here yet gets its state when its intake arrives.
  const states = starts.rows.map((start) => {
    const state = deriveItemCustody(
      {
        amount: start.quantity_amount,
        locationId: start.location_id,
        status: (start.lifecycle_status ?? 'in_custody') as LifecycleStatus,
        since: start.occurred_on,
      },
      byItem.get(start.id) ?? [],
      voided,
    );
    return {
      item_id: start.id,
      status: state.status,
      location_id: state.locationId,
      status_since: state.statusSince,
      holdings: state.holdings,
      conflicts: state.conflicts.length === 0 ? null : state.conflicts,
    };
  });
  if (states.length === 0) return;
  await tx.query(
    `INSERT INTO item_custody (item_id, status, location_id, status_since, holdings, conflicts)
     SELECT s.item_id, s.status, s.location_id, s.status_since, s.holdings, s.conflicts
     FROM jsonb_to_recordset($1::jsonb) AS s(item_id text, status text, location_id text,
       status_since text, holdings jsonb, conflicts jsonb)
     ORDER BY s.item_id
     ON CONFLICT (item_id) DO UPDATE SET status = EXCLUDED.status,
       location_id = EXCLUDED.location_id, status_since = EXCLUDED.status_since,
       holdings = EXCLUDED.holdings, conflicts = EXCLUDED.conflicts`,
    [JSON.stringify(states)],
  );
}
