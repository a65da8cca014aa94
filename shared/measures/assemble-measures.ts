import type { ItemKind } from '../records/intake-items.ts';
import type { FigureRow } from './figure-sql.ts';
import type { MeasureFilter } from './measure-filter.ts';
import type { DrillKey, MeasureSource, Measures, Proportion } from './measure-results.ts';

/**
 * Every measure (shared/measures) assembled from its figures' rows, whichever database counted
 * them: the laptop reads each figure as it goes (SQLite, sometimes from month rollups), the server
 * asks for all of them first and runs them over PostgreSQL (server/measures). The figures a
 * result is made of, their drill-down keys, K10's total and K11's median are decided here once.
 */

/** One figure: its source, dimensions and slice; quantities (kind, unit, amounts) or counts. */
export interface FigureRequest {
  readonly name: MeasureSource;
  readonly dims: readonly string[];
  readonly slice: Readonly<Record<string, string>>;
  readonly quantity: boolean;
}

export interface FigureReader {
  /** The figure's rows: group columns kind, unit (quantities), d0, d1... and its counts. */
  rows(request: FigureRequest): readonly FigureRow[];
  /** Draft intake records the filter would have counted, left out by `finalOnly`. */
  draftsLeftOut(): number;
  /** Hears each figure as it is read (the dashboard benchmark's per-figure times). */
  time?<T>(figure: string, run: () => T): T;
}

/** A figure's name: its source, dimensions and slice. */
export function figureLabel(
  name: MeasureSource,
  dims: readonly string[],
  slice: Readonly<Record<string, string>>,
): string {
  return [name, ...dims, ...Object.entries(slice).map(([key, value]) => `${key}=${value}`)].join(
    ':',
  );
}

export interface QuantityRow<K extends string> {
  readonly by: Record<K, string>;
  readonly kind: ItemKind;
  readonly unit: string;
  readonly amount: number;
  readonly entries: number;
  readonly unknownAmount: number;
  readonly records: number;
  readonly drill: DrillKey;
}

/**
 * Quantities of a source by (kind, unit) and the given dimensions: how many items or lots, the
 * sum of their known amounts, how many have none, from how many records.
 */
export function quantityRows<const K extends string>(
  reader: FigureReader,
  name: MeasureSource,
  dims: readonly K[],
  slice: Readonly<Record<string, string>> = {},
): QuantityRow<K>[] {
  const rows = reader.rows({ name, dims, slice, quantity: true });
  return rows.map((row) => {
    const by = Object.fromEntries(
      dims.map((dimension, index) => [dimension, String(row[`d${index}`])]),
    ) as Record<K, string>;
    const kind = row.kind as ItemKind;
    const unit = String(row.unit);
    return {
      by,
      kind,
      unit,
      amount: Number(row.amount),
      entries: Number(row.entries),
      unknownAmount: Number(row.unknownAmount),
      records: Number(row.records),
      drill: { source: name, slice: { ...slice, ...by, kind, unit } },
    };
  });
}

export interface CountRow<K extends string> {
  readonly by: Record<K, string>;
  readonly count: number;
  readonly drill: DrillKey;
}

/** Rows of a source (people, checks, discrepancy lines, sites) counted by the given dimensions. */
export function countRows<const K extends string>(
  reader: FigureReader,
  name: MeasureSource,
  dims: readonly K[],
  slice: Readonly<Record<string, string>> = {},
): CountRow<K>[] {
  const rows = reader.rows({ name, dims, slice, quantity: false });
  return rows.map((row) => {
    const by = Object.fromEntries(
      dims.map((dimension, index) => [dimension, String(row[`d${index}`])]),
    ) as Record<K, string>;
    return { by, count: Number(row.count), drill: { source: name, slice: { ...slice, ...by } } };
  });
}

function countOf(
  reader: FigureReader,
  name: MeasureSource,
  slice: Record<string, string>,
): { count: number; drill: DrillKey } {
  const [row] = countRows(reader, name, [], slice);
  return { count: row?.count ?? 0, drill: { source: name, slice } };
}

function proportion(
  reader: FigureReader,
  name: MeasureSource,
  whole: Record<string, string>,
  part: Record<string, string>,
): Proportion {
  const wholeCount = countOf(reader, name, whole);
  const partCount = countOf(reader, name, { ...whole, ...part });
  return {
    part: partCount.count,
    whole: wholeCount.count,
    proportion: wholeCount.count === 0 ? null : partCount.count / wholeCount.count,
    partDrill: partCount.drill,
    wholeDrill: wholeCount.drill,
  };
}

/**
 * A quantity figure's rows added up across one of its dimensions, where every record's rows share
 * that dimension's value (so each record is still counted once): K10's total from its ages, an
 * intake's items all being as old as it is. Saves counting the backlog, the one figure no month
 * rollup serves, twice.
 */
function acrossDimension<K extends string>(
  rows: readonly QuantityRow<K>[],
  dimension: K,
): QuantityRow<never>[] {
  const sums = new Map<string, QuantityRow<never>>();
  for (const row of rows) {
    const id = `${row.kind}\u0000${row.unit}`;
    const sum = sums.get(id);
    const { [dimension]: _, ...slice } = row.drill.slice;
    sums.set(id, {
      by: {},
      kind: row.kind,
      unit: row.unit,
      amount: (sum?.amount ?? 0) + row.amount,
      entries: (sum?.entries ?? 0) + row.entries,
      unknownAmount: (sum?.unknownAmount ?? 0) + row.unknownAmount,
      records: (sum?.records ?? 0) + row.records,
      drill: { source: row.drill.source, slice },
    });
  }
  return [...sums.values()];
}

/**
 * K11: the median of whole days from intake to destruction, per kind: the middle value (odd
 * count) or the two middle ones averaged (even), read off how many items took each number of
 * days (a count figure, so its month rollups serve it like any other).
 */
function leadTimes(reader: FigureReader): Measures['k11'] {
  const byDays = countRows(reader, 'k11', ['kind', 'days'], {});
  const kinds = [...new Set(byDays.map((row) => row.by.kind))].sort();
  return {
    byKind: kinds.map((kind) => {
      const rows = byDays.filter((row) => row.by.kind === kind);
      const items = rows.reduce((sum, row) => sum + row.count, 0);
      const known = rows
        .filter((row) => row.by.days !== 'null')
        .map((row) => ({ days: Number(row.by.days), count: row.count }))
        .sort((a, b) => a.days - b.days);
      const skip = Math.floor((items - 1) / 2);
      const take = 2 - (items % 2);
      const middle: number[] = [];
      let seen = 0;
      for (const { days, count } of known) {
        for (let at = Math.max(skip, seen); at < Math.min(seen + count, skip + take); at += 1) {
          middle.push(days);
        }
        seen += count;
        if (seen >= skip + take) break;
      }
      return {
        kind: kind as ItemKind,
        items,
        medianDays:
          middle.length === 0 ? null : middle.reduce((sum, days) => sum + days, 0) / middle.length,
        drill: { source: 'k11', slice: { kind } },
      };
    }),
  };
}

/** Every measure for the filter, from the figures the reader gives. */
export function assembleMeasures(filter: MeasureFilter, reader: FigureReader): Measures {
  const time = <T>(figure: string, run: () => T): T =>
    reader.time === undefined ? run() : reader.time(figure, run);
  const q = <const K extends string>(
    name: MeasureSource,
    dims: readonly K[],
    slice: Record<string, string> = {},
  ) => time(figureLabel(name, dims, slice), () => quantityRows(reader, name, dims, slice));
  const c = <const K extends string>(
    name: MeasureSource,
    dims: readonly K[],
    slice: Record<string, string> = {},
  ) => time(figureLabel(name, dims, slice), () => countRows(reader, name, dims, slice));
  const n = (name: MeasureSource, slice: Record<string, string>) =>
    time(figureLabel(name, [], slice), () => countOf(reader, name, slice));
  const p = (name: MeasureSource, whole: Record<string, string>, part: Record<string, string>) =>
    time(figureLabel(name, ['share'], { ...whole, ...part }), () =>
      proportion(reader, name, whole, part),
    );
  const backlogByAge = q('k10', ['age']);
  const destroyedCounts = q('destroyed_counts', ['sourceContext', 'method']);
  const sites = c('k16', ['meetsStandard']);
  return {
    filter,
    draftsLeftOut: time('drafts_left_out', () => reader.draftsLeftOut()),
    k1: {
      total: q('k1', []),
      byContext: q('k1', ['context']),
    },
    k2: {
      total: q('k2', [], { criminal: 'yes' }),
      byJustification: q('k2', ['legalJustification']),
    },
    k3: {
      byCategory: q('k3', ['category']),
      byType: q('k3', ['category', 'weaponType']),
      byUnodcType: q('k3', ['unodcType']),
      byRegisterCategory: q('k3', ['registerCategory']),
      byBarrel: q('k3', ['barrel']),
    },
    k4: {
      byIdentifiable: q('k4', ['uniquelyIdentifiable']),
      byIdentifiableAndMarking: q('k4', ['uniquelyIdentifiable', 'markingCondition']),
    },
    k5: { byPartType: q('k5', ['partType']) },
    k6: {
      byUnit: q('k6', []),
      byClass: q('k6', ['ammoClass']),
    },
    k7: {
      byUnit: q('k7', []),
      byType: q('k7', ['eoType']),
    },
    k8: {
      total: q('k8', []),
      byMethod: q('k8', ['method']),
      bySourceContext: q('k8', ['sourceContext']),
      countsWithoutItems: destroyedCounts.filter((row) => row.kind === 'weapon'),
    },
    k9: {
      byUnit: q('k9', []),
      byMethod: q('k9', ['method']),
      countsWithoutItems: destroyedCounts.filter((row) => row.kind === 'ammunition'),
    },
    k10: {
      asOf: filter.to,
      total: acrossDimension(backlogByAge, 'age'),
      byAge: backlogByAge,
    },
    k11: time('k11:median', () => leadTimes(reader)),
    k12: { byCampaign: q('k12', ['campaignId', 'disposition']) },
    k13: {
      byLocationType: q('k13', ['locationType']),
      byDirection: q('k13', ['direction']),
      byConveyance: q('k13', ['conveyance']),
      byRoute: q('k13', ['departure', 'destination']),
    },
    k14: {
      bySex: c('k14', ['role', 'sex']),
      byAgeBand: c('k14', ['role', 'ageBand']),
      bySexAndAgeBand: c('k14', ['role', 'sex', 'ageBand']),
    },
    k15: {
      stockChecks: n('k15_stock_checks', {}),
      discrepancies: c('k15_discrepancies', ['discrepancyKind']),
      incidents: c('k15_losses', ['incidentKind']),
      itemsDiverted: q('k15_diverted', ['incidentKind']),
    },
    k16: {
      bySite: sites,
      share: p('k16', {}, { meetsStandard: 'yes' }),
    },
    sdg16_4_2: {
      total: p('sdg_16_4_2', {}, { outcome: 'established' }),
      byContext: (['seized', 'found', 'surrendered'] as const).map((context) => ({
        context,
        value: p('sdg_16_4_2', { context }, { outcome: 'established' }),
      })),
      byTraceOutcome: c('sdg_16_4_2', ['outcome']),
      byEstablishedHow: c('sdg_16_4_2', ['how'], { outcome: 'established' }),
      uniquelyIdentifiable: p(
        'sdg_16_4_2',
        { uniquelyIdentifiable: 'yes' },
        { outcome: 'established' },
      ),
    },
  };
}
