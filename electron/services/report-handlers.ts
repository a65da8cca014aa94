import { buildNationalReportDocument } from '../../shared/documents/national-report.ts';
import { xlsxMime } from '../../shared/ipc/procedures/documents.ts';
import {
  buildNationalReport,
  reportWords,
  type NationalReport,
} from '../../shared/reports/national-reports.ts';
import type { Language } from '../../shared/settings/settings.ts';
import { fileNameInLanguage } from '../../shared/documents/document-file-name.ts';
import type { DocumentOutput } from '../documents/document-output.ts';
import { renderPdf } from '../documents/render-pdf.ts';
import { XlsxTableWriter } from '../../shared/exports/table-writers.ts';
import type { HandlerTable } from '../ipc/handler-table.ts';
import type { IdleLock } from '../session/idle-lock.ts';
import type { Session } from '../session/session.ts';
import { listCampaigns } from '../store/campaigns-repository.ts';
import { computeMeasures } from '../store/measures/measures-queries.ts';
import { requireReportReader } from './permissions.ts';

type ReportHandlers = Pick<HandlerTable, 'getReport' | 'saveReport'>;

/** A report's tables as a workbook: one sheet per table, then its checks, in its language. */
function reportWorkbook(report: NationalReport, language: Language): Buffer {
  const words = reportWords[language];
  const parts: Uint8Array[] = [];
  const writer = new XlsxTableWriter({ write: (bytes) => parts.push(bytes) });
  for (const table of report.tables) {
    writer.beginTable(table.title, table.columns);
    for (const row of table.rows) writer.row(row);
    writer.endTable();
  }
  if (report.checks.length > 0) {
    writer.beginTable(words.checks, [words.check, words.result, words.detail]);
    for (const check of report.checks) {
      writer.row([check.label, check.pass ? words.pass : words.fail, check.detail]);
    }
    writer.endTable();
  }
  writer.finish();
  return Buffer.concat(parts);
}

/** "report-iafq-2025-01-01-2025-12-31.pdf". */
function fileNameOf(report: NationalReport, from: string, to: string, extension: string): string {
  return `report-${report.id.replace(/_/g, '-')}-${from}-${to}.${extension}`;
}

/**
 * National reports (issue 16), from the measures over the unlocked store: on screen in the
 * interface's language, saved in the language asked for (else the interface's) through the host's
 * document port (a save dialog on the desktop, a download in the browser preview).
 */
export function reportHandlers(
  session: Session,
  idle: IdleLock,
  output: DocumentOutput,
  language: () => Language,
  now: () => Date = () => new Date(),
): ReportHandlers {
  const build = (
    report: Parameters<typeof buildNationalReport>[0],
    filter: Parameters<typeof computeMeasures>[1],
    lang: Language,
  ) => {
    idle.touch();
    const { db, user } = session.requireUnlocked();
    requireReportReader(user);
    // The campaign report, and a report limited to a campaign, name campaigns by their names;
    // the measures hold their ids.
    const named = report === 'campaign' || filter.campaignId !== undefined;
    const campaigns = new Map(
      named ? listCampaigns(db).map((campaign) => [campaign.id, campaign.name]) : [],
    );
    return buildNationalReport(report, computeMeasures(db, filter), lang, { campaigns });
  };
  return {
    getReport: ({ report, filter }) => build(report, filter, language()),
    saveReport: async ({ report, filter, format, language: asked }) => {
      // The report's own words (titles, columns, checks) are written in it too, not only the
      // page around them: one language throughout.
      const lang = asked ?? language();
      const built = build(report, filter, lang);
      const named = (extension: string) =>
        fileNameInLanguage(fileNameOf(built, filter.from, filter.to, extension), lang, language());
      if (format === 'xlsx') {
        return output.deliver({
          fileName: named('xlsx'),
          bytes: reportWorkbook(built, lang),
          mime: xlsxMime,
        });
      }
      const bytes = await renderPdf(buildNationalReportDocument(built, lang, now().toISOString()));
      return output.deliver({ fileName: named('pdf'), bytes });
    },
  };
}
