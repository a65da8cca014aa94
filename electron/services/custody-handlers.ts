import { v7 as uuidv7 } from 'uuid';
import {
  correctedIdOf,
  lotQuantityKindOf,
  type CustodyConflictReason,
  type CustodyEntity,
} from '../../shared/custody/item-custody.ts';
import type { ItemRef } from '../../shared/domain/item-ref.ts';
import type { IpcIssue } from '../../shared/ipc/errors.ts';
import { recordTypeOf, validateRecordOf } from '../../shared/records/record-types.ts';
import { AppError } from '../ipc/app-error.ts';
import { localDateOf } from './local-date.ts';
import type { HandlerTable } from '../ipc/handler-table.ts';
import type { IdleLock } from '../session/idle-lock.ts';
import type { Session, Unlocked } from '../session/session.ts';
import { missingAttachments } from '../store/attachments-repository.ts';
import { appendAuditEntry } from '../store/audit-log.ts';
import {
  conflictsOfNewRecord,
  deriveStoredItem,
  insertCustodyRecord,
  itemsConcernedBy,
  readCustodyRecord,
  refreshItemCustody,
  voidedCustodyRecords,
} from '../store/custody-repository.ts';
import {
  amountAtSite,
  correctedByOf,
  heldAtSite,
  itemsOfCustodyRecord,
  itemTimeline,
  listCustodyRecords,
  listStorageSites,
  locationName,
  personOf,
  pickItems,
  readLocationRow,
  siteInventory,
} from '../store/custody-queries.ts';
import { sealRecord } from '../store/custody-seals.ts';
import { appendOutbox } from '../store/outbox.ts';
import { insertSigningKey } from '../store/signing-keys-repository.ts';
import { prepared } from '../store/prepared.ts';
import { localContext } from './final-form.ts';
import { requireRecordPermission } from './permissions.ts';

type CustodyHandlers = Pick<
  HandlerTable,
  | 'recordCustodyTransfer'
  | 'recordCustodyDecision'
  | 'recordDestruction'
  | 'recordStockCheck'
  | 'recordLossIncident'
  | 'listStorageSites'
  | 'getSiteInventory'
  | 'pickItems'
  | 'getItemCustody'
  | 'listCustodyRecords'
  | 'getCustodyRecord'
>;

/** Rows this connection has changed since it opened: unchanged means nothing was written. */
function totalChanges(db: Unlocked['db']): number {
  return prepared(db, 'SELECT total_changes()').pluck().get() as number;
}

const reasonText: Readonly<Record<CustodyConflictReason, string>> = {
  already_destroyed: 'is destroyed',
  lost_or_stolen: 'is recorded lost or stolen',
  already_returned: 'was returned to its owner',
  not_at_origin: 'is not where this record says it leaves from',
  not_enough_at_origin: 'has less of it there than this record moves',
};

/**
 * Custody records are sealed when written: one transaction writes the record, its items' events,
 * their derived state, its audit entry and its outbox row. A record that would contradict what
 * this laptop knows (an item destroyed, lost, or not where the record says it leaves from) is
 * refused with the items named; contradictions between laptops arrive by sync and are shown.
 */
export function custodyHandlers(
  session: Session,
  idle: IdleLock,
  now: () => Date = () => new Date(),
  onSaved: () => void = () => undefined,
): CustodyHandlers {
  const open = (): Unlocked => {
    idle.touch();
    return session.requireUnlocked();
  };

  /** Validates a new record and everything it names; returns it as it will be sealed. */
  const prepare = (
    { db, user }: Unlocked,
    entity: CustodyEntity,
    input: Record<string, unknown>,
    id: string,
    when: Date,
  ): Record<string, unknown> => {
    requireRecordPermission(user, entity, 'create');
    if (readCustodyRecord(db, id) !== null) {
      throw new AppError('CONFLICT', 'This record is already sealed; it cannot be saved again.');
    }
    const result = validateRecordOf(
      recordTypeOf(entity),
      { ...completed(db, entity, input, when), id },
      { final: true, context: localContext(db, when) },
    );
    if (!result.ok) {
      throw new AppError(
        'VALIDATION_ERROR',
        'Some fields are missing or not valid.',
        result.issues.map((issue) => ({
          path: issue.path.map(String).join('.'),
          message: issue.message,
          code: 'custom',
        })),
      );
    }
    const data = withCorrectedDigest(db, entity, result.data);
    checkReferences(db, entity, data);
    checkItems(db, data);
    const problems = conflictsOfNewRecord(db, entity, data);
    if (problems.length > 0) {
      const lines = problems.map((problem) => {
        const label = itemLabel(db, problem.itemId);
        return 'unknown' in problem
          ? `${label} is not on this computer`
          : `${label} ${reasonText[problem.conflict.reason]}`;
      });
      throw new AppError(
        'VALIDATION_ERROR',
        `This cannot be recorded: ${lines.join('; ')}.`,
        problems.map((problem) => ({
          path: 'items',
          message: 'unknown' in problem ? 'itemUnknown' : problem.conflict.reason,
          code: 'custom',
        })),
      );
    }
    return data;
  };

  /**
   * Seals a record with the signed-in person's key, opened by the passphrase they type for it.
   * Everything is checked before the (slow, deliberate) key opening and again in the transaction
   * that writes it, since another window may have recorded something meanwhile.
   */
  const seal = async (
    entity: CustodyEntity,
    input: Record<string, unknown>,
    passphrase: string,
  ): Promise<{ id: string }> => {
    const first = open();
    const checked = first.db.transaction(() => ({
      data: prepare(first, entity, input, uuidv7(), now()),
      changes: totalChanges(first.db),
    }))();
    const key = await session.openSigningKey(passphrase);
    // Its id is drawn after the key's, so a key made for this seal sorts (and syncs) before it.
    const id = uuidv7();
    const unlocked = session.requireUnlocked();
    if (unlocked.user.id !== first.user.id) {
      throw new AppError('LOCKED', 'Someone else signed in meanwhile; nothing was sealed.');
    }
    const { db, dbId, user } = unlocked;
    const when = now();
    const at = when.toISOString();
    db.transaction(() => {
      // Checked again only if anything was written meanwhile (sync, another window): the store's
      // one connection counts every row it changes.
      const data =
        db === first.db && totalChanges(db) === checked.changes
          ? { ...checked.data, id }
          : prepare(unlocked, entity, input, id, when);
      if (key.created !== null) {
        const created = key.created;
        insertSigningKey(db, created);
        const publicRecord = {
          id: created.keyId,
          personId: created.userId,
          algorithm: 'ed25519',
          publicKey: created.publicKey,
          createdAt: created.createdAt,
        };
        appendAuditEntry(db, dbId, {
          at,
          userId: user.id,
          action: 'signing_key.created',
          entity: 'signing_key',
          entityId: created.keyId,
          before: null,
          after: publicRecord,
        });
        appendOutbox(db, {
          entity: 'signing_key',
          entityId: created.keyId,
          op: 'create',
          baseRevision: 0,
          payload: publicRecord,
          changedFields: null,
          createdAt: at,
          createdBy: user.id,
        });
      }
      const sealed = sealRecord(entity, data, key, user.id, at);
      insertCustodyRecord(db, entity, sealed, { createdAt: at, createdBy: user.id });
      refreshItemCustody(db, itemsConcernedBy(db, id));
      // The sealed record, seal and all, goes into the audit chain.
      appendAuditEntry(db, dbId, {
        at,
        userId: user.id,
        action: `${entity}.sealed`,
        entity,
        entityId: id,
        before: null,
        after: sealed,
      });
      appendOutbox(db, {
        entity,
        entityId: id,
        op: 'create',
        baseRevision: 0,
        payload: sealed,
        changedFields: null,
        createdAt: at,
        createdBy: user.id,
      });
    })();
    onSaved();
    return { id };
  };

  return {
    recordCustodyTransfer: ({ transfer, passphrase }) =>
      seal('custody_transfer', transfer, passphrase),
    recordCustodyDecision: ({ decision, passphrase }) =>
      seal('custody_decision', decision, passphrase),
    recordDestruction: ({ destruction, passphrase }) =>
      seal('destruction_event', destruction, passphrase),
    recordStockCheck: ({ stockCheck, passphrase }) => seal('stock_check', stockCheck, passphrase),
    recordLossIncident: ({ incident, passphrase }) => seal('loss_incident', incident, passphrase),

    listStorageSites: () => listStorageSites(open().db, localDateOf(now())),

    getSiteInventory: (filter) => {
      const { db } = open();
      const location = readLocationRow(db, filter.siteId);
      if (location === null) throw new AppError('NOT_FOUND', 'This site does not exist here.');
      return { location, ...siteInventory(db, filter, localDateOf(now())) };
    },

    pickItems: (pick) => pickItems(open().db, pick, localDateOf(now())),

    getItemCustody: ({ id }) => {
      const { db } = open();
      const state = deriveStoredItem(db, id, voidedCustodyRecords(db));
      if (state === null)
        throw new AppError('NOT_FOUND', 'No record on this computer lists this item.');
      return {
        status: state.status,
        statusSince: state.statusSince,
        holdings: state.holdings.map((holding) => ({
          ...holding,
          locationName: locationName(db, holding.locationId),
        })),
        conflicts: [...state.conflicts],
        timeline: itemTimeline(db, id, state.conflicts),
      };
    },

    listCustodyRecords: (filter) => listCustodyRecords(open().db, filter),

    getCustodyRecord: ({ id }) => {
      const { db } = open();
      const record = readCustodyRecord(db, id);
      if (record === null)
        throw new AppError('NOT_FOUND', 'This custody record does not exist here.');
      return {
        entity: record.entity,
        record: record.data,
        recordedAt: record.createdAt,
        recordedBy: personOf(db, record.createdBy),
        correctedBy: correctedByOf(db, id),
        items: itemsOfCustodyRecord(db, id, localDateOf(now())),
      };
    },
  };
}

/** Every photo a record names ({sha256, mime, size, kind} anywhere in it), with its path. */
function attachmentsIn(value: unknown, path = ''): Array<{ path: string; sha256: string }> {
  if (Array.isArray(value)) {
    return value.flatMap((item, index) =>
      attachmentsIn(item, path === '' ? `${index}` : `${path}.${index}`),
    );
  }
  if (typeof value !== 'object' || value === null) return [];
  const record = value as Record<string, unknown>;
  if (typeof record.sha256 === 'string' && typeof record.mime === 'string') {
    return [{ path, sha256: record.sha256 }];
  }
  return Object.entries(record).flatMap(([key, inner]) =>
    key === 'seal' ? [] : attachmentsIn(inner, path === '' ? key : `${path}.${key}`),
  );
}

/**
 * What main adds to a record before it is checked and sealed: a stock check's expected list (the
 * site's inventory by its records, now) and its discrepancies, so neither can be typed to hide a
 * missing item.
 */
function completed(
  db: Unlocked['db'],
  entity: CustodyEntity,
  input: Record<string, unknown>,
  when: Date,
): Record<string, unknown> {
  if (entity === 'destruction_event') return withLotAmounts(db, input);
  if (entity !== 'stock_check' || typeof input.siteLocationId !== 'string') return input;
  const expected = heldAtSite(db, input.siteLocationId, localDateOf(when));
  const found = new Map(
    ((input.found ?? []) as Array<{ itemId: string; amount: number }>).map((line) => [
      line.itemId,
      line.amount,
    ]),
  );
  const discrepancies: Array<Record<string, unknown>> = [];
  for (const line of expected) {
    const counted = found.get(line.itemId);
    if (counted === undefined || counted === 0) {
      discrepancies.push({
        kind: 'missing',
        itemId: line.itemId,
        expectedAmount: line.amount,
        foundAmount: 0,
      });
    } else if (counted !== line.amount) {
      discrepancies.push({
        kind: 'count_differs',
        itemId: line.itemId,
        expectedAmount: line.amount,
        foundAmount: counted,
      });
    }
  }
  const expectedIds = new Set(expected.map((line) => line.itemId));
  for (const [itemId, amount] of found) {
    if (!expectedIds.has(itemId)) {
      discrepancies.push({ kind: 'not_on_record', itemId, expectedAmount: 0, foundAmount: amount });
    }
  }
  for (const find of (input.unlistedFinds ?? []) as Array<{ description: string }>) {
    discrepancies.push({ kind: 'not_on_record', description: find.description });
  }
  return { ...input, expected, discrepancies };
}

/**
 * A destruction states how much of each lot it destroyed: a lot named without a quantity is all
 * of it at the site by the records, written out, so the certificate and every later count agree.
 */
function withLotAmounts(
  db: Unlocked['db'],
  input: Record<string, unknown>,
): Record<string, unknown> {
  if (typeof input.siteLocationId !== 'string' || !Array.isArray(input.items)) return input;
  const site = input.siteLocationId;
  const items = (input.items as Array<Record<string, unknown>>).map((ref) => {
    const kind = (lotQuantityKindOf as Partial<Record<ItemRef['kind'], string>>)[
      ref.kind as ItemRef['kind']
    ];
    if (kind === undefined || ref.quantity !== undefined || typeof ref.id !== 'string') return ref;
    const held = amountAtSite(db, ref.id, site);
    return held === null
      ? ref
      : { ...ref, quantity: { kind, unit: held.unit, amount: held.amount } };
  });
  return { ...input, items };
}

/** A correction seals the digest of the record it corrects, as that record's seal gave it. */
function withCorrectedDigest(
  db: Unlocked['db'],
  entity: CustodyEntity,
  data: Record<string, unknown>,
): Record<string, unknown> {
  const correction = data.correction as { correctsId: string } | undefined;
  if (correction === undefined) return data;
  const target = readCustodyRecord(db, correction.correctsId);
  const digest = (target?.data.seal as { digest?: unknown } | undefined)?.digest;
  if (target === null || target.entity !== entity || typeof digest !== 'string') return data;
  return { ...data, correction: { ...correction, correctsDigest: digest } };
}

/** A correction names a record of its own kind that stands; drawn signatures are stored here. */
function checkReferences(db: Unlocked['db'], entity: CustodyEntity, data: Record<string, unknown>) {
  const issues: IpcIssue[] = [];
  const corrected = correctedIdOf(data);
  if (corrected !== null) {
    const target = readCustodyRecord(db, corrected);
    if (target === null || target.entity !== entity) {
      issues.push({ path: 'correction.correctsId', message: 'recordUnknown', code: 'custom' });
    } else if (correctedByOf(db, corrected) !== null) {
      throw new AppError(
        'VALIDATION_ERROR',
        'That record has already been corrected; correct the correction instead.',
        [{ path: 'correction.correctsId', message: 'alreadyCorrected', code: 'custom' }],
      );
    }
  }
  // Drawn signatures, photos and the certificate's scan: each must be stored here.
  for (const { path, sha256 } of attachmentsIn(data)) {
    if (missingAttachments(db, [sha256]).length > 0) {
      issues.push({ path, message: 'photoNotAttached', code: 'custom' });
    }
  }
  if (issues.length > 0) {
    throw new AppError(
      'VALIDATION_ERROR',
      'The record refers to something that does not exist.',
      issues,
    );
  }
}

/**
 * Every item is known here and its intake is final (evidence moves only once it is recorded for
 * good); a container is picked item by item; a part of a lot moves in the lot's own unit.
 */
function checkItems(db: Unlocked['db'], data: Record<string, unknown>) {
  const refs = (data.items ?? []) as Array<{
    kind: string;
    id?: string;
    quantity?: { amount: number; unit: string };
  }>;
  const issues: IpcIssue[] = [];
  const lines: string[] = [];
  refs.forEach((ref, index) => {
    if (ref.id === undefined) {
      issues.push({ path: `items.${index}`, message: 'containerNotPicked', code: 'custom' });
      lines.push('a container must be opened and its items picked one by one');
      return;
    }
    const row = prepared(
      db,
      `SELECT i.kind, i.record_status AS recordStatus, i.quantity_amount AS amount,
         i.quantity_unit AS unit FROM items i WHERE i.id = ?`,
    ).get(ref.id) as
      | { kind: string; recordStatus: string; amount: number | null; unit: string | null }
      | undefined;
    const label = itemLabel(db, ref.id);
    if (row === undefined) {
      issues.push({ path: `items.${index}`, message: 'itemUnknown', code: 'custom' });
      lines.push(`${label} is not on this computer`);
    } else if (row.recordStatus !== 'final') {
      issues.push({ path: `items.${index}`, message: 'recordNotFinal', code: 'custom' });
      lines.push(`${label} is on a draft record; finalise the record first`);
    } else if (ref.quantity !== undefined && row.unit !== null && ref.quantity.unit !== row.unit) {
      issues.push({
        path: `items.${index}.quantity.unit`,
        message: 'unitMismatch',
        code: 'custom',
      });
      lines.push(`${label} is counted in ${row.unit}, not ${ref.quantity.unit}`);
    } else if (
      ref.quantity !== undefined &&
      row.amount !== null &&
      ref.quantity.amount > row.amount
    ) {
      issues.push({
        path: `items.${index}.quantity.amount`,
        message: 'moreThanTheLot',
        code: 'custom',
      });
      lines.push(`${label} holds only ${row.amount} ${row.unit ?? ''}`.trimEnd());
    }
  });
  if (issues.length > 0) {
    throw new AppError('VALIDATION_ERROR', `This cannot be recorded: ${lines.join('; ')}.`, issues);
  }
}

/** What a person recognises an item by: its serial, else its kind and type. */
function itemLabel(db: Unlocked['db'], id: string): string {
  const row = prepared(
    db,
    `SELECT kind, item_type AS type, serial_number AS serial,
       (SELECT text_as_read FROM item_texts WHERE item_id = items.id AND text_kind = 'lot'
        LIMIT 1) AS lot
     FROM items WHERE id = ?`,
  ).get(id) as
    { kind: string; type: string | null; serial: string | null; lot: string | null } | undefined;
  if (row === undefined) return `Item ${id.slice(0, 8)}`;
  if (row.serial !== null) return `${row.kind === 'weapon' ? 'Weapon' : 'Item'} ${row.serial}`;
  const what = `The ${row.kind}${row.type === null ? '' : ` (${row.type.replaceAll('_', ' ')})`}`;
  // A lot is told apart by its lot number.
  return row.lot !== null ? `${what} of lot ${row.lot}` : `${what} without a serial`;
}
