import { z } from 'zod';
import { MeasureFilterSchema } from '../../measures/measure-filter.ts';
import {
  DrillKeySchema,
  MeasureRecordsSchema,
  MeasuresSchema,
} from '../../measures/measure-results.ts';

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
} as const;
