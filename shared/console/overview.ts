import { z } from 'zod';
import { JurisdictionSchema } from '../domain/country-code.ts';
import { IntakeContextSchema } from '../domain/enums.ts';
import { RecordIdSchema } from '../domain/ids.ts';
import { IsoDateSchema } from '../domain/primitives.ts';
import { ReviewFilterSchema } from '../domain/record-review.ts';
import type { MeasureFilter } from '../measures/measure-filter.ts';

/**
 * The console's overview: the national measures (the laptop's MeasureResults, computed over the
 * server's PostgreSQL by server/console-data) for a filter the page keeps in its address, so a
 * filtered overview can be bookmarked. `consoleDataApiPaths` are server/console-data's paths
 * (consoleDataPaths there, a server module the browser code may not import), under /console/api.
 */
export const consoleDataApiPaths = {
  measures: '/measures',
  measureRecords: '/measures/records',
  mapPoints: '/measures/map-points',
  register: '/register',
  registerExport: '/register/export',
  record: (id: string) => `/records/${encodeURIComponent(id)}`,
  report: '/reports',
  reportPdf: '/reports/pdf',
  campaigns: '/campaigns',
} as const;

/** An HTML form's unselected choice: the empty text, meaning "any". */
const any = z.literal('');

/** The overview's filter as a query string's fields: the shared MeasureFilter's, as text. */
export const OverviewQueryFieldsSchema = z.object({
  from: IsoDateSchema,
  to: IsoDateSchema,
  jurisdiction: JurisdictionSchema.or(any).optional(),
  campaignId: RecordIdSchema.or(any).optional(),
  context: IntakeContextSchema.or(any).optional(),
  /** "false" counts drafts like finals; anything else (or nothing) leaves them out. */
  finalOnly: z.enum(['true', 'false']).or(any).optional(),
  /** Only intake records in this review state (and their items). */
  reviewState: ReviewFilterSchema.or(any).optional(),
});
export type OverviewQuery = z.infer<typeof OverviewQueryFieldsSchema>;

/** The address's query as the shared filter the measures are computed for. */
export const OverviewQuerySchema = OverviewQueryFieldsSchema
  // The same rule as the shared filter's, so the page can say which field is wrong.
  .refine((query) => query.from <= query.to, {
    message: 'The period ends before it starts.',
    path: ['to'],
  })
  .transform(
    ({ from, to, jurisdiction, campaignId, context, finalOnly, reviewState }): MeasureFilter => ({
      from,
      to,
      ...(jurisdiction ? { jurisdiction } : {}),
      ...(campaignId ? { campaignId } : {}),
      ...(context ? { context } : {}),
      finalOnly: finalOnly !== 'false',
      ...(reviewState ? { reviewState } : {}),
    }),
  );

/** The query string the console sends for a filter (empty choices left out). */
export function overviewQueryText(query: OverviewQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (typeof value === 'string' && value !== '') params.set(key, value);
  }
  return params.toString();
}
