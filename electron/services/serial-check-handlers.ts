import { v7 as uuidv7 } from 'uuid';
import type { HandlerTable } from '../ipc/handler-table.ts';
import type { IdleLock } from '../session/idle-lock.ts';
import type { Session } from '../session/session.ts';
import { appendAuditEntry } from '../store/audit-log.ts';
import { findSerialMatches, recordSerialHit } from '../store/serial-check-queries.ts';

type SerialCheckHandlers = Pick<HandlerTable, 'checkSerial'>;

/**
 * The serial check: any signed-in person may run it (it reads what they can already list). An
 * exact hit is evidence that the match was seen: it goes into the log of serial checks and the
 * audit chain, once per record and serial.
 */
export function serialCheckHandlers(
  session: Session,
  idle: IdleLock,
  now: () => Date = () => new Date(),
): SerialCheckHandlers {
  return {
    checkSerial: (input) => {
      idle.touch();
      const { db, dbId, user } = session.requireUnlocked();
      const found = findSerialMatches(db, input);
      const exact = found.matches.filter((match) => match.exact);
      const listed = found.watchListMatches.filter((match) => match.exact);
      if (exact.length === 0 && listed.length === 0) return { ...found, recorded: false };
      const at = now().toISOString();
      const id = uuidv7();
      const recorded = db.transaction(() => {
        const written = recordSerialHit(db, {
          id,
          at,
          userId: user.id,
          intakeEventId: input.intakeEventId,
          serialAsTyped: input.serial,
          normalised: found.normalised,
          matches: exact,
          watchListMatches: listed,
        });
        if (written) {
          appendAuditEntry(db, dbId, {
            at,
            userId: user.id,
            action: 'serial_check.hit',
            entity: 'serial_check',
            entityId: id,
            before: null,
            after: {
              serial: input.serial,
              intakeEventId: input.intakeEventId ?? null,
              matches: exact.map((match) => ({ itemId: match.id, alarm: match.alarm })),
              watchListMatches: listed.map((match) => ({
                watchList: match.listName,
                serial: match.serial,
                reason: match.reason,
                reference: match.reference,
              })),
            },
          });
        }
        return written;
      })();
      return { ...found, recorded };
    },
  };
}
