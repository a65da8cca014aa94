import type { MeasureDialect } from '../../shared/measures/measure-dialect.ts';
import { inTeamScopeSql } from '../teams/team-scope.ts';

const path = (steps: readonly string[]) => `'{${steps.join(',')}}'`;

/**
 * The server's PostgreSQL as the shared measure definitions read it (shared/measures): the rows
 * of migration 140 beside `items` (70) and the custody tables (80); JSON in jsonb columns; an
 * item's derived custody status in item_custody, its trace status from its requests in
 * measure_item_traces. Statements also run on PGlite.
 */
export const postgresMeasureDialect: MeasureDialect = {
  tables: {
    items: 'items',
    intakeEvents: 'measure_intakes',
    intakePersons: 'measure_persons',
    locations: 'measure_places',
    custodyRecords: 'measure_custody',
    custodyItemEvents: 'custody_events',
  },
  // Joined only when a figure reads them (K10, SDG 16.4.2): a sub-select per row costs seconds
  // at 100k items (bench/console-measures.ts).
  itemStateJoins: {
    ict: 'LEFT JOIN item_custody ict ON ict.item_id = i.id',
    itr: 'LEFT JOIN measure_item_traces itr ON itr.item_id = i.id',
  },
  data: 'data',
  effect: 'effect',
  jsonText: (column, steps) => `(${column} #>> ${path(steps)})`,
  jsonNumber: (column, steps) => `(${column} #>> ${path(steps)})::double precision`,
  jsonFlag: (column, steps) =>
    `(CASE ${column} #> ${path(steps)} WHEN 'true'::jsonb THEN 1 WHEN 'false'::jsonb THEN 0 END)`,
  arrayElements: (column, steps, alias) =>
    `CROSS JOIN LATERAL jsonb_array_elements(coalesce(${column} #> ${path(steps)}, '[]'::jsonb)) AS ${alias}(value)`,
  elementText: (alias, steps) => `(${alias}.value #>> ${path(steps)})`,
  wholeDays: (later, earlier) => `((${later})::text::date - (${earlier})::text::date)`,
  // Planner hints are SQLite's; PostgreSQL chooses by its statistics.
  unindexed: (sql) => sql,
  never: 'false',
  sumOrZero: (sql) => `coalesce(sum(${sql}), 0)`,
  countNull: (sql) => `count(*) FILTER (WHERE ${sql} IS NULL)`,
  custodyStatus: (alias) =>
    alias === 'i'
      ? 'ict.status'
      : `(SELECT ic.status FROM item_custody ic WHERE ic.item_id = ${alias}.id)`,
  statusSince: (alias) =>
    alias === 'i'
      ? 'ict.status_since'
      : `(SELECT ic.status_since FROM item_custody ic WHERE ic.item_id = ${alias}.id)`,
  // effectiveTraceStatus (shared/tracing/item-trace.ts), as the laptop's EFFECTIVE_TRACE_SQL.
  traceStatus: `(CASE
      WHEN itr.trace_status = 'origin_established_by_trace' THEN itr.trace_status
      WHEN i.trace_status = 'origin_established_other' THEN i.trace_status
      ELSE coalesce(itr.trace_status, i.trace_status) END)`,
  // reviewStandingOf (shared/domain/record-review.ts) over the stored reviews (records, entity
  // record_review; index of migration 120): answered when the record's revision moved past the
  // one reviewed. The server has no outbox, so an amendment counts once it has arrived.
  reviewStanding: (intakeId) => `coalesce((SELECT CASE
      WHEN rv.data->>'state' <> 'has_issues' THEN rv.data->>'state'
      WHEN (SELECT x.server_rev FROM records x WHERE x.id = ${intakeId})
        > (rv.data->>'reviewedRevision')::int THEN 'answered'
      ELSE 'has_issues' END
    FROM records rv
    WHERE rv.entity = 'record_review' AND NOT rv.deleted
      AND rv.data->>'reviewedRecordId' = ${intakeId}), 'not_reviewed')`,
};

/** A table's rows whose record (`recordColumn`) is in the view of the teams in @scopeTeams. */
const inView = (table: string, recordColumn: string) =>
  `(SELECT * FROM ${table} scoped WHERE ${inTeamScopeSql(`scoped.${recordColumn}`, '@scopeTeams')})`;

/**
 * The measures over one non-national team's view (the console's reports for a team's scope):
 * every table the shared definitions read, narrowed to the rows whose record that team's laptops
 * pull, by the pull's own predicate (teams/team-scope.ts), so a team's report counts what its
 * laptops hold. An item goes with its intake record, a custody event with its custody record;
 * places are reference data every team holds. An item's derived custody and trace state stay
 * its own: the records they come from travel with the item. Statements read the team's ids in
 * @scopeTeams (teamViewIds).
 */
export const teamScopedMeasureDialect: MeasureDialect = {
  ...postgresMeasureDialect,
  tables: {
    items: inView('items', 'intake_event_id'),
    intakeEvents: inView('measure_intakes', 'id'),
    intakePersons: inView('measure_persons', 'intake_event_id'),
    locations: inView('measure_places', 'id'),
    custodyRecords: inView('measure_custody', 'id'),
    custodyItemEvents: inView('custody_events', 'record_id'),
  },
};
