import { z } from 'zod';
import { MeasureFilterSchema } from '../../measures/measure-filter.ts';
import {
  DrillKeySchema,
  MeasureRecordsSchema,
  MeasuresSchema,
} from '../../measures/measure-results.ts';

/** The most points of one layer the map is sent. */
export const mapPointLimit = 5000;

export const MapPointsSchema = z.object({
  points: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['intake', 'site', 'destruction']),
      lat: z.number().min(-90).max(90),
      lon: z.number().min(-180).max(180),
      /** The record's number or the site's name. */
      label: z.string(),
      /** What the point opens: an intake record, a site or a custody record. */
      entity: z.enum(['intake_event', 'location', 'custody_record']),
    }),
  ),
  truncated: z.boolean(),
});
export type MapPoints = z.infer<typeof MapPointsSchema>;

/**
 * The dashboard's measures (issue 16; salw-domain.md (b)): every one for a filter in one call,
 * and the records behind any figure. Read only; every role that may read records may read them
 * (checked in main).
 */
export const measureProcedures = {
  /** K1-K16 and SDG 16.4.2 for the filter, with how many drafts `finalOnly` left out. */
  getMeasures: { input: MeasureFilterSchema, output: MeasuresSchema },
  /**
   * The records behind one figure: its drill-down key (as the figure carries it) with the same
   * filter. Ids of items, intake records, custody records or sites, as the measure counts them.
   * VALIDATION_ERROR for a dimension the measure does not have.
   */
  listMeasureRecords: {
    input: z.object({
      filter: MeasureFilterSchema,
      drill: DrillKeySchema,
      limit: z.int().min(1).max(1000).default(100),
      offset: z.int().min(0).default(0),
    }),
    output: MeasureRecordsSchema,
  },
  /**
   * The Dashboard map's points for the filter: intake records of the period with coordinates
   * (the record's own, else its place's), storage sites and evidence rooms, and destructions of
   * the period at their site. At most `mapPointLimit` of each layer, newest first (`truncated`
   * says when more were left out).
   */
  listMapPoints: { input: MeasureFilterSchema, output: MapPointsSchema },
} as const;
