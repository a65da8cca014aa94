import { quantitySql as sharedQuantitySql } from '../../../shared/measures/figure-sql.ts';
import { sqliteMeasureDialect } from './measure-dialect.ts';

/** The shared figure SQL (shared/measures/figure-sql.ts) in the laptop's SQLite. */
export {
  countSql,
  dimColumns,
  select,
  UnknownDimensionError,
  type Built,
  type FigureRow,
} from '../../../shared/measures/figure-sql.ts';

export const quantitySql = (
  ...args: Parameters<typeof sharedQuantitySql> extends [unknown, ...infer R] ? R : never
) => sharedQuantitySql(sqliteMeasureDialect, ...args);
