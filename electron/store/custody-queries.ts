import type {
  AgeingBucket,
  CustodyItem,
  CustodyRecordSummary,
  ItemPick,
  SiteInventoryFilter,
  TimelineEntry,
} from '../../shared/ipc/procedures/custody.ts';
import { custodySiteTypes, ITEM_PICK_LIMIT } from '../../shared/ipc/procedures/custody.ts';
import type { CustodyConflict, CustodyEntity } from '../../shared/custody/item-custody.ts';
import type { Location } from '../../shared/domain/location.ts';
import { itemEvents, voidedCustodyRecords } from './custody-repository.ts';
import type { Db } from './encrypted-database.ts';
import {
  EFFECTIVE_LOCATION_SQL,
  EFFECTIVE_STATUS_SQL,
  itemColumns,
  serialMatch,
} from './items-repository.ts';
import { prepared } from './prepared.ts';

/**
 * What custody screens read: a site's inventory (derived, never typed), items to pick, an item's
 * timeline and the custody records. Read-only; quantities are never added across kinds or units.
 */

/** Items no longer held anywhere: nothing of them is in any site's inventory. */
const GONE = "('destroyed', 'lost_stolen', 'returned_legalized')";

/** Days since the item took its status, and the ageing bucket for an item awaiting destruction. */
function ageingSql(today: string): { days: string; bucket: string } {
  const days = `CAST(julianday('${today}') - julianday(coalesce(i.status_since, i.occurred_on)) AS INTEGER)`;
  return {
    days: `CASE WHEN ${EFFECTIVE_STATUS_SQL} = 'awaiting_destruction' THEN ${days} END`,
    bucket: `CASE WHEN ${EFFECTIVE_STATUS_SQL} <> 'awaiting_destruction' THEN NULL
      WHEN ${days} < 90 THEN 'under_90_days' WHEN ${days} <= 365 THEN 'days_90_to_365'
      ELSE 'over_a_year' END`,
  };
}

function todayOk(today: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error('today must be YYYY-MM-DD');
  return today;
}

/** Rows of items held at a site (rowid, amount there): untouched items still where they came in, and holdings. */
const HELD_AT_SITE = `
  SELECT i.rowid AS r, i.quantity_amount AS amount FROM items i
  WHERE i.location_id = @site AND i.custody_status IS NULL
    AND coalesce(i.lifecycle_status, 'in_custody') NOT IN ${GONE}
  UNION ALL
  SELECT i.rowid AS r, h.amount AS amount FROM item_holdings h JOIN items i ON i.id = h.item_id
  WHERE h.location_id = @site AND i.custody_status NOT IN ${GONE}`;

type CustodyItemRow = Omit<CustodyItem, 'inConflict'> & { inConflict: number };

function custodyColumns(today: string): string {
  const ageing = ageingSql(todayOk(today));
  return `${itemColumns}, ${EFFECTIVE_LOCATION_SQL} AS currentLocationId,
    cl.name AS currentLocationName, coalesce(i.status_since, i.occurred_on) AS statusSince,
    ${ageing.days} AS daysAwaiting, i.custody_conflicts IS NOT NULL AS inConflict,
    (SELECT t.text_as_read FROM item_texts t WHERE t.item_id = i.id AND t.text_kind = 'lot'
       LIMIT 1) AS lotNumber`;
}

const custodyJoins = `JOIN intake_events e ON e.id = i.intake_event_id
  LEFT JOIN locations l ON l.id = i.location_id
  LEFT JOIN locations cl ON cl.id = ${EFFECTIVE_LOCATION_SQL}`;

function toItem(row: CustodyItemRow): CustodyItem {
  return { ...row, inConflict: row.inConflict === 1 };
}

function emptyAgeing(): Record<AgeingBucket, number> {
  return { under_90_days: 0, days_90_to_365: 0, over_a_year: 0 };
}

export function readLocationRow(db: Db, id: string): Location | null {
  const row = prepared(db, 'SELECT data_json FROM locations WHERE id = ?').get(id) as
    { data_json: string } | undefined;
  return row === undefined ? null : (JSON.parse(row.data_json) as Location);
}

export function siteInventory(
  db: Db,
  filter: Required<Pick<SiteInventoryFilter, 'siteId' | 'limit' | 'offset'>> & SiteInventoryFilter,
  today: string,
) {
  const ageing = ageingSql(todayOk(today));
  const where: string[] = [];
  const params: Record<string, unknown> = { site: filter.siteId };
  if (filter.kind !== undefined) {
    where.push('i.kind = @kind');
    params.kind = filter.kind;
  }
  if (filter.lifecycleStatus !== undefined) {
    where.push(`${EFFECTIVE_STATUS_SQL} = @status`);
    params.status = filter.lifecycleStatus;
  }
  if (filter.ageing !== undefined) {
    where.push(`${ageing.bucket} = @ageing`);
    params.ageing = filter.ageing;
  }
  if (filter.serial !== undefined) {
    const match = serialMatch(filter.serial);
    where.push(match.sql);
    params.serial = match.serial;
  }
  const clause = where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`;
  const held = `WITH held AS (${HELD_AT_SITE})`;
  const totals = prepared(
    db,
    `${held} SELECT i.kind, i.quantity_unit AS unit, count(*) AS items, sum(coalesce(held.amount, 1)) AS amount
     FROM held JOIN items i ON i.rowid = held.r ${clause}
     GROUP BY i.kind, i.quantity_unit ORDER BY i.kind, i.quantity_unit`,
  ).all(params) as Array<{
    kind: CustodyItem['kind'];
    unit: string | null;
    items: number;
    amount: number;
  }>;
  const awaiting = emptyAgeing();
  const buckets = prepared(
    db,
    `${held} SELECT ${ageing.bucket} AS bucket, count(*) AS n FROM held JOIN items i ON i.rowid = held.r
     WHERE ${EFFECTIVE_STATUS_SQL} = 'awaiting_destruction' GROUP BY 1`,
  ).all({ site: filter.siteId }) as Array<{ bucket: AgeingBucket; n: number }>;
  for (const bucket of buckets) awaiting[bucket.bucket] = bucket.n;
  const rows = prepared(
    db,
    `${held} SELECT ${custodyColumns(today)}, held.amount AS amountHere
     FROM held JOIN items i ON i.rowid = held.r ${custodyJoins} ${clause}
     ORDER BY i.occurred_on DESC, i.rowid DESC LIMIT @limit OFFSET @offset`,
  ).all({ ...params, limit: filter.limit, offset: filter.offset }) as CustodyItemRow[];
  return {
    items: rows.map(toItem),
    total: totals.reduce((sum, line) => sum + line.items, 0),
    totals,
    awaiting,
  };
}

export function listStorageSites(db: Db, today: string) {
  const types = custodySiteTypes.map((type) => `'${type}'`).join(', ');
  const sites = prepared(
    db,
    `SELECT id, data_json FROM locations WHERE location_type IN (${types}) ORDER BY name`,
  ).all() as Array<{ id: string; data_json: string }>;
  const ageing = ageingSql(todayOk(today));
  return sites.map((site) => {
    const counts = prepared(
      db,
      `WITH held AS (${HELD_AT_SITE})
       SELECT count(DISTINCT i.id) AS items FROM held JOIN items i ON i.rowid = held.r`,
    ).get({ site: site.id }) as { items: number };
    const awaiting = emptyAgeing();
    const buckets = prepared(
      db,
      `WITH held AS (${HELD_AT_SITE})
       SELECT ${ageing.bucket} AS bucket, count(*) AS n FROM held JOIN items i ON i.rowid = held.r
       WHERE ${EFFECTIVE_STATUS_SQL} = 'awaiting_destruction' GROUP BY 1`,
    ).all({ site: site.id }) as Array<{ bucket: AgeingBucket; n: number }>;
    for (const bucket of buckets) awaiting[bucket.bucket] = bucket.n;
    return {
      location: JSON.parse(site.data_json) as Location,
      items: counts.items,
      awaiting,
    };
  });
}

/** Every item a site holds by its records, with the amount there: a stock check's expected list. */
export function heldAtSite(
  db: Db,
  siteId: string,
  today: string,
): Array<{ itemId: string; amount: number }> {
  todayOk(today);
  return prepared(
    db,
    `WITH held AS (${HELD_AT_SITE}) SELECT i.id AS itemId, coalesce(held.amount, 1) AS amount
       FROM held JOIN items i ON i.rowid = held.r WHERE i.record_status = 'final'
       ORDER BY i.kind, i.id`,
  ).all({ site: siteId }) as Array<{ itemId: string; amount: number }>;
}

/** How much of an item is at a site by its records, in its own unit (null: none of it there). */
export function amountAtSite(
  db: Db,
  itemId: string,
  siteId: string,
): { amount: number; unit: string } | null {
  const row = prepared(
    db,
    `WITH held AS (${HELD_AT_SITE}) SELECT coalesce(held.amount, 1) AS amount, i.quantity_unit AS unit
     FROM held JOIN items i ON i.rowid = held.r WHERE i.id = @item`,
  ).get({ site: siteId, item: itemId }) as { amount: number; unit: string | null } | undefined;
  return row === undefined || row.unit === null ? null : { amount: row.amount, unit: row.unit };
}

/** Items as a certificate lists them: what they are and every text read off them. */
export function certificateItemRows(
  db: Db,
  ids: readonly string[],
): Array<{
  id: string;
  kind: 'weapon' | 'part' | 'ammunition' | 'explosive';
  itemType: string | null;
  manufacturer: string | null;
  model: string | null;
  calibre: string | null;
  serialNumber: string | null;
  quantityAmount: number | null;
  quantityUnit: string | null;
  texts: string | null;
}> {
  return prepared(
    db,
    `SELECT i.id, i.kind, i.item_type AS itemType, i.manufacturer, i.model, i.calibre,
       i.serial_number AS serialNumber, i.quantity_amount AS quantityAmount,
       i.quantity_unit AS quantityUnit,
       (SELECT group_concat(t.text_as_read, '; ') FROM item_texts t WHERE t.item_id = i.id
          AND t.text_normalised <> coalesce(i.serial_normalised, '')) AS texts
     FROM json_each(@ids) page CROSS JOIN items i ON i.id = page.value ORDER BY page.key`,
  ).all({ ids: JSON.stringify(ids) }) as never;
}

/** Items to move or decide about, from one source, with how much of each is where asked. */
export function pickItems(db: Db, pick: ItemPick, today: string): CustodyItem[] {
  const columns = custodyColumns(today);
  let rows: CustodyItemRow[];
  if (pick.itemIds !== undefined) {
    rows = prepared(
      db,
      `SELECT ${columns}, i.quantity_amount AS amountHere
       FROM json_each(@ids) page CROSS JOIN items i ON i.id = page.value ${custodyJoins}
       ORDER BY page.key`,
    ).all({ ids: JSON.stringify(pick.itemIds) }) as CustodyItemRow[];
  } else if (pick.siteId !== undefined) {
    rows = prepared(
      db,
      `WITH held AS (${HELD_AT_SITE}) SELECT ${columns}, held.amount AS amountHere
       FROM held JOIN items i ON i.rowid = held.r ${custodyJoins}
       ORDER BY i.occurred_on DESC, i.rowid DESC LIMIT ${ITEM_PICK_LIMIT}`,
    ).all({ site: pick.siteId }) as CustodyItemRow[];
  } else if (pick.intakeEventId !== undefined) {
    rows = prepared(
      db,
      `SELECT ${columns}, i.quantity_amount AS amountHere FROM items i ${custodyJoins}
       WHERE i.intake_event_id = ? ORDER BY i.kind, i.position LIMIT ${ITEM_PICK_LIMIT}`,
    ).all(pick.intakeEventId) as CustodyItemRow[];
  } else if (pick.sealNumber !== undefined) {
    rows = prepared(
      db,
      `SELECT ${columns}, i.quantity_amount AS amountHere FROM items i ${custodyJoins}
       WHERE i.id IN (
         SELECT e2.item_id FROM custody_records r
         JOIN custody_item_events e2 ON e2.record_id = r.id
         WHERE r.entity = 'custody_transfer' AND EXISTS (
           SELECT 1 FROM json_each(r.data_json, '$.sealNumbers') s WHERE upper(s.value) = upper(@seal)))
       ORDER BY i.occurred_on DESC LIMIT ${ITEM_PICK_LIMIT}`,
    ).all({ seal: pick.sealNumber }) as CustodyItemRow[];
  } else {
    const match = serialMatch(pick.serial ?? '');
    rows = prepared(
      db,
      `SELECT ${columns}, i.quantity_amount AS amountHere FROM items i ${custodyJoins}
       WHERE ${match.sql} ORDER BY i.occurred_on DESC LIMIT ${ITEM_PICK_LIMIT}`,
    ).all({ serial: match.serial }) as CustodyItemRow[];
  }
  return rows.map(toItem);
}

/** Items a custody record names, as they are now. */
export function itemsOfCustodyRecord(db: Db, recordId: string, today: string): CustodyItem[] {
  return (
    prepared(
      db,
      `SELECT ${custodyColumns(today)}, i.quantity_amount AS amountHere
       FROM custody_item_events ev JOIN items i ON i.id = ev.item_id ${custodyJoins}
       WHERE ev.record_id = ? ORDER BY i.kind, i.occurred_on, i.rowid`,
    ).all(recordId) as CustodyItemRow[]
  ).map(toItem);
}

function personOf(db: Db, id: string): { id: string; name: string } {
  const name = prepared(db, 'SELECT name FROM users WHERE id = ?').pluck().get(id) as
    string | undefined;
  return { id, name: name ?? id };
}

function locationName(db: Db, id: string | null): string | null {
  if (id === null) return null;
  return (
    (prepared(db, 'SELECT name FROM locations WHERE id = ?').pluck().get(id) as
      string | undefined) ?? null
  );
}

/** The record correcting this one, if any (the newest, should there be several). */
export function correctedByOf(db: Db, id: string): string | null {
  return (
    (prepared(
      db,
      'SELECT id FROM custody_records WHERE corrects_id = ? ORDER BY occurred_at DESC, id DESC LIMIT 1',
    )
      .pluck()
      .get(id) as string | undefined) ?? null
  );
}

/** An item's whole life here: its intake, then each custody record about it, in order. */
export function itemTimeline(
  db: Db,
  itemId: string,
  conflicts: readonly CustodyConflict[],
): TimelineEntry[] {
  const intake = prepared(
    db,
    `SELECT e.id, e.record_number AS recordNumber, e.context, e.occurred_on AS at,
       l.name AS locationName, e.created_by AS createdBy
     FROM items i JOIN intake_events e ON e.id = i.intake_event_id
     LEFT JOIN locations l ON l.id = e.location_id WHERE i.id = ?`,
  ).get(itemId) as
    | {
        id: string;
        recordNumber: string | null;
        context: string;
        at: string | null;
        locationName: string | null;
        createdBy: string;
      }
    | undefined;
  const entries: TimelineEntry[] = [];
  if (intake !== undefined) {
    entries.push({
      type: 'intake',
      at: intake.at,
      intakeEventId: intake.id,
      recordNumber: intake.recordNumber,
      context: intake.context === '' ? null : intake.context,
      locationName: intake.locationName,
      recordedBy: personOf(db, intake.createdBy),
    });
  }
  const voided = voidedCustodyRecords(db);
  const conflictOf = (recordId: string) =>
    conflicts.find((conflict) => conflict.recordId === recordId)?.reason ?? null;
  for (const event of itemEvents(db, itemId)) {
    const record = prepared(db, 'SELECT created_by FROM custody_records WHERE id = ?')
      .pluck()
      .get(event.recordId) as string;
    const common = {
      at: event.at,
      recordId: event.recordId,
      recordedBy: personOf(db, record),
      correctedBy: voided.has(event.recordId) ? correctedByOf(db, event.recordId) : null,
      conflict: conflictOf(event.recordId),
    };
    const effect = event.summary.effect;
    if (effect.type === 'transfer') {
      entries.push({
        type: 'transfer',
        ...common,
        purpose: effect.purpose,
        fromHolder: event.summary.fromHolder ?? '',
        fromLocationName: locationName(db, effect.fromLocationId),
        toHolder: effect.toHolder,
        toLocationName: locationName(db, effect.toLocationId),
        amount: effect.amount,
      });
    } else if (effect.type === 'decision') {
      entries.push({
        type: 'decision',
        ...common,
        decision: effect.decision,
        decidedBy: event.summary.decidedBy ?? '',
        reason: event.summary.reason ?? '',
      });
    } else if (effect.type === 'destruction') {
      entries.push({
        type: 'destruction',
        ...common,
        // A destruction names its day only (it counts at the day's end): shown as that day.
        at: event.at.slice(0, 10),
        siteName: locationName(db, effect.siteLocationId),
        method: event.summary.method ?? '',
        certificateNumber: event.summary.certificateNumber ?? '',
        amount: effect.amount,
      });
    } else if (effect.type === 'loss') {
      entries.push({
        type: 'loss',
        ...common,
        incidentKind: effect.incidentKind,
        fromLocationName: locationName(db, effect.fromLocationId),
        circumstances: event.summary.reason ?? '',
        amount: effect.amount,
      });
    } else {
      entries.push({
        type: 'stock_check',
        ...common,
        siteName: locationName(db, effect.siteLocationId),
        countedBy: event.summary.countedBy ?? '',
        expectedAmount: effect.expectedAmount,
        foundAmount: effect.foundAmount,
      });
    }
  }
  return entries;
}

export { locationName };

export function listCustodyRecords(
  db: Db,
  filter: { entity?: CustodyEntity | undefined; limit: number; offset: number },
): { records: CustodyRecordSummary[]; total: number } {
  const where = filter.entity === undefined ? '' : 'WHERE r.entity = @entity';
  const params = filter.entity === undefined ? {} : { entity: filter.entity };
  const total = prepared(db, `SELECT count(*) FROM custody_records r ${where}`)
    .pluck()
    .get(params) as number;
  const rows = prepared(
    db,
    `SELECT r.id, r.entity, r.occurred_at AS occurredAt, r.corrects_id AS correctsId,
       r.created_by AS createdBy,
       json_extract(r.data_json, '$.purpose') AS purpose,
       json_extract(r.data_json, '$.decision') AS decision,
       coalesce(json_extract(r.data_json, '$.method'), json_extract(r.data_json, '$.incidentKind'))
         AS other,
       json_extract(r.data_json, '$.fromHolder.name') AS fromName,
       json_extract(r.data_json, '$.fromHolder.unit') AS fromUnit,
       json_extract(r.data_json, '$.toHolder.name') AS toName,
       json_extract(r.data_json, '$.toHolder.unit') AS toUnit,
       coalesce(json_array_length(r.data_json, '$.items'),
         json_array_length(r.data_json, '$.expected')) AS itemCount,
       (SELECT c.id FROM custody_records c WHERE c.corrects_id = r.id
        ORDER BY c.occurred_at DESC, c.id DESC LIMIT 1) AS correctedBy
     FROM custody_records r ${where}
     ORDER BY r.occurred_at DESC, r.id DESC LIMIT @limit OFFSET @offset`,
  ).all({ ...params, limit: filter.limit, offset: filter.offset }) as Array<{
    id: string;
    entity: CustodyEntity;
    occurredAt: string;
    correctsId: string | null;
    createdBy: string;
    purpose: string | null;
    decision: string | null;
    other: string | null;
    fromName: string | null;
    fromUnit: string | null;
    toName: string | null;
    toUnit: string | null;
    itemCount: number;
    correctedBy: string | null;
  }>;
  const holder = (name: string | null, unit: string | null) =>
    name === null ? null : [name, unit].filter((part) => part !== null).join(', ');
  return {
    total,
    records: rows.map((row) => ({
      id: row.id,
      entity: row.entity,
      occurredAt: row.occurredAt,
      what: row.purpose ?? row.decision ?? row.other ?? '',
      fromHolder: holder(row.fromName, row.fromUnit),
      toHolder: holder(row.toName, row.toUnit),
      itemCount: row.itemCount,
      recordedBy: personOf(db, row.createdBy),
      correctsId: row.correctsId,
      correctedBy: row.correctedBy,
    })),
  };
}

export { personOf };
