import { borderLocationTypes } from '../domain/enums.ts';
import type { MeasureDialect } from './measure-dialect.ts';
import type { MeasureFilter } from './measure-filter.ts';
import type { MeasureSource } from './measure-results.ts';
import { foldAgency } from './intake-measure-facts.ts';
import { backlogAgeLimits, traceOutcomeByStatus } from './measure-rules.ts';
import { weaponCrosswalks } from './weapon-crosswalks.ts';

/**
 * THE definition of every measure (salw-domain.md (b), shared/measures) over the laptop's store
 * and the server's (the differences between SQLite and PostgreSQL are the dialect's,
 * measure-dialect.ts): for each source of figures, which rows it counts (FROM and WHERE), what identifies each one,
 * and the dimensions figures break it down by, as SQL expressions. The figures (measures-queries.ts)
 * group these rows; a drill-down (listMeasureRecords) selects the same rows with the figure's
 * slice. One definition for both, so a figure and the records it opens cannot disagree.
 *
 * Decisions where the domain notes are silent are written next to what they decide.
 */
export type MeasureEntity = 'item' | 'intake_event' | 'custody_record' | 'location';

export interface SourceDefinition {
  readonly entity: MeasureEntity;
  /** What a drill-down lists: an item, record or location id. */
  readonly id: string;
  /** The record a row comes from (counted as `records`). */
  readonly record: string;
  readonly from: string;
  /**
   * Joins added only when the query reads the alias they bring in (`e.` or `l.`): SQLite does
   * not leave an unused LEFT JOIN out of an aggregate, and a lookup per item is most of a
   * figure's time.
   */
  readonly joins?: Readonly<Record<string, string>>;
  readonly where: readonly string[];
  /** Dimension name -> SQL; values never NULL (`unknown` or `none` instead). */
  readonly dims: Readonly<Record<string, string>>;
  /** For quantities: the amount of a row (NULL: not recorded). */
  readonly amount?: string;
  /** Present where the source's figures are kept per month (measure-rollup.ts). */
  readonly rollup?: RollupKeys;
}

/**
 * What a month rollup keeps of a row besides the figure's own groups: the row's month and what
 * intakeConditions filters on, as SQL over the source's aliases, so that a filter can be applied
 * to the rollup as it is to the rows. `record` is kept where one record's rows may differ in
 * those (a destruction names items of many intakes); otherwise a record's rows share them, and
 * per-cell record counts add up.
 */
export interface RollupKeys {
  readonly month: string;
  readonly recordStatus: string;
  readonly context: string;
  readonly locationId: string;
  readonly campaignId: string;
  readonly agency: string;
  readonly record?: string;
}

export interface SourceQuery {
  readonly source: SourceDefinition;
  readonly params: Record<string, string | number>;
}

const unknown = (sql: string) => `coalesce(nullif(${sql}, ''), 'unknown')`;
const quoted = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

/** The trace outcome of an effective trace status, from the shared table. */
const traceOutcomeSql = (d: MeasureDialect) =>
  `(CASE ${d.traceStatus} ${Object.entries(traceOutcomeByStatus)
    .map(([status, outcome]) => `WHEN '${status}' THEN '${outcome}'`)
    .join(' ')} ELSE 'never_attempted' END)`;

/** An item's status now: custody's, else its intake's (items-repository's EFFECTIVE_STATUS). */
const effectiveStatus = (d: MeasureDialect, alias: string) =>
  `coalesce(${d.custodyStatus(alias)}, ${alias}.lifecycle_status)`;

/** A K3 cross-walk (shared/measures/weapon-crosswalks.ts) of a weapon's type, in SQL. */
const crosswalkSql = (map: Readonly<Record<string, string>>) =>
  `(CASE i.item_type ${Object.entries(map)
    .map(([type, value]) => `WHEN '${type}' THEN '${value}'`)
    .join(' ')} ELSE 'unknown' END)`;

/** Kept out of SDG 16.4.2 and K2: only seizures for criminal offences count (A5). */
const CRIMINAL_SQL = `(CASE WHEN i.legal_justification IS NULL THEN 'unknown'
  WHEN i.legal_justification = 'administrative_violation' THEN 'no' ELSE 'yes' END)`;

/** Statuses after which an item is no longer held: out of the backlog from that day. */
const GONE_STATUSES = quoted(['destroyed', 'lost_stolen', 'returned_legalized']);

/**
 * The intake side of every item measure: an item, with its intake record and the place it was
 * taken in (items.location_id is the intake's place; custody's moves are in other columns)
 * joined when a figure reads them. A figure without a campaign or agency filter, on the item's
 * own columns, reads the items' index alone (items_for_measures).
 */
const itemFrom = (d: MeasureDialect) => `${d.tables.items} i`;
const itemJoins = (d: MeasureDialect) =>
  ({
    e: `LEFT JOIN ${d.tables.intakeEvents} e ON e.id = i.intake_event_id`,
    l: `LEFT JOIN ${d.tables.locations} l ON l.id = i.location_id`,
    ...d.itemStateJoins,
  }) as const;

const itemDims = (d: MeasureDialect) => ({
  kind: 'i.kind',
  unit: unknown('i.quantity_unit'),
  context: unknown('i.intake_context'),
  sourceContext: unknown('i.intake_context'),
  legalJustification: unknown('i.legal_justification'),
  criminal: CRIMINAL_SQL,
  category: unknown('i.category'),
  weaponType: unknown('i.item_type'),
  unodcType: crosswalkSql(weaponCrosswalks.unodcType),
  registerCategory: crosswalkSql(weaponCrosswalks.registerCategory),
  barrel: crosswalkSql(weaponCrosswalks.barrel),
  partType: unknown('i.item_type'),
  ammoClass: unknown('i.item_type'),
  eoType: unknown('i.item_type'),
  uniquelyIdentifiable: `(CASE i.uniquely_identifiable WHEN 1 THEN 'yes' WHEN 0 THEN 'no' ELSE 'unknown' END)`,
  markingCondition: unknown('i.marking_condition'),
  campaignId: `coalesce(i.campaign_id, 'none')`,
  disposition: unknown('e.disposition_requested'),
  locationType: unknown('l.location_type'),
  direction: unknown('e.direction'),
  conveyance: unknown('e.conveyance'),
  departure: unknown('e.route_departure'),
  destination: unknown('e.route_destination'),
  outcome: traceOutcomeSql(d),
  how: `(CASE ${d.traceStatus} WHEN 'origin_established_by_trace' THEN 'trace'
    WHEN 'origin_established_other' THEN 'other_means' ELSE 'none' END)`,
});

/** Where a filter's intake facts are read: the columns (SQL) of its record status, context, etc. */
interface IntakeColumns {
  readonly recordStatus: string;
  readonly context: string;
  readonly campaignId: string;
  readonly agency: string;
}

const INTAKE_COLUMNS: Readonly<Record<'event' | 'item' | 'rollup', IntakeColumns>> = {
  event: {
    recordStatus: 'e.status',
    context: 'e.context',
    campaignId: 'e.campaign_id',
    agency: 'e.recording_agency',
  },
  // Read off the item (the same as its record's, rewritten with it): the items' index answers.
  item: {
    recordStatus: 'i.record_status',
    context: 'i.intake_context',
    campaignId: 'i.campaign_id',
    agency: 'i.recording_agency',
  },
  // A month rollup's row (measure_rollup): the facts it kept of the rows (RollupKeys).
  rollup: {
    recordStatus: 'ro.record_status',
    context: 'ro.context',
    campaignId: 'ro.campaign_id',
    agency: 'ro.agency',
  },
};

/** A source's rollup keys: where intakeConditions reads the filter's facts, and the place. */
const rollupKeysOf = (on: 'event' | 'item', locationId: string) =>
  ({ ...INTAKE_COLUMNS[on], locationId }) as const;

/**
 * The filter's conditions on an intake record (e), on an item (i) of one, or on a month rollup's
 * row (ro), with the place joined as `l`. `finalOnly` leaves drafts out; the agency is compared
 * folded (intake-measure-facts.ts stores it so).
 */
export function intakeConditions(
  filter: MeasureFilter,
  on: 'event' | 'item' | 'rollup',
): {
  where: string[];
  params: Record<string, string | number>;
} {
  const columns = INTAKE_COLUMNS[on];
  const where: string[] = [];
  const params: Record<string, string | number> = {};
  if (filter.finalOnly) where.push(`${columns.recordStatus} = 'final'`);
  if (filter.jurisdiction !== undefined) {
    where.push('l.jurisdiction = @jurisdiction');
    params.jurisdiction = filter.jurisdiction;
  }
  if (filter.locationType !== undefined) {
    where.push('l.location_type = @locationType');
    params.locationType = filter.locationType;
  }
  if (filter.campaignId !== undefined) {
    where.push(`${columns.campaignId} = @campaignId`);
    params.campaignId = filter.campaignId;
  }
  if (filter.agency !== undefined) {
    where.push(`${columns.agency} = @agency`);
    params.agency = foldAgency(filter.agency);
  }
  if (filter.context !== undefined) {
    where.push(`${columns.context} = @context`);
    params.context = filter.context;
  }
  return { where, params };
}

/**
 * Site measures (stock checks, losses, storage standards, counts destroyed without items) have no
 * intake: jurisdiction and location type apply to the site (`site`); a campaign, agency or
 * context filter, which no site has, leaves nothing of them (counting them anyway would put
 * figures under a campaign they do not belong to).
 */
function siteConditions(
  d: MeasureDialect,
  filter: MeasureFilter,
  site: string,
): { where: string[]; params: Record<string, string | number> } {
  const where: string[] = [];
  const params: Record<string, string | number> = {};
  if (filter.jurisdiction !== undefined) {
    where.push(`${site}.jurisdiction = @jurisdiction`);
    params.jurisdiction = filter.jurisdiction;
  }
  if (filter.locationType !== undefined) {
    where.push(`${site}.location_type = @locationType`);
    params.locationType = filter.locationType;
  }
  if (filter.campaignId !== undefined || filter.agency !== undefined) where.push(d.never);
  return { where, params };
}

/** A custody record no other record corrects (a corrected one moves and counts nothing). */
const notVoided = (d: MeasureDialect, alias: string) =>
  `NOT EXISTS (SELECT 1 FROM ${d.tables.custodyRecords} v WHERE v.corrects_id = ${alias}.id)`;

/** Records of one custody entity whose moment falls in the period (by its UTC day). */
const inPeriod = (alias: string) =>
  `${alias}.occurred_at >= @from AND ${alias}.occurred_at < @toNext`;

function periodParams(filter: MeasureFilter): Record<string, string> {
  const next = new Date(`${filter.to}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return { from: filter.from, to: filter.to, toNext: next.toISOString().slice(0, 10) };
}

/** A custody record's site, joined as `s` (its jurisdiction and type are the site filter's). */
const siteJoin = (d: MeasureDialect) =>
  `LEFT JOIN ${d.tables.locations} s ON s.id = ${d.jsonText(`r.${d.data}`, ['siteLocationId'])}`;

/** Items by the date they were taken in (K1-K7, K12, K13, SDG 16.4.2). */
function intakeItems(
  d: MeasureDialect,
  filter: MeasureFilter,
  where: readonly string[],
): SourceQuery {
  const conditions = intakeConditions(filter, 'item');
  return {
    source: {
      entity: 'item',
      id: 'i.id',
      record: 'i.intake_event_id',
      from: itemFrom(d),
      joins: itemJoins(d),
      where: ['i.occurred_on >= @from', 'i.occurred_on <= @to', ...where, ...conditions.where],
      dims: itemDims(d),
      amount: 'i.quantity_amount',
      rollup: { month: 'substr(i.occurred_on, 1, 7)', ...rollupKeysOf('item', 'i.location_id') },
    },
    params: { ...periodParams(filter), ...conditions.params },
  };
}

/**
 * Items destroyed in the period, by the DESTRUCTION's date (K8, K9, K11): each item a valid
 * destruction record names, whatever its intake date. Corrections follow the custody model
 * (shared/domain/correction.ts): a corrected destruction counts nothing, its correction (a
 * destruction of its own) counts. A weapon is destroyed once: a second destruction of it (a
 * custody conflict) does not count again. A lot may be destroyed in parts: each part counts, in
 * the amount the record names (none named: the lot's whole amount).
 */
function destroyedItems(
  d: MeasureDialect,
  filter: MeasureFilter,
  where: readonly string[],
): SourceQuery {
  const conditions = intakeConditions(filter, 'item');
  const { custodyRecords, custodyItemEvents, items } = d.tables;
  return {
    source: {
      entity: 'item',
      id: 'i.id',
      record: 'r.id',
      // CROSS JOIN fixes the order: the period's destruction records, then their items. Without
      // statistics SQLite would start from every weapon (items_by_kind_status).
      from: `${custodyRecords} r
        CROSS JOIN ${custodyItemEvents} ce
        CROSS JOIN ${items} i`,
      joins: itemJoins(d),
      where: [
        'ce.record_id = r.id',
        'i.id = ce.item_id',
        `r.entity = 'destruction_event'`,
        inPeriod('r'),
        notVoided(d, 'r'),
        `(i.kind <> 'weapon' OR NOT EXISTS (
          SELECT 1 FROM ${custodyItemEvents} pe JOIN ${custodyRecords} pr ON pr.id = pe.record_id
          WHERE pe.item_id = ce.item_id AND pr.entity = 'destruction_event'
            AND (pe.occurred_at, pe.record_id) < (ce.occurred_at, ce.record_id)
            AND ${notVoided(d, 'pr')}))`,
        ...where,
        ...conditions.where,
      ],
      dims: {
        ...itemDims(d),
        method: unknown(d.jsonText(`ce.${d.effect}`, ['method'])),
        /** Whole days from intake to destruction (K11). */
        days: d.wholeDays('substr(r.occurred_at, 1, 10)', 'i.occurred_on'),
      },
      amount: `coalesce(${d.jsonNumber(`ce.${d.effect}`, ['effect', 'amount'])}, i.quantity_amount)`,
      rollup: {
        month: 'substr(r.occurred_at, 1, 7)',
        ...rollupKeysOf('item', 'i.location_id'),
        record: 'r.id',
      },
    },
    params: { ...periodParams(filter), ...conditions.params },
  };
}

/**
 * K10: items taken in by the period's end and still held then: not destroyed, lost or stolen, or
 * returned by that day (their status, derived from custody records, and the day it began). An
 * item sent to court or forensics is still awaiting its end. A lot destroyed in part counts
 * whole until the last of it is destroyed (the derivation's status). The period's start does not
 * apply: a backlog is a stock at a day.
 */
function backlogItems(d: MeasureDialect, filter: MeasureFilter): SourceQuery {
  const conditions = intakeConditions(filter, 'item');
  const days = d.wholeDays('@to', 'i.occurred_on');
  return {
    source: {
      entity: 'item',
      id: 'i.id',
      record: 'i.intake_event_id',
      from: itemFrom(d),
      joins: itemJoins(d),
      where: [
        'i.occurred_on <= @to',
        `NOT (${effectiveStatus(d, 'i')} IN (${GONE_STATUSES})
          AND coalesce(${d.statusSince('i')}, i.occurred_on) <= @to)`,
        ...conditions.where,
      ],
      dims: {
        ...itemDims(d),
        age: `(CASE WHEN ${days} < ${backlogAgeLimits.under90} THEN 'under_90_days'
          WHEN ${days} <= ${backlogAgeLimits.upTo365} THEN '90_to_365_days'
          ELSE 'over_1_year' END)`,
      },
      amount: 'i.quantity_amount',
    },
    params: { to: filter.to, ...conditions.params },
  };
}

/** K10's gone month of an item still held (measure-sources' backlog rule): after any month. */
export const STILL_HELD = '9999-12';

/**
 * The month an item (alias `a`) stopped being held by the backlog's rule (destroyed, lost or
 * stolen, or returned, from the day its status began), or STILL_HELD.
 */
const goneMonth = (d: MeasureDialect, a: string) => `(CASE WHEN ${effectiveStatus(d, a)}
  IN (${GONE_STATUSES}) THEN substr(coalesce(${d.statusSince(a)}, ${a}.occurred_on), 1, 7)
  ELSE '${STILL_HELD}' END)`;

/**
 * K10 as month rollups keep it (backlog-rollup.ts): items by intake date, with the month each
 * stopped being held (`gone`), and the month the last of its record's items of the same kind and
 * unit did (`recordGone`). At a month's end the backlog holds the items whose `gone` is later,
 * from the records whose `recordGone` is: all of a record's items of a kind and unit share one
 * `recordGone`, so records add up across months and cells.
 */
export function backlogCells(d: MeasureDialect, filter: MeasureFilter): SourceQuery {
  const query = intakeItems(d, filter, []);
  return {
    ...query,
    source: {
      ...query.source,
      dims: {
        ...query.source.dims,
        gone: goneMonth(d, 'i'),
        // By the record's items (items_by_event); unindexed keeps SQLite off the index by kind,
        // which would read every weapon for each one.
        recordGone: `(SELECT max(${goneMonth(d, 'j')}) FROM ${d.tables.items} j
          WHERE j.intake_event_id = i.intake_event_id AND ${d.unindexed('j.kind')} = i.kind
            AND ${unknown('j.quantity_unit')} = ${unknown('i.quantity_unit')})`,
      },
    },
  };
}

/** K10's backlog (sourceOf('k10')) of the items taken in between two days only. */
export function backlogTakenIn(
  d: MeasureDialect,
  filter: MeasureFilter,
  intake: { from: string; to: string },
): SourceQuery {
  const query = backlogItems(d, filter);
  return {
    source: {
      ...query.source,
      where: [...query.source.where, 'i.occurred_on >= @intakeFrom', 'i.occurred_on <= @intakeTo'],
    },
    params: { ...query.params, intakeFrom: intake.from, intakeTo: intake.to },
  };
}

/** Counts a destruction lists without items (legacy, bulk), by its date and site. */
function destroyedCounts(d: MeasureDialect, filter: MeasureFilter): SourceQuery {
  const site = siteConditions(d, filter, 's');
  const where = [...site.where];
  if (filter.context !== undefined) {
    where.push(`${d.elementText('c', ['sourceContext'])} = @context`);
  }
  return {
    source: {
      entity: 'custody_record',
      id: 'r.id',
      record: 'r.id',
      from: `${d.tables.custodyRecords} r
        ${d.arrayElements(`r.${d.data}`, ['aggregateCounts'], 'c')}
        ${siteJoin(d)}`,
      where: [`r.entity = 'destruction_event'`, inPeriod('r'), notVoided(d, 'r'), ...where],
      dims: {
        kind: `(CASE ${d.elementText('c', ['quantity', 'kind'])} WHEN 'weapons' THEN 'weapon'
          WHEN 'parts' THEN 'part' WHEN 'ammunition' THEN 'ammunition'
          WHEN 'explosives' THEN 'explosive' ELSE 'unknown' END)`,
        unit: unknown(d.elementText('c', ['quantity', 'unit'])),
        sourceContext: unknown(d.elementText('c', ['sourceContext'])),
        method: unknown(d.jsonText(`r.${d.data}`, ['method'])),
      },
      amount: d.jsonNumber(`c.value`, ['quantity', 'amount']),
    },
    params: {
      ...periodParams(filter),
      ...site.params,
      ...(filter.context === undefined ? {} : { context: filter.context }),
    },
  };
}

/** K14: the people of the intake records of the period (measure-rules.ts personsOfIntake). */
function persons(d: MeasureDialect, filter: MeasureFilter): SourceQuery {
  const conditions = intakeConditions(filter, 'event');
  return {
    source: {
      entity: 'intake_event',
      id: 'e.id',
      record: 'e.id',
      from: `${d.tables.intakePersons} p
        JOIN ${d.tables.intakeEvents} e ON e.id = p.intake_event_id
        LEFT JOIN ${d.tables.locations} l ON l.id = e.location_id`,
      where: ['e.occurred_on >= @from', 'e.occurred_on <= @to', ...conditions.where],
      dims: { role: 'p.role', sex: 'p.sex', ageBand: 'p.age_band' },
      rollup: { month: 'substr(e.occurred_on, 1, 7)', ...rollupKeysOf('event', 'e.location_id') },
    },
    params: { ...periodParams(filter), ...conditions.params },
  };
}

/** K15: stock checks in the period at matching sites; one row per check. */
function stockChecks(
  d: MeasureDialect,
  filter: MeasureFilter,
  discrepancyLines: boolean,
): SourceQuery {
  const site = siteConditions(d, filter, 's');
  return {
    source: {
      entity: 'custody_record',
      id: 'r.id',
      record: 'r.id',
      from: `${d.tables.custodyRecords} r
        ${discrepancyLines ? d.arrayElements(`r.${d.data}`, ['discrepancies'], 'dl') : ''}
        ${siteJoin(d)}`,
      where: [`r.entity = 'stock_check'`, inPeriod('r'), notVoided(d, 'r'), ...site.where],
      dims: discrepancyLines ? { discrepancyKind: unknown(d.elementText('dl', ['kind'])) } : {},
    },
    params: { ...periodParams(filter), ...site.params },
  };
}

/** K15: loss and theft incidents in the period (their site, when they name one). */
function lossIncidents(d: MeasureDialect, filter: MeasureFilter): SourceQuery {
  const site = siteConditions(d, filter, 's');
  return {
    source: {
      entity: 'custody_record',
      id: 'r.id',
      record: 'r.id',
      from: `${d.tables.custodyRecords} r
        ${siteJoin(d)}`,
      where: [`r.entity = 'loss_incident'`, inPeriod('r'), notVoided(d, 'r'), ...site.where],
      dims: { incidentKind: unknown(d.jsonText(`r.${d.data}`, ['incidentKind'])) },
    },
    params: { ...periodParams(filter), ...site.params },
  };
}

/** K15: the items those incidents report lost or stolen, in the amount each names. */
function itemsDiverted(d: MeasureDialect, filter: MeasureFilter): SourceQuery {
  const site = siteConditions(d, filter, 's');
  return {
    source: {
      entity: 'item',
      id: 'i.id',
      record: 'r.id',
      from: `${d.tables.custodyRecords} r
        CROSS JOIN ${d.tables.custodyItemEvents} ce
        CROSS JOIN ${d.tables.items} i
        ${siteJoin(d)}`,
      where: [
        'ce.record_id = r.id',
        'i.id = ce.item_id',
        `r.entity = 'loss_incident'`,
        inPeriod('r'),
        notVoided(d, 'r'),
        ...site.where,
      ],
      dims: {
        kind: 'i.kind',
        unit: unknown('i.quantity_unit'),
        incidentKind: unknown(d.jsonText(`ce.${d.effect}`, ['effect', 'incidentKind'])),
      },
      amount: `coalesce(${d.jsonNumber(`ce.${d.effect}`, ['effect', 'amount'])}, i.quantity_amount)`,
    },
    params: { ...periodParams(filter), ...site.params },
  };
}

/** Storage sites and evidence rooms: the PSSM units whose standard Roadmap Goal 7 measures. */
const STORAGE_TYPES = quoted(['storage_site', 'evidence_room']);

/**
 * K16: sites (storage sites and evidence rooms, or the filter's location type) with whether they
 * met the minimum standard at the period's end. A site records only its latest assessment: one
 * made after the period's end says nothing of the period (`unknown`).
 */
function storageSites(d: MeasureDialect, filter: MeasureFilter): SourceQuery {
  const where =
    filter.locationType === undefined
      ? [`s.location_type IN (${STORAGE_TYPES})`]
      : ['s.location_type = @locationType'];
  const params: Record<string, string> = { to: filter.to };
  if (filter.locationType !== undefined) params.locationType = filter.locationType;
  if (filter.jurisdiction !== undefined) {
    where.push('s.jurisdiction = @jurisdiction');
    params.jurisdiction = filter.jurisdiction;
  }
  if (filter.campaignId !== undefined || filter.agency !== undefined) where.push(d.never);
  const data = `s.${d.data}`;
  return {
    source: {
      entity: 'location',
      id: 's.id',
      record: 's.id',
      from: `${d.tables.locations} s`,
      where,
      dims: {
        meetsStandard: `(CASE WHEN ${d.jsonText(data, ['minimumStandard', 'assessedOn'])} <= @to
          THEN (CASE ${d.jsonFlag(data, ['minimumStandard', 'meets'])} WHEN 1 THEN 'yes' ELSE 'no' END)
          ELSE 'unknown' END)`,
      },
    },
    params,
  };
}

const BORDER_TYPES = quoted(borderLocationTypes);

/** Every source of figures, by the name a drill-down key carries. */
export function sourceOf(
  d: MeasureDialect,
  name: MeasureSource,
  filter: MeasureFilter,
): SourceQuery {
  const kindIs = (kind: string) => `${d.unindexed('i.kind')} = '${kind}'`;
  switch (name) {
    case 'k1':
    case 'k3':
    case 'k4':
      return intakeItems(d, filter, [kindIs('weapon')]);
    case 'k2':
      return intakeItems(d, filter, [kindIs('weapon'), `i.intake_context = 'seized'`]);
    case 'k5':
      return intakeItems(d, filter, [kindIs('part')]);
    case 'k6':
      return intakeItems(d, filter, [kindIs('ammunition')]);
    case 'k7':
      return intakeItems(d, filter, [kindIs('explosive')]);
    case 'k8':
      return destroyedItems(d, filter, [kindIs('weapon')]);
    case 'k9':
      return destroyedItems(d, filter, [kindIs('ammunition')]);
    case 'k11':
      return destroyedItems(d, filter, []);
    case 'destroyed_counts':
      return destroyedCounts(d, filter);
    case 'k10':
      return backlogItems(d, filter);
    case 'k12':
      // Collections: surrenders, where a disposition is requested (A4).
      return intakeItems(d, filter, [`i.intake_context = 'surrendered'`]);
    case 'k13':
      return intakeItems(d, filter, [
        `i.intake_context IN ('seized', 'found')`,
        `l.location_type IN (${BORDER_TYPES})`,
      ]);
    case 'k14':
      return persons(d, filter);
    case 'k15_stock_checks':
      return stockChecks(d, filter, false);
    case 'k15_discrepancies':
      return stockChecks(d, filter, true);
    case 'k15_losses':
      return lossIncidents(d, filter);
    case 'k15_diverted':
      return itemsDiverted(d, filter);
    case 'k16':
      return storageSites(d, filter);
    case 'sdg_16_4_2':
      // Seized for a criminal offence (justification known and not administrative), found,
      // surrendered: the 16.4.2 denominator.
      return intakeItems(d, filter, [
        kindIs('weapon'),
        `(i.intake_context IN ('found', 'surrendered')
          OR (i.intake_context = 'seized' AND ${CRIMINAL_SQL} = 'yes'))`,
      ]);
  }
}
