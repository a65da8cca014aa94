import { z } from 'zod';
import { IntakeContextSchema } from '../domain/enums.ts';
import { itemKinds } from '../records/intake-items.ts';
import { MeasureFilterSchema } from './measure-filter.ts';

/**
 * The result of every measure of salw-domain.md (b), as the IPC contract carries it. Types come
 * from these schemas (z.infer), never from copies.
 *
 * Rules every figure follows:
 * - Quantities are per item kind AND unit, never summed across them: a row is one (kind, unit)
 *   with the dimensions it is broken down by. Weapons are pieces; parts are pieces; ammunition
 *   comes in rounds, kg, tonnes or boxes; explosives in pieces or kg. A lot whose unit is not
 *   known yet (a draft) is its own unit, `unknown`.
 * - `unknown` is a value like any other, never dropped: a dimension not recorded (a draft's
 *   missing weapon type, a surrenderer's sex not given) is counted under `unknown`.
 * - Each figure carries a drill-down key (DrillKey): the measure and the slice of it. Given back
 *   with the same filter to `listMeasureRecords`, it lists exactly the records the figure counts,
 *   selected by the same SQL definition, so figure and list cannot drift apart.
 */

/** Where `unknown` stands for a value not recorded. */
export const UNKNOWN = 'unknown';

/**
 * Every family of figures a drill-down can open. Most are one measure; a measure with two
 * sources (items and counts destroyed without items) has one per source.
 */
export const measureSourceValues = [
  'k1',
  'k2',
  'k3',
  'k4',
  'k5',
  'k6',
  'k7',
  'k8',
  'k9',
  'destroyed_counts',
  'k10',
  'k11',
  'k12',
  'k13',
  'k14',
  'k15_stock_checks',
  'k15_discrepancies',
  'k15_losses',
  'k15_diverted',
  'k16',
  'sdg_16_4_2',
] as const;
export const MeasureSourceSchema = z.enum(measureSourceValues);
export type MeasureSource = z.infer<typeof MeasureSourceSchema>;

/**
 * Opens the records behind one figure: the measure's source and the values of its dimensions
 * that the figure is (dimension name -> value, `unknown` included). An empty slice is the whole
 * measure. The filter is the request's, sent again beside it.
 */
export const DrillKeySchema = z.object({
  source: MeasureSourceSchema,
  slice: z.record(z.string().max(40), z.string().max(200)),
});
export type DrillKey = z.infer<typeof DrillKeySchema>;

export const ItemKindSchema = z.enum(itemKinds);

/**
 * One quantity: `entries` items or lots of one kind, `amount` their sum in `unit` (for weapons
 * the same as entries), `unknownAmount` the lots whose amount is not recorded (counted in
 * entries, not in amount). `records`: how many distinct records they come from (intake events,
 * or destruction records for the destroyed measures).
 */
const quantityShape = {
  kind: ItemKindSchema,
  unit: z.string(),
  amount: z.number(),
  entries: z.int().min(0),
  unknownAmount: z.int().min(0),
  records: z.int().min(0),
  drill: DrillKeySchema,
};

/** Rows of quantities broken down by the given dimensions (values as stored, or `unknown`). */
function rowsBy<const K extends string>(...dimensions: K[]) {
  const by = Object.fromEntries(dimensions.map((name) => [name, z.string()])) as Record<
    K,
    z.ZodString
  >;
  return z.array(z.object({ by: z.object(by), ...quantityShape }));
}

export const QuantityRowsSchema = rowsBy();
export type QuantityRows = z.infer<typeof QuantityRowsSchema>;

/** A count of things that are not items (people, stock checks, sites), with its records. */
const countShape = { count: z.int().min(0), drill: DrillKeySchema };
export const CountSchema = z.object(countShape);

function countsBy<const K extends string>(...dimensions: K[]) {
  const by = Object.fromEntries(dimensions.map((name) => [name, z.string()])) as Record<
    K,
    z.ZodString
  >;
  return z.array(z.object({ by: z.object(by), ...countShape }));
}

/** A proportion: `part` of `whole`, null when the whole is 0 (nothing to divide). */
export const ProportionSchema = z.object({
  part: z.int().min(0),
  whole: z.int().min(0),
  proportion: z.number().min(0).max(1).nullable(),
  partDrill: DrillKeySchema,
  wholeDrill: DrillKeySchema,
});
export type Proportion = z.infer<typeof ProportionSchema>;

/** K1 weapons recovered (intake date in the period), in total and by intake context. */
export const K1Schema = z.object({ total: QuantityRowsSchema, byContext: rowsBy('context') });
/**
 * K2 weapons seized for criminal offences: seized, legal justification not an administrative
 * violation. `byJustification` shows every seized weapon by its justification, `unknown` (a
 * draft's missing one) included, so what K2 leaves out stays visible.
 */
export const K2Schema = z.object({
  total: QuantityRowsSchema,
  byJustification: rowsBy('legalJustification'),
});
/** K3 weapons by UN category and by type, and by type cross-walked (weapon-crosswalks.ts). */
export const K3Schema = z.object({
  byCategory: rowsBy('category'),
  byType: rowsBy('category', 'weaponType'),
  /** Cross-walks (weapon-crosswalks.ts): UNODC firearm types, UN Register lines, barrel. */
  byUnodcType: rowsBy('unodcType'),
  byRegisterCategory: rowsBy('registerCategory'),
  byBarrel: rowsBy('barrel'),
});
/** K4 weapons by whether uniquely identifiable and by marking condition. */
export const K4Schema = z.object({
  byIdentifiable: rowsBy('uniquelyIdentifiable'),
  byIdentifiableAndMarking: rowsBy('uniquelyIdentifiable', 'markingCondition'),
});
/** K5 parts (pieces) by part type. */
export const K5Schema = z.object({ byPartType: rowsBy('partType') });
/** K6 ammunition by unit, and by class and unit. */
export const K6Schema = z.object({ byUnit: QuantityRowsSchema, byClass: rowsBy('ammoClass') });
/** K7 explosives by unit, and by explosive type and unit. */
export const K7Schema = z.object({ byUnit: QuantityRowsSchema, byType: rowsBy('eoType') });
/**
 * Counts destroyed without item records (legacy or bulk: a destruction's aggregate counts), by
 * the destruction's date, kept apart from item-level figures: they have no intake, so only the
 * site's jurisdiction and type filter them. Source context includes `surplus` (Roadmap Goal 6).
 */
export const DestroyedCountRowsSchema = z.array(
  z.object({
    by: z.object({ sourceContext: z.string(), method: z.string() }),
    ...quantityShape,
  }),
);
/**
 * K8 weapons destroyed, by DESTRUCTION date (a weapon taken in 2024 and destroyed in 2025 counts
 * in 2025): in total, by method and by source context (the intake context).
 */
export const K8Schema = z.object({
  total: QuantityRowsSchema,
  byMethod: rowsBy('method'),
  bySourceContext: rowsBy('sourceContext'),
  countsWithoutItems: DestroyedCountRowsSchema,
});
/** K9 ammunition destroyed, by destruction date: by unit and by method and unit. */
export const K9Schema = z.object({
  byUnit: QuantityRowsSchema,
  byMethod: rowsBy('method'),
  countsWithoutItems: DestroyedCountRowsSchema,
});
/** K10 backlog: items in custody, not destroyed, lost or returned at the period's end. */
export const backlogAgeValues = ['under_90_days', '90_to_365_days', 'over_1_year'] as const;
export const K10Schema = z.object({
  asOf: z.string(),
  total: QuantityRowsSchema,
  byAge: rowsBy('age'),
});
/** K11 intake-to-destruction lead time of the items destroyed in the period, per kind. */
export const K11Schema = z.object({
  byKind: z.array(
    z.object({
      kind: ItemKindSchema,
      items: z.int().min(0),
      medianDays: z.number().nullable(),
      drill: DrillKeySchema,
    }),
  ),
});
/** K12 collections by campaign (`none`: not campaign-based) and disposition requested. */
export const K12Schema = z.object({ byCampaign: rowsBy('campaignId', 'disposition') });
/**
 * K13 seizures and finds at border points (location types of A5's border rule): items and
 * (as `records`) events, by location type, direction, conveyance and route.
 */
export const K13Schema = z.object({
  byLocationType: rowsBy('locationType'),
  byDirection: rowsBy('direction'),
  byConveyance: rowsBy('conveyance'),
  byRoute: rowsBy('departure', 'destination'),
});
/**
 * K14 people by sex and age band, `unknown` kept: surrenderers (one per surrender) and persons
 * involved in seizures and finds (each one listed). Victims are not recorded yet.
 */
export const personRoleValues = ['surrenderer', 'person_involved'] as const;
export const K14Schema = z.object({
  bySex: countsBy('role', 'sex'),
  byAgeBand: countsBy('role', 'ageBand'),
  bySexAndAgeBand: countsBy('role', 'sex', 'ageBand'),
});
/**
 * K15 stock checks and losses in the period, at sites matching the filter: checks made, their
 * discrepancy lines by kind, loss and theft incidents, and the items they report diverted.
 */
export const K15Schema = z.object({
  stockChecks: CountSchema,
  discrepancies: countsBy('discrepancyKind'),
  incidents: countsBy('incidentKind'),
  itemsDiverted: rowsBy('incidentKind'),
});
/**
 * K16 storage sites (storage sites and evidence rooms, or the filter's location type) by whether
 * they met the minimum standard at the period's end: `yes`, `no`, `unknown` (not assessed by
 * then). The share is yes over every site, unknown included.
 */
export const K16Schema = z.object({
  bySite: countsBy('meetsStandard'),
  share: ProportionSchema,
});
/**
 * SDG 16.4.2: weapons seized (criminal offences only), found and surrendered in the period whose
 * illicit origin was established, by trace or by other means, as known when computed (a late
 * answer revises earlier periods, as the metadata expects).
 */
export const traceOutcomeValues = [
  'established',
  'pending',
  'insufficient_information',
  'never_attempted',
] as const;
export const SdgSchema = z.object({
  total: ProportionSchema,
  byContext: z.array(z.object({ context: IntakeContextSchema, value: ProportionSchema })),
  byTraceOutcome: countsBy('outcome'),
  byEstablishedHow: countsBy('how'),
  uniquelyIdentifiable: ProportionSchema,
});

export const MeasuresSchema = z.object({
  filter: MeasureFilterSchema,
  /** Draft intake records in the filter that `finalOnly` left out (0 when drafts count). */
  draftsLeftOut: z.int().min(0),
  k1: K1Schema,
  k2: K2Schema,
  k3: K3Schema,
  k4: K4Schema,
  k5: K5Schema,
  k6: K6Schema,
  k7: K7Schema,
  k8: K8Schema,
  k9: K9Schema,
  k10: K10Schema,
  k11: K11Schema,
  k12: K12Schema,
  k13: K13Schema,
  k14: K14Schema,
  k15: K15Schema,
  k16: K16Schema,
  sdg16_4_2: SdgSchema,
});
export type Measures = z.infer<typeof MeasuresSchema>;

/** What a drill-down opens: the ids of the records behind a figure, of one entity. */
export const measureRecordEntityValues = [
  'item',
  'intake_event',
  'custody_record',
  'location',
] as const;
export const MeasureRecordsSchema = z.object({
  entity: z.enum(measureRecordEntityValues),
  ids: z.array(z.string()),
  total: z.int().min(0),
});
export type MeasureRecords = z.infer<typeof MeasureRecordsSchema>;
