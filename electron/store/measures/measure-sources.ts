import type { MeasureFilter } from '../../../shared/measures/measure-filter.ts';
import type { MeasureSource } from '../../../shared/measures/measure-results.ts';
import {
  backlogCells as sharedBacklogCells,
  backlogTakenIn as sharedBacklogTakenIn,
  sourceOf as sharedSourceOf,
  type SourceQuery,
} from '../../../shared/measures/measure-sources.ts';
import { sqliteMeasureDialect } from './measure-dialect.ts';

/**
 * The measures' definitions (shared/measures/measure-sources.ts, one for the laptop and the
 * server) over the laptop's store.
 */
export {
  intakeConditions,
  STILL_HELD,
  type MeasureEntity,
  type RollupKeys,
  type SourceDefinition,
  type SourceQuery,
} from '../../../shared/measures/measure-sources.ts';

export const sourceOf = (name: MeasureSource, filter: MeasureFilter): SourceQuery =>
  sharedSourceOf(sqliteMeasureDialect, name, filter);

export const backlogCells = (filter: MeasureFilter): SourceQuery =>
  sharedBacklogCells(sqliteMeasureDialect, filter);

export const backlogTakenIn = (
  filter: MeasureFilter,
  intake: { from: string; to: string },
): SourceQuery => sharedBacklogTakenIn(sqliteMeasureDialect, filter, intake);
