import { z } from 'zod';
import { MeasureFilterSchema } from '../../measures/measure-filter.ts';
import { NationalReportSchema, ReportIdSchema } from '../../reports/national-reports.ts';
import { DocumentDeliverySchema, DocumentLanguageSchema } from './documents.ts';

/**
 * National reports (issue 16): SDG 16.4.2, the IAFQ's tables with their consistency checks, the
 * Programme of Action's figures, a campaign's results and the Roadmap's, for a period and filter,
 * on screen (in the interface's language) and saved as PDF or XLSX (in the language asked for,
 * else the interface's). Main computes them from the measures; every role that may read records
 * may read them (checked in main).
 */
const ReportRequestSchema = z.object({ report: ReportIdSchema, filter: MeasureFilterSchema });

export const reportProcedures = {
  getReport: { input: ReportRequestSchema, output: NationalReportSchema },
  saveReport: {
    input: ReportRequestSchema.extend({
      format: z.enum(['pdf', 'xlsx']),
      language: DocumentLanguageSchema,
    }),
    output: DocumentDeliverySchema,
  },
} as const;
