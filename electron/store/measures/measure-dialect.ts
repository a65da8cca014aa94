import type { MeasureDialect } from '../../../shared/measures/measure-dialect.ts';
import { EFFECTIVE_TRACE_SQL } from '../items-repository.ts';

const path = (steps: readonly string[]) => `'$.${steps.join('.')}'`;

/**
 * The laptop's store as the shared measure definitions read it (shared/measures/measure-sources.ts):
 * its tables (migrations 40, 70, 130, 150, 160), JSON in `data_json` text, custody's derived
 * status on the item row itself.
 */
export const sqliteMeasureDialect: MeasureDialect = {
  tables: {
    items: 'items',
    intakeEvents: 'intake_events',
    intakePersons: 'intake_persons',
    locations: 'locations',
    custodyRecords: 'custody_records',
    custodyItemEvents: 'custody_item_events',
  },
  // The laptop keeps custody's state on the item row; its trace lookup is a sub-select.
  itemStateJoins: {},
  data: 'data_json',
  effect: 'effect_json',
  jsonText: (column, steps) => `json_extract(${column}, ${path(steps)})`,
  jsonNumber: (column, steps) => `json_extract(${column}, ${path(steps)})`,
  jsonFlag: (column, steps) => `json_extract(${column}, ${path(steps)})`,
  arrayElements: (column, steps, alias) => `JOIN json_each(${column}, ${path(steps)}) ${alias}`,
  elementText: (alias, steps) => `json_extract(${alias}.value, ${path(steps)})`,
  wholeDays: (later, earlier) => `CAST(julianday(${later}) - julianday(${earlier}) AS INTEGER)`,
  // SQLite's unary plus: the same value, but no index on the column answers it.
  unindexed: (sql) => `+${sql}`,
  never: '0',
  sumOrZero: (sql) => `total(${sql})`,
  countNull: (sql) => `sum(${sql} IS NULL)`,
  custodyStatus: (alias) => `${alias}.custody_status`,
  statusSince: (alias) => `${alias}.status_since`,
  traceStatus: EFFECTIVE_TRACE_SQL,
};
