import type { FastifyPluginAsync, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import {
  ConsoleReportQuerySchema,
  MeasureRecordsQuerySchema,
  RecordIdParamsSchema,
  RegisterExportQuerySchema,
  RegisterQuerySchema,
  type ConsoleExportAudit,
} from '../../shared/console/console-data.ts';
import { MeasureFilterSchema } from '../../shared/measures/measure-filter.ts';
import type { Database } from '../db/database.ts';
import { parseInput } from '../http/parse-input.ts';
import { SyncHttpError } from '../http/sync-http-error.ts';
import {
  computeServerMeasures,
  listServerMeasureRecords,
  UnknownDimensionError,
} from '../measures/measures-queries.ts';
import { listServerMapPoints } from '../measures/map-points-query.ts';
import { measureRecordRows } from './measure-record-rows.ts';
import { listCampaigns } from './campaigns.ts';
import { buildConsoleReport, consoleReportPdf } from './reports.ts';
import { exportRegister } from './register-export.ts';
import { BadCursorError, recordPage, searchRegister } from './register.ts';

/** The console's data API paths, under the prefix the console registers it at (/console/api). */
export const consoleDataPaths = {
  measures: '/measures',
  measureRecords: '/measures/records',
  mapPoints: '/measures/map-points',
  register: '/register',
  registerExport: '/register/export',
  record: '/records/:id',
  report: '/reports',
  reportPdf: '/reports/pdf',
  campaigns: '/campaigns',
} as const;

export interface ConsoleDataRoutesOptions {
  /**
   * The console's session guard (signed in, CSRF, the role that may read the register): every
   * route runs behind it. Owned by the console's shell, given here so this data needs no
   * knowledge of accounts.
   */
  readonly preHandler: preHandlerAsyncHookHandler;
  /** Hears each export when its last row is out: the console's audit log (who is in the request). */
  readonly audit?: (request: FastifyRequest, entry: ConsoleExportAudit) => Promise<void> | void;
  readonly clock?: () => Date;
}

/** A client's mistake in a filter or a page position is a 400, never a 5xx. */
function asClientError(error: unknown): never {
  if (error instanceof UnknownDimensionError || error instanceof BadCursorError) {
    throw new SyncHttpError(400, 'VALIDATION_ERROR', error.message);
  }
  throw error;
}

/**
 * The console's data (issue 17, item 4): national measures and the records behind a figure
 * (each with what it is listed by: measure-record-rows.ts),
 * the records register and a record's page, national reports for any scope, and exports of the
 * register, every input parsed by its shared schema. Reports, the register and its exports may
 * be limited to one team's scope (teamId); the overview's measures are the whole country's.
 * Register with `app.register(consoleDataRoutes(db, { preHandler }), { prefix: '/console/api' })`.
 */
export function consoleDataRoutes(
  db: Database,
  { preHandler, audit, clock = () => new Date() }: ConsoleDataRoutesOptions,
): FastifyPluginAsync {
  return async (app) => {
    app.addHook('preHandler', preHandler);

    app.post(consoleDataPaths.measures, async (request) =>
      computeServerMeasures(db, parseInput(MeasureFilterSchema, request.body, 'filter')),
    );

    app.post(consoleDataPaths.mapPoints, async (request) =>
      listServerMapPoints(db, parseInput(MeasureFilterSchema, request.body, 'filter')),
    );

    app.post(consoleDataPaths.measureRecords, async (request) => {
      const query = parseInput(MeasureRecordsQuerySchema, request.body, 'drill-down');
      const records = await listServerMeasureRecords(db, query.filter, query.drill, query).catch(
        asClientError,
      );
      return { ...records, rows: await measureRecordRows(db, records) };
    });

    app.get(consoleDataPaths.register, async (request) =>
      searchRegister(db, parseInput(RegisterQuerySchema, request.query, 'search')).catch(
        asClientError,
      ),
    );

    app.get(consoleDataPaths.record, async (request) => {
      const { id } = parseInput(RecordIdParamsSchema, request.params, 'record id');
      const page = await recordPage(db, id);
      if (page === null) throw new SyncHttpError(404, 'NOT_FOUND', 'There is no such record.');
      return page;
    });

    app.get(consoleDataPaths.campaigns, async () => listCampaigns(db));

    app.post(consoleDataPaths.report, async (request) =>
      buildConsoleReport(db, parseInput(ConsoleReportQuerySchema, request.body, 'report')),
    );

    app.post(consoleDataPaths.reportPdf, async (request, reply) => {
      const query = parseInput(ConsoleReportQuerySchema, request.body, 'report');
      const { bytes, fileName } = await consoleReportPdf(db, query, clock);
      await audit?.(request, {
        what: 'national_report',
        format: 'pdf',
        filter: {
          report: query.report,
          ...query.filter,
          ...(query.teamId === undefined ? {} : { teamId: query.teamId }),
        },
        rows: 1,
      });
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .send(bytes);
    });

    app.get(consoleDataPaths.registerExport, async (request, reply) => {
      const query = parseInput(RegisterExportQuerySchema, request.query, 'export');
      // Awaited before the reply starts: an unknown team is a plain refusal, not a cut stream.
      const out = await exportRegister(db, query, clock().toISOString().slice(0, 10));
      // The audit entry once the rows are counted: an export that fails midway says so in the
      // server's log and leaves no entry claiming rows that never went out.
      out.done.then(
        ({ rows }) =>
          audit?.(request, { what: 'register_export', format: query.format, filter: query, rows }),
        (error: unknown) => request.log.error({ err: error }, 'register export failed'),
      );
      return reply
        .type(out.mime)
        .header('content-disposition', `attachment; filename="${out.fileName}"`)
        .send(out.stream);
    });
  };
}
