import type { PositionSource } from '../geolocation/position-source.ts';
import type { HandlerTable } from '../ipc/handler-table.ts';
import type { IdleLock } from '../session/idle-lock.ts';
import type { Session } from '../session/session.ts';

type PositionHandlers = Pick<HandlerTable, 'getPositionOffer' | 'getDevicePosition'>;

/**
 * The laptop's position for an intake's coordinates. Only while the data is open: a position is
 * asked for to go into a record, and a locked laptop records nothing.
 */
export function positionHandlers(
  session: Session,
  idle: IdleLock,
  source: PositionSource,
): PositionHandlers {
  const open = () => {
    idle.touch();
    session.requireUnlocked();
  };
  return {
    getPositionOffer: async () => {
      open();
      return { offered: await source.offered() };
    },
    getDevicePosition: async () => {
      open();
      return source.current();
    },
  };
}
