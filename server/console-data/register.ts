import type {
  ItemCustody,
  RecordPage,
  RegisterItem,
  RegisterPage,
  RegisterQuery,
  SealCheck,
} from '../../shared/console/console-data.ts';
import { isCustodyEntity } from '../../shared/custody/item-custody.ts';
import { normaliseMarkingText } from '../../shared/domain/serial-number.ts';
import type { Queryable } from '../db/database.ts';
import { isoTime } from '../sync/stored-record.ts';
import { sealProblemOf } from '../sync/seal-check.ts';
import { inTeamScopeSql, teamViewIds } from '../teams/team-scope.ts';
import type { TeamRef } from '../teams/teams.ts';
import { scopeTeamOf } from './scope-team.ts';

/**
 * The records register of the console: every item the server holds, across the whole country,
 * searched by what an officer reads off a weapon or a lot, and a record's page with its history,
 * items, each item's custody timeline and every seal checked again as the page is read (a seal
 * that no longer verifies means the stored record was changed after it was signed).
 */

/** `begins with` over the serial's search form, as the serial lookup reads it (migration 90). */
const PREFIX_END = '\u{10FFFF}';

const ITEM_COLUMNS = `i.id, i.kind, i.item_type, i.category, i.serial_number, i.manufacturer,
  i.model, i.calibre, i.quantity_amount, i.quantity_unit,
  coalesce(c.status, i.lifecycle_status, 'in_custody') AS status, i.intake_event_id,
  e.record_number, i.occurred_on, i.location_id, l.name AS location_name, l.jurisdiction,
  i.record_status`;

const ITEM_FROM = `items i
  LEFT JOIN item_custody c ON c.item_id = i.id
  LEFT JOIN measure_intakes e ON e.id = i.intake_event_id
  LEFT JOIN measure_places l ON l.id = i.location_id`;

interface ItemRow {
  id: string;
  kind: RegisterItem['kind'];
  item_type: string | null;
  category: string | null;
  serial_number: string | null;
  manufacturer: string | null;
  model: string | null;
  calibre: string | null;
  quantity_amount: number | null;
  quantity_unit: string | null;
  status: string;
  intake_event_id: string;
  record_number: string | null;
  occurred_on: string | null;
  location_id: string | null;
  location_name: string | null;
  jurisdiction: string | null;
  record_status: 'draft' | 'final';
}

const itemOf = (row: ItemRow): RegisterItem => ({
  id: row.id,
  kind: row.kind,
  itemType: row.item_type,
  category: row.category,
  serialNumber: row.serial_number,
  manufacturer: row.manufacturer,
  model: row.model,
  calibre: row.calibre,
  quantityAmount: row.quantity_amount === null ? null : Number(row.quantity_amount),
  quantityUnit: row.quantity_unit,
  status: row.status,
  intakeEventId: row.intake_event_id,
  recordNumber: row.record_number,
  occurredOn: row.occurred_on,
  locationId: row.location_id,
  locationName: row.location_name,
  jurisdiction: row.jurisdiction,
  recordStatus: row.record_status,
});

/** A page's position: the last item's intake date and id (newest first), opaque to the page. */
interface Cursor {
  readonly on: string;
  readonly id: string;
}

export class BadCursorError extends Error {
  override readonly name = 'BadCursorError';
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.on, cursor.id]), 'utf8').toString('base64url');
}

function decodeCursor(value: string): Cursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      typeof parsed[0] === 'string' &&
      typeof parsed[1] === 'string'
    ) {
      return { on: parsed[0], id: parsed[1] };
    }
  } catch {
    // Falls through: any other text is not a cursor this server gave.
  }
  throw new BadCursorError('This page position is not one the register gave.');
}

/**
 * The WHERE of a register query over ITEM_FROM, with its positional parameters. A team's scope
 * (`team`, looked up from the query's teamId) keeps the items whose intake record the team's
 * laptops pull; a national team's is every item.
 */
export function registerConditions(
  query: Omit<RegisterQuery, 'cursor' | 'limit'>,
  team: Pick<TeamRef, 'id' | 'national'> | undefined,
): {
  where: string[];
  values: unknown[];
} {
  const where: string[] = [];
  const values: unknown[] = [];
  const param = (value: unknown) => `$${values.push(value)}`;
  if (team !== undefined && !team.national) {
    where.push(inTeamScopeSql('i.intake_event_id', param(teamViewIds(team.id))));
  }
  if (query.serial !== undefined) {
    const normalised = normaliseMarkingText(query.serial);
    if (normalised.length >= 4) {
      where.push(
        `i.serial_normalised COLLATE "C" >= ${param(normalised)}
         AND i.serial_normalised COLLATE "C" < ${param(`${normalised}${PREFIX_END}`)}`,
      );
    } else {
      where.push(`i.serial_normalised = ${param(normalised)}`);
    }
  }
  if (query.make !== undefined) where.push(`lower(i.manufacturer) = lower(${param(query.make)})`);
  if (query.calibre !== undefined) where.push(`lower(i.calibre) = lower(${param(query.calibre)})`);
  if (query.kind !== undefined) where.push(`i.kind = ${param(query.kind)}`);
  if (query.itemType !== undefined) where.push(`i.item_type = ${param(query.itemType)}`);
  if (query.status !== undefined) {
    where.push(`coalesce(c.status, i.lifecycle_status, 'in_custody') = ${param(query.status)}`);
  }
  if (query.locationId !== undefined) where.push(`i.location_id = ${param(query.locationId)}`);
  if (query.jurisdiction !== undefined) where.push(`l.jurisdiction = ${param(query.jurisdiction)}`);
  if (query.from !== undefined) where.push(`i.occurred_on >= ${param(query.from)}`);
  if (query.to !== undefined) where.push(`i.occurred_on <= ${param(query.to)}`);
  if (query.recordStatus !== undefined)
    where.push(`i.record_status = ${param(query.recordStatus)}`);
  return { where, values };
}

/**
 * A page of the register, newest intake first, then by id: the cursor is the last row's
 * (date, id), so a page never repeats or skips an item while laptops push new ones before it.
 */
export async function searchRegister(db: Queryable, query: RegisterQuery): Promise<RegisterPage> {
  return registerPage(db, query, await scopeTeamOf(db, query.teamId));
}

async function registerPage(
  db: Queryable,
  query: RegisterQuery,
  team: TeamRef | undefined,
): Promise<RegisterPage> {
  const { where, values } = registerConditions(query, team);
  const param = (value: unknown) => `$${values.push(value)}`;
  if (query.cursor !== undefined) {
    const cursor = decodeCursor(query.cursor);
    where.push(
      `(coalesce(i.occurred_on, ''), i.id COLLATE "C") < (${param(cursor.on)}, ${param(cursor.id)} COLLATE "C")`,
    );
  }
  const { rows } = await db.query<ItemRow>(
    `SELECT ${ITEM_COLUMNS} FROM ${ITEM_FROM}
     ${where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`}
     ORDER BY coalesce(i.occurred_on, '') DESC, i.id COLLATE "C" DESC
     LIMIT ${param(query.limit + 1)}`,
    values,
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(itemOf),
    nextCursor:
      rows.length > query.limit && last !== undefined
        ? encodeCursor({ on: last.occurred_on ?? '', id: last.id })
        : null,
  };
}

/**
 * Every row a register query selects, in pages (exports stream them), for the team its teamId
 * named (looked up by the caller before the first row: scopeTeamOf).
 */
export async function* registerRows(
  db: Queryable,
  query: Omit<RegisterQuery, 'cursor' | 'limit'>,
  team: TeamRef | undefined,
  pageSize = 1000,
): AsyncGenerator<RegisterItem[]> {
  let cursor: string | undefined;
  for (;;) {
    const page = await registerPage(
      db,
      { ...query, limit: pageSize, ...(cursor === undefined ? {} : { cursor }) },
      team,
    );
    if (page.items.length > 0) yield page.items;
    if (page.nextCursor === null) return;
    cursor = page.nextCursor;
  }
}

/** A sealed record's seal against the key its signer registered (a signing_key record). */
async function checkSeal(
  db: Queryable,
  entity: string,
  data: Record<string, unknown>,
  authorId: string,
): Promise<SealCheck> {
  const keyId = (data.seal as { keyId?: unknown } | undefined)?.keyId;
  const keys = new Map<string, Record<string, unknown>>();
  if (typeof keyId === 'string') {
    const { rows } = await db.query<{ data: Record<string, unknown> }>(
      `SELECT data FROM records WHERE id = $1 AND entity = 'signing_key' AND NOT deleted`,
      [keyId],
    );
    if (rows[0] !== undefined) keys.set(keyId, rows[0].data);
  }
  const problem = sealProblemOf(entity, data, authorId, (id) => keys.get(id));
  return { ok: problem === null, problem };
}

/** Items with their derived custody and their timeline of custody records, seals checked. */
export async function itemsCustody(
  db: Queryable,
  itemIds: readonly string[],
): Promise<ItemCustody[]> {
  if (itemIds.length === 0) return [];
  const items = await db.query<
    ItemRow & { status_since: string | null; conflicts: unknown[] | null }
  >(
    `SELECT ${ITEM_COLUMNS}, c.status_since, c.conflicts FROM ${ITEM_FROM}
     WHERE i.id = ANY ($1::text[]) ORDER BY i.kind, i.position`,
    [itemIds],
  );
  const steps = await db.query<{
    item_id: string;
    record_id: string;
    occurred_at: string;
    effect: Record<string, unknown>;
    entity: string;
    data: Record<string, unknown>;
    created_by: string;
    corrected_by: string | null;
  }>(
    `SELECT ce.item_id, ce.record_id, ce.occurred_at, ce.effect, r.entity, r.data, r.created_by,
       k.corrected_by
     FROM custody_events ce
     JOIN records r ON r.id = ce.record_id AND NOT r.deleted
     LEFT JOIN custody_corrections k ON k.record_id = ce.record_id
     WHERE ce.item_id = ANY ($1::text[])
     ORDER BY ce.item_id, ce.occurred_at COLLATE "C", ce.record_id COLLATE "C"`,
    [itemIds],
  );
  const seals = new Map<string, SealCheck>();
  for (const step of steps.rows) {
    if (!seals.has(step.record_id)) {
      seals.set(step.record_id, await checkSeal(db, step.entity, step.data, step.created_by));
    }
  }
  return items.rows.map((row) => ({
    item: itemOf(row),
    status: row.status,
    statusSince: row.status_since,
    conflicts: row.conflicts ?? [],
    timeline: steps.rows
      .filter((step) => step.item_id === row.id)
      .map((step) => ({
        recordId: step.record_id,
        entity: step.entity,
        at: step.occurred_at,
        summary: step.effect,
        correctedBy: step.corrected_by,
        seal: seals.get(step.record_id)!,
      })),
  }));
}

/** A record's page; null when the server holds no such record. */
export async function recordPage(db: Queryable, id: string): Promise<RecordPage | null> {
  const { rows } = await db.query<{
    id: string;
    entity: string;
    status: 'draft' | 'final';
    deleted: boolean;
    server_rev: number;
    data: Record<string, unknown> | null;
    created_by: string;
    created_by_name: string | null;
    updated_by: string;
    updated_by_name: string | null;
    received_at: Date | string;
  }>(
    `SELECT r.id, r.entity, r.status, r.deleted, r.server_rev, r.data, r.created_by::text,
       pc.name AS created_by_name, r.updated_by::text, pu.name AS updated_by_name, r.received_at
     FROM records r
     LEFT JOIN people pc ON pc.id = r.created_by
     LEFT JOIN people pu ON pu.id = r.updated_by
     WHERE r.id = $1`,
    [id],
  );
  const record = rows[0];
  if (record === undefined) return null;
  const history = await db.query<{
    server_rev: number;
    op: string;
    author_id: string;
    author_name: string | null;
    changed_fields: string[];
    device_time: Date | string;
    received_at: Date | string;
    reason: string | null;
  }>(
    `SELECT h.server_rev, h.op, h.author_id::text, p.name AS author_name, h.changed_fields,
       h.device_time, h.received_at, h.reason
     FROM record_history h LEFT JOIN people p ON p.id = h.author_id
     WHERE h.record_id = $1 ORDER BY h.server_rev, h.id`,
    [id],
  );
  const itemIds =
    record.entity === 'intake_event'
      ? await db.query<{ id: string }>('SELECT id FROM items WHERE intake_event_id = $1', [id])
      : await db.query<{ id: string }>(
          'SELECT DISTINCT item_id AS id FROM custody_events WHERE record_id = $1',
          [id],
        );
  const photos = await db.query<{ sha256: string }>(
    'SELECT sha256 FROM record_photos WHERE record_id = $1 ORDER BY sha256',
    [id],
  );
  const sealed = isCustodyEntity(record.entity) && record.data !== null && !record.deleted;
  return {
    record: {
      id: record.id,
      entity: record.entity,
      status: record.status,
      deleted: record.deleted,
      serverRev: record.server_rev,
      data: record.data,
      createdBy: { id: record.created_by, name: record.created_by_name },
      updatedBy: { id: record.updated_by, name: record.updated_by_name },
      receivedAt: isoTime(record.received_at),
    },
    seal: sealed ? await checkSeal(db, record.entity, record.data!, record.created_by) : null,
    history: history.rows.map((row) => ({
      serverRev: row.server_rev,
      op: row.op,
      authorId: row.author_id,
      authorName: row.author_name,
      changedFields: row.changed_fields,
      deviceTime: isoTime(row.device_time),
      receivedAt: isoTime(row.received_at),
      reason: row.reason,
    })),
    items: await itemsCustody(
      db,
      itemIds.rows.map((row) => row.id),
    ),
    photos: photos.rows,
  };
}
