import {
  correctedIdOf,
  custodyEventsOf,
  custodyMomentOf,
  deriveItemCustody,
  type CustodyConflict,
  type CustodyEntity,
  type CustodyEvent,
  type CustodyEventSummary,
  type ItemCustodyState,
} from '../../shared/custody/item-custody.ts';
import type { LifecycleStatus } from '../../shared/domain/enums.ts';
import type { Db } from './encrypted-database.ts';
import { prepared } from './prepared.ts';

/**
 * Custody records (transfers, decisions) in the store, and the state they give each item
 * (migration 70). Every function runs inside the caller's transaction: a record, its items'
 * events and their derived state are written together or not at all.
 */

export interface StoredCustodyRecord {
  readonly id: string;
  readonly entity: CustodyEntity;
  readonly occurredAt: string;
  readonly correctsId: string | null;
  readonly data: Record<string, unknown>;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly serverRev: number;
}

interface CustodyRecordRow {
  id: string;
  entity: CustodyEntity;
  occurred_at: string;
  corrects_id: string | null;
  data_json: string;
  created_at: string;
  created_by: string;
  server_rev: number;
}

function fromRow(row: CustodyRecordRow): StoredCustodyRecord {
  return {
    id: row.id,
    entity: row.entity,
    occurredAt: row.occurred_at,
    correctsId: row.corrects_id,
    data: JSON.parse(row.data_json) as Record<string, unknown>,
    createdAt: row.created_at,
    createdBy: row.created_by,
    serverRev: row.server_rev,
  };
}

export function readCustodyRecord(db: Db, id: string): StoredCustodyRecord | null {
  const row = prepared(db, 'SELECT * FROM custody_records WHERE id = ?').get(id) as
    CustodyRecordRow | undefined;
  return row === undefined ? null : fromRow(row);
}

/**
 * Writes a sealed record and which items it concerns. A record already here is left as it is
 * (sealed: the same id always carries the same content); returns whether it was new.
 */
export function insertCustodyRecord(
  db: Db,
  entity: CustodyEntity,
  data: Record<string, unknown>,
  meta: { createdAt: string; createdBy: string; serverRev?: number },
): boolean {
  const id = String(data.id);
  const occurredAt = custodyMomentOf(entity, data);
  const inserted = prepared(
    db,
    `INSERT INTO custody_records (id, entity, occurred_at, corrects_id, data_json, created_at,
       created_by, server_rev) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
  ).run(
    id,
    entity,
    occurredAt,
    correctedIdOf(data),
    JSON.stringify(data),
    meta.createdAt,
    meta.createdBy,
    meta.serverRev ?? 0,
  );
  if (inserted.changes === 0) return false;
  const insertEvent = prepared(
    db,
    `INSERT OR IGNORE INTO custody_item_events (item_id, occurred_at, record_id, effect_json)
     VALUES (?, ?, ?, ?)`,
  );
  for (const { itemId, summary } of custodyEventsOf(entity, data)) {
    insertEvent.run(itemId, occurredAt, id, JSON.stringify(summary));
  }
  return true;
}

/** The items a record concerns, and those of the record it corrects (whose effect it voids). */
export function itemsConcernedBy(db: Db, recordId: string): string[] {
  const corrected = prepared(db, 'SELECT corrects_id FROM custody_records WHERE id = ?')
    .pluck()
    .get(recordId) as string | null | undefined;
  const ids = [recordId, ...(corrected ? [corrected] : [])];
  return prepared(
    db,
    `SELECT DISTINCT item_id FROM custody_item_events
     WHERE record_id IN (SELECT value FROM json_each(?))`,
  )
    .pluck()
    .all(JSON.stringify(ids)) as string[];
}

/** Records corrected by another record: they stay, but move and decide nothing any more. */
export function voidedCustodyRecords(db: Db): Set<string> {
  return new Set(
    prepared(db, 'SELECT corrects_id FROM custody_records WHERE corrects_id IS NOT NULL')
      .pluck()
      .all() as string[],
  );
}

interface ItemStartRow {
  id: string;
  quantity_amount: number | null;
  location_id: string | null;
  lifecycle_status: string | null;
  occurred_on: string | null;
}

export interface ItemEventRow {
  readonly recordId: string;
  readonly at: string;
  readonly summary: CustodyEventSummary;
}

/** An item's custody events, in the order they apply. */
export function itemEvents(db: Db, itemId: string): ItemEventRow[] {
  const rows = prepared(
    db,
    `SELECT record_id AS recordId, occurred_at AS at, effect_json AS effect
     FROM custody_item_events WHERE item_id = ? ORDER BY occurred_at, record_id`,
  ).all(itemId) as Array<{ recordId: string; at: string; effect: string }>;
  return rows.map((row) => ({
    recordId: row.recordId,
    at: row.at,
    summary: JSON.parse(row.effect) as CustodyEventSummary,
  }));
}

function startOf(row: ItemStartRow) {
  return {
    amount: row.quantity_amount,
    locationId: row.location_id,
    status: (row.lifecycle_status ?? 'in_custody') as LifecycleStatus,
    since: row.occurred_on,
  };
}

interface CustodyInputs {
  readonly start: ReturnType<typeof startOf>;
  readonly events: CustodyEvent[];
}

/**
 * Each item's start (its intake) and custody events, read for many items at once: two statements
 * over the id list, not two per item (a destruction of 10,000 items, a rebuild of every item).
 * An item no intake here lists is absent from the map.
 */
function loadCustodyInputs(db: Db, itemIds: readonly string[]): Map<string, CustodyInputs> {
  const ids = JSON.stringify(itemIds);
  const inputs = new Map<string, CustodyInputs>();
  for (const row of prepared(
    db,
    `SELECT i.id, i.quantity_amount, i.location_id, i.lifecycle_status, i.occurred_on
     FROM json_each(?) page CROSS JOIN items i ON i.id = page.value`,
  ).iterate(ids) as IterableIterator<ItemStartRow>) {
    inputs.set(row.id, { start: startOf(row), events: [] });
  }
  // Records name many items with one effect: each distinct text is parsed once.
  const parsed = new Map<string, CustodyEventSummary>();
  for (const row of prepared(
    db,
    `SELECT e.item_id AS itemId, e.occurred_at AS at, e.record_id AS recordId,
       e.effect_json AS effect
     FROM json_each(?) page CROSS JOIN custody_item_events e ON e.item_id = page.value`,
  ).iterate(ids) as IterableIterator<{
    itemId: string;
    at: string;
    recordId: string;
    effect: string;
  }>) {
    const target = inputs.get(row.itemId);
    if (target === undefined) continue;
    let summary = parsed.get(row.effect);
    if (summary === undefined) {
      summary = JSON.parse(row.effect) as CustodyEventSummary;
      parsed.set(row.effect, summary);
    }
    target.events.push({ recordId: row.recordId, at: row.at, effect: summary.effect });
  }
  return inputs;
}

/**
 * An item's derived state with its events as stored plus `extra` (a record about to be written),
 * or null when no intake here lists the item.
 */
export function deriveStoredItem(
  db: Db,
  itemId: string,
  voided: ReadonlySet<string>,
  extra: readonly CustodyEvent[] = [],
): ItemCustodyState | null {
  const input = loadCustodyInputs(db, [itemId]).get(itemId);
  if (input === undefined) return null;
  return deriveItemCustody(input.start, [...input.events, ...extra], voided);
}

/**
 * Derives the state of these items again from their intake and custody events and writes it:
 * after a custody record is written or received, and after an intake's item rows are rebuilt.
 * An item no intake here lists yet (a transfer pulled before its intake) gets its state when
 * its intake arrives.
 */
export function refreshItemCustody(db: Db, itemIds: Iterable<string>): void {
  const voided = voidedCustodyRecords(db);
  const update = prepared(
    db,
    `UPDATE items SET custody_status = ?, custody_location_id = ?, status_since = ?,
       custody_conflicts = ? WHERE id = ?`,
  );
  const clearHoldings = prepared(db, 'DELETE FROM item_holdings WHERE item_id = ?');
  const insertHolding = prepared(
    db,
    'INSERT INTO item_holdings (item_id, location_id, holder, amount) VALUES (?, ?, ?, ?)',
  );
  const all = [...new Set(itemIds)];
  for (let offset = 0; offset < all.length; offset += 5_000) {
    const chunk = all.slice(offset, offset + 5_000);
    const inputs = loadCustodyInputs(db, chunk);
    for (const itemId of chunk) {
      clearHoldings.run(itemId);
      const input = inputs.get(itemId);
      if (input === undefined) continue;
      if (input.events.length === 0) {
        update.run(null, null, null, null, itemId);
        continue;
      }
      const state = deriveItemCustody(input.start, input.events, voided);
      update.run(
        state.status,
        state.locationId,
        state.statusSince,
        state.conflicts.length === 0 ? null : JSON.stringify(state.conflicts),
        itemId,
      );
      for (const holding of state.holdings) {
        insertHolding.run(itemId, holding.locationId, holding.holder, holding.amount);
      }
    }
  }
}

/** After an intake's item rows were rebuilt: those with custody events get their state again. */
export function refreshCustodyOfIntake(db: Db, intakeEventId: string): void {
  const touched = prepared(
    db,
    `SELECT i.id FROM items i WHERE i.intake_event_id = ?
       AND EXISTS (SELECT 1 FROM custody_item_events e WHERE e.item_id = i.id)`,
  )
    .pluck()
    .all(intakeEventId) as string[];
  if (touched.length > 0) refreshItemCustody(db, touched);
}

export type NewRecordProblem =
  | { readonly itemId: string; readonly conflict: CustodyConflict }
  | { readonly itemId: string; readonly unknown: true };

/** The conflicts a record would add to the items it names, were it written now. */
export function conflictsOfNewRecord(
  db: Db,
  entity: CustodyEntity,
  record: Record<string, unknown>,
): NewRecordProblem[] {
  const voided = voidedCustodyRecords(db);
  const corrected = correctedIdOf(record);
  const after = corrected === null ? voided : new Set([...voided, corrected]);
  const at = custodyMomentOf(entity, record);
  const id = String(record.id);
  const events = custodyEventsOf(entity, record);
  const inputs = loadCustodyInputs(
    db,
    events.map((event) => event.itemId),
  );
  return events.flatMap(({ itemId, summary }): NewRecordProblem[] => {
    const input = inputs.get(itemId);
    if (input === undefined) return [{ itemId, unknown: true as const }];
    const before = deriveItemCustody(input.start, input.events, voided);
    const withIt = deriveItemCustody(
      input.start,
      [...input.events, { recordId: id, at, effect: summary.effect }],
      after,
    );
    const known = new Set(before.conflicts.map((c) => `${c.recordId}:${c.reason}`));
    return withIt.conflicts
      .filter((conflict) => !known.has(`${conflict.recordId}:${conflict.reason}`))
      .map((conflict) => ({ itemId, conflict }));
  });
}
