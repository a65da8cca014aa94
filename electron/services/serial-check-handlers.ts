import { v7 as uuidv7 } from 'uuid';
import type { SerialCheckResult } from '../../shared/ipc/procedures/serial-check.ts';
import type { SerialLookupRequest, SerialLookupResponse } from '../../shared/sync/protocol.ts';
import type { HandlerTable } from '../ipc/handler-table.ts';
import type { IdleLock } from '../session/idle-lock.ts';
import type { Session } from '../session/session.ts';
import { appendAuditEntry } from '../store/audit-log.ts';
import { findSerialMatches, heldItemIds, recordSerialHit } from '../store/serial-check-queries.ts';

type SerialCheckHandlers = Pick<HandlerTable, 'checkSerial'>;

/** The server's lookup (SyncEngine.lookUpSerial), or why it gave no answer. */
export type ServerSerialLookup = (
  request: SerialLookupRequest,
  timeoutMs: number,
) => Promise<SerialLookupResponse | 'unreachable' | 'not_set_up'>;

/** About the pause the editor waits before checking: a slow server never holds the answer up. */
export const SERVER_LOOKUP_TIMEOUT_MS = 1500;

const noServer: ServerSerialLookup = () => Promise.resolve('not_set_up');

/**
 * The serial check: any signed-in person may run it (it reads what they can already list). The
 * laptop's own items first, then, when sync is set up, the server's (what this device may see),
 * less those this laptop holds. An exact hit is evidence that the match was seen: it goes into
 * the log of serial checks and the audit chain, once per record and serial, server hits too.
 */
export function serialCheckHandlers(
  session: Session,
  idle: IdleLock,
  now: () => Date = () => new Date(),
  serverLookup: ServerSerialLookup = noServer,
): SerialCheckHandlers {
  return {
    checkSerial: async (input) => {
      idle.touch();
      const local = findSerialMatches(session.requireUnlocked().db, input);
      let serverMatches: SerialCheckResult['serverMatches'] = [];
      let serverChecked: SerialCheckResult['serverChecked'] = 'not_set_up';
      if (local.normalised !== '') {
        const answer = await serverLookup(
          {
            serial: input.serial,
            ...(input.manufacturer === undefined ? {} : { manufacturer: input.manufacturer }),
            ...(input.calibre === undefined ? {} : { calibre: input.calibre }),
            ...(input.intakeEventId === undefined
              ? {}
              : { excludeIntakeEventId: input.intakeEventId }),
          },
          SERVER_LOOKUP_TIMEOUT_MS,
        );
        if (typeof answer === 'string') {
          serverChecked = answer;
        } else {
          serverChecked = 'yes';
          serverMatches = answer.matches;
        }
      }
      // Locked while the server answered: nothing is recorded, the answer is not shown.
      const { db, dbId, user } = session.requireUnlocked();
      const held = heldItemIds(
        db,
        serverMatches.map((match) => match.itemId),
      );
      serverMatches = serverMatches.filter((match) => !held.has(match.itemId));
      const found = { ...local, serverMatches, serverChecked };
      const exact = [
        ...local.matches
          .filter((match) => match.exact)
          .map((match) => ({
            itemId: match.id,
            matchedOn: match.matchedOn,
            lifecycleStatus: match.lifecycleStatus,
            alarm: match.alarm,
          })),
        ...serverMatches
          .filter((match) => match.exact)
          .map((match) => ({
            itemId: match.itemId,
            matchedOn: match.matchedOn,
            lifecycleStatus: match.lifecycleStatus,
            alarm: match.alarm,
            onServer: true,
            recordNumber: match.recordNumber,
          })),
      ];
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
              matches: exact.map((match) => ({
                itemId: match.itemId,
                alarm: match.alarm,
                ...('onServer' in match ? { onServer: true } : {}),
              })),
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
