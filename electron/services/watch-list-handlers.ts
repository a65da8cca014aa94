import type { HandlerTable } from '../ipc/handler-table.ts';
import { AppError } from '../ipc/app-error.ts';
import type { IdleLock } from '../session/idle-lock.ts';
import type { Session } from '../session/session.ts';
import { appendAuditEntry } from '../store/audit-log.ts';
import { listWatchLists, removeWatchList, writeWatchList } from '../store/watch-list-repository.ts';
import { requireWatchListManager } from './permissions.ts';
import { parseWatchListCsv } from './watch-list-csv.ts';

type WatchListHandlers = Pick<
  HandlerTable,
  'importWatchList' | 'listWatchLists' | 'removeWatchList'
>;

/**
 * Watch lists: any signed-in person sees them (the serial check uses them for everyone);
 * administrators and team leads import and remove them. An import is one transaction with its
 * audit entry: the whole file or nothing.
 */
export function watchListHandlers(
  session: Session,
  idle: IdleLock,
  now: () => Date = () => new Date(),
): WatchListHandlers {
  const open = () => {
    idle.touch();
    return session.requireUnlocked();
  };
  return {
    importWatchList: ({ listName, fileName, csv, mode }) => {
      const { db, dbId, user } = open();
      requireWatchListManager(user);
      const parsed = parseWatchListCsv(csv);
      if (!parsed.ok) return parsed;
      const at = now().toISOString();
      return db.transaction(() => {
        const written = writeWatchList(db, {
          name: listName,
          fileName,
          mode,
          at,
          userId: user.id,
          entries: parsed.entries,
        });
        appendAuditEntry(db, dbId, {
          at,
          userId: user.id,
          action: 'watch_list.imported',
          entity: 'watch_list',
          entityId: listName,
          before: null,
          after: { listName, fileName, mode, ...written },
        });
        return { ok: true as const, ...written };
      })();
    },

    listWatchLists: () => {
      const { db } = open();
      const lists = listWatchLists(db);
      return { lists, total: lists.reduce((sum, list) => sum + list.entries, 0) };
    },

    removeWatchList: ({ listName }) => {
      const { db, dbId, user } = open();
      requireWatchListManager(user);
      const at = now().toISOString();
      return db.transaction(() => {
        const removed = removeWatchList(db, listName);
        if (removed === null)
          throw new AppError('NOT_FOUND', 'There is no watch list of that name.');
        appendAuditEntry(db, dbId, {
          at,
          userId: user.id,
          action: 'watch_list.removed',
          entity: 'watch_list',
          entityId: listName,
          before: { listName, entries: removed },
          after: null,
        });
        return { removed };
      })();
    },
  };
}
