import type { HandlerTable } from '../ipc/handler-table.ts';
import type { IdleLock } from '../session/idle-lock.ts';
import type { Session } from '../session/session.ts';
import { verifyAuditChain } from '../store/audit-log.ts';
import { verifyCustodySeals } from '../store/custody-seals.ts';

type IntegrityHandlers = Pick<HandlerTable, 'getDatabaseCheck' | 'checkIntegrity'>;

/**
 * The integrity screen: whether the evidence on this laptop is as the app wrote it. The database
 * file is checked by SQLite on a thread of its own (store/integrity-check.ts), the audit chain
 * and every custody record's seal here; all only read, so any signed-in person may run them.
 */
export function integrityHandlers(session: Session, idle: IdleLock): IntegrityHandlers {
  return {
    // Not activity: the screen asks again every second while a check runs, and that must not
    // keep a laptop left open on Settings from locking itself.
    getDatabaseCheck: () => {
      session.requireUnlocked();
      return session.integrity;
    },
    checkIntegrity: async () => {
      idle.touch();
      const { db, dbId } = session.requireUnlocked();
      // The chain first, on the main connection, while the file check starts on its thread.
      const auditChain = verifyAuditChain(db, dbId);
      const seals = verifyCustodySeals(db);
      const database = await session.checkDatabaseNow();
      return { database, auditChain, seals };
    },
  };
}
