import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { HistoricCount } from '../../shared/domain/historic-count.ts';
import { quantityKindValues } from '../../shared/domain/quantity.ts';
import { readHistoricCounts } from '../../shared/import/historic-count-import.ts';
import type { HistoricTotal } from '../../shared/ipc/procedures/historic-counts.ts';
import { historicCountType, validateRecordOf } from '../../shared/records/record-types.ts';
import { AppError } from '../ipc/app-error.ts';
import type { HandlerTable } from '../ipc/handler-table.ts';
import type { IdleLock } from '../session/idle-lock.ts';
import type { Session, Unlocked } from '../session/session.ts';
import { appendAuditEntry } from '../store/audit-log.ts';
import {
  historicTotals,
  listHistoricCounts,
  readHistoricCount,
  readHistoricCountMeta,
  writeHistoricCount,
} from '../store/historic-counts-repository.ts';
import { appendOutbox } from '../store/outbox.ts';
import { findUser } from '../store/users-repository.ts';
import { changedTopLevelFields } from '../sync/fields.ts';
import { localContext } from './final-form.ts';
import { blocksOf, rowsOf } from './import-rows.ts';
import { requireRecordPermission } from './permissions.ts';

type HistoricCountHandlers = Pick<
  HandlerTable,
  'saveHistoricCount' | 'listHistoricCounts' | 'importHistoricCounts'
>;

const ENTITY = 'historic_count';
const shownErrors = 200;

/**
 * Historic aggregate counts. A save or an import writes each count, its audit entry and its
 * outbox row in one transaction; an import with any wrong row stores nothing.
 */
export function historicCountHandlers(
  session: Session,
  idle: IdleLock,
  now: () => Date = () => new Date(),
  onSaved: () => void = () => undefined,
): HistoricCountHandlers {
  const open = (): Unlocked => {
    idle.touch();
    return session.requireUnlocked();
  };

  return {
    saveHistoricCount: ({ count: sent, expectedRevision }) => {
      const unlocked = open();
      const { db, user } = unlocked;
      const when = now();
      db.transaction(() => {
        const before = readHistoricCount(db, sent.id);
        // Where a count came from is main's to say: only an import sets it, and it stays.
        const { importedFrom: _claimed, ...typed } = sent;
        const count: HistoricCount = {
          ...typed,
          ...(before?.importedFrom === undefined ? {} : { importedFrom: before.importedFrom }),
        };
        const meta = readHistoricCountMeta(db, count.id);
        requireRecordPermission(user, ENTITY, before === null ? 'create' : 'update');
        if (before === null && expectedRevision !== null) {
          throw new AppError('NOT_FOUND', 'This count does not exist on this computer.');
        }
        if (meta !== null && meta.revision !== expectedRevision) {
          throw new AppError(
            'CONFLICT',
            'Someone changed this count in the meantime. Reopen it to see the latest version.',
          );
        }
        const checked = validateRecordOf(historicCountType, count, {
          final: true,
          context: localContext(db, when),
        });
        if (!checked.ok) {
          throw new AppError(
            'VALIDATION_ERROR',
            'This count cannot be saved as it is.',
            checked.issues.map((issue) => ({
              path: ['count', ...issue.path].map(String).join('.'),
              message: issue.message,
              code: 'custom',
            })),
          );
        }
        if (before !== null && changedTopLevelFields(ENTITY, before, count).length === 0) return;
        store(unlocked, count, before, meta, when.toISOString(), 'historic_count.saved');
      })();
      onSaved();
      return viewOf(unlocked, sent.id);
    },

    listHistoricCounts: ({ from, to, limit }) => {
      const unlocked = open();
      const rows = listHistoricCounts(unlocked.db, { from, to, limit });
      return {
        counts: rows.map((row) => viewOf(unlocked, row.count.id)),
        totals: historicTotals(unlocked.db, { from, to }),
      };
    },

    importHistoricCounts: async ({ fileName, format, dataBase64, dryRun }) => {
      const unlocked = open();
      const { db, user } = unlocked;
      requireRecordPermission(user, ENTITY, 'create');
      const bytes = Buffer.from(dataBase64, 'base64');
      let rows: Iterable<string[]>;
      try {
        // An XLSX or a CSV with an unclosed quote fails here or while it is read below.
        rows = [...rowsOf(format, blocksOf(bytes))];
      } catch {
        throw new AppError('VALIDATION_ERROR', 'This file cannot be read as CSV or XLSX.', [
          { path: 'dataBase64', message: 'unreadableFile', code: 'custom' },
        ]);
      }
      const when = now();
      const at = when.toISOString();
      const { counts, errors, rowCount } = readHistoricCounts(rows, {
        context: localContext(db, when),
        newId: uuidv7,
        provenance: {
          fileName,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          importedAt: at,
        },
      });
      const result = {
        rowCount,
        totals: totalsOf(counts),
        errors: errors.slice(0, shownErrors),
        errorCount: errors.length,
      };
      if (dryRun || errors.length > 0 || counts.length === 0) return { imported: false, ...result };
      db.transaction(() => {
        for (const count of counts) {
          store(unlocked, count, null, null, at, 'historic_count.imported');
        }
      })();
      onSaved();
      return { imported: true, ...result };
    },
  };
}

function store(
  { db, dbId, user }: Unlocked,
  count: HistoricCount,
  before: HistoricCount | null,
  meta: { revision: number; serverRev: number } | null,
  at: string,
  createdAction: string,
): void {
  writeHistoricCount(db, count, at, user.id, (meta?.revision ?? 0) + 1);
  appendAuditEntry(db, dbId, {
    at,
    userId: user.id,
    action: before === null ? createdAction : 'historic_count.updated',
    entity: ENTITY,
    entityId: count.id,
    before,
    after: count,
  });
  appendOutbox(db, {
    entity: ENTITY,
    entityId: count.id,
    op: before === null ? 'create' : 'update',
    baseRevision: meta?.serverRev ?? 0,
    payload: count,
    changedFields: changedTopLevelFields(ENTITY, before, count),
    createdAt: at,
    createdBy: user.id,
  });
}

function viewOf({ db }: Unlocked, id: string) {
  const count = readHistoricCount(db, id);
  const meta = readHistoricCountMeta(db, id);
  if (count === null || meta === null) {
    throw new AppError('NOT_FOUND', 'This count does not exist on this computer.');
  }
  return {
    count,
    revision: meta.revision,
    createdAt: meta.createdAt,
    createdBy: { id: meta.createdBy, name: findUser(db, meta.createdBy)?.name ?? meta.createdBy },
  };
}

/** A file's totals before anything is stored, per activity, kind and unit, as the store sums. */
function totalsOf(counts: readonly HistoricCount[]): HistoricTotal[] {
  const totals = new Map<string, HistoricTotal>();
  for (const count of counts) {
    const { kind, unit, amount } = count.quantity;
    const key = `${count.activity}\n${kind}\n${unit}`;
    const total = totals.get(key);
    totals.set(key, {
      activity: count.activity,
      kind,
      unit,
      amount: (total?.amount ?? 0) + amount,
      counts: (total?.counts ?? 0) + 1,
    });
  }
  const kindRank = (kind: string) => quantityKindValues.indexOf(kind as never);
  return [...totals.values()].sort(
    (a, b) =>
      a.activity.localeCompare(b.activity) ||
      kindRank(a.kind) - kindRank(b.kind) ||
      a.unit.localeCompare(b.unit),
  );
}
