import { AppError } from '../ipc/app-error.ts';
import type { HandlerTable } from '../ipc/handler-table.ts';
import type { IdleLock } from '../session/idle-lock.ts';
import type { Session } from '../session/session.ts';
import {
  computeMeasures,
  listMeasureRecords,
  UnknownDimensionError,
} from '../store/measures/measures-queries.ts';
import { listMapPoints } from '../store/measures/map-points-query.ts';
import { requireReportReader } from './permissions.ts';

type MeasureHandlers = Pick<HandlerTable, 'getMeasures' | 'listMeasureRecords' | 'listMapPoints'>;

/** The measures, read over the unlocked store by a person whose role may read reports. */
export function measureHandlers(session: Session, idle: IdleLock): MeasureHandlers {
  const open = () => {
    idle.touch();
    const unlocked = session.requireUnlocked();
    requireReportReader(unlocked.user);
    return unlocked;
  };
  return {
    getMeasures: (filter) => computeMeasures(open().db, filter),
    listMapPoints: (filter) => listMapPoints(open().db, filter),
    listMeasureRecords: ({ filter, drill, limit, offset }) => {
      const { db } = open();
      try {
        return listMeasureRecords(db, filter, drill, { limit, offset });
      } catch (error) {
        if (error instanceof UnknownDimensionError) {
          throw new AppError('VALIDATION_ERROR', error.message, [
            {
              path: `drill.slice.${error.dimension}`,
              message: error.message,
              code: 'invalid_dimension',
            },
          ]);
        }
        throw error;
      }
    },
  };
}
